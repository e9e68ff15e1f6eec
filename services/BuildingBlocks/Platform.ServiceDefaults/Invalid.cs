using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Platform.ServiceDefaults;

/// <summary>
/// The one way an endpoint says "this input is wrong". Every answer is problem+json: a field's problems under
/// <c>errors</c> (field name to messages), a batch's problems as a named list that says which item or row is wrong.
/// </summary>
public static class Invalid
{
    /// <summary>400 naming one field.</summary>
    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>400 naming several fields (field name to its messages).</summary>
    public static ValidationProblem Fields(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors);

    /// <summary>400 about the request as a whole (its size or shape), when no single field is at fault.</summary>
    public static ProblemHttpResult Request(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>
    /// A batch refused whole: every problem is listed under <paramref name="listName"/> (for example <c>items</c>,
    /// <c>lookFors</c>, or <c>errors</c> for CSV rows), each naming its item or row, and nothing of the batch is applied.
    /// </summary>
    public static ProblemHttpResult Batch<T>(string title, string detail, string listName, IReadOnlyList<T> problems,
        int status = StatusCodes.Status400BadRequest, IReadOnlyDictionary<string, object?>? more = null)
    {
        var details = new ProblemDetails { Status = status, Title = title, Detail = detail, Extensions = { [listName] = problems } };
        foreach (var (key, value) in more ?? new Dictionary<string, object?>()) details.Extensions[key] = value;
        return TypedResults.Problem(details);
    }
}
