using Platform.Assessments.Data;
using Platform.Assessments.Domain;
using Platform.Data;

namespace Platform.Assessments.Application;

/// <summary>A session's summary from its stored ratings: what the summary endpoint shows and what closing (and a replay) publishes.</summary>
public static class SessionSummaries
{
    public static async Task<SessionSummary?> SummarizeAsync(UnitOfWork uow, AssessmentStore store, RubricCatalog catalog, RubricSession session, CancellationToken ct)
    {
        var raters = await store.RatersAsync(uow, session.Id, ct);
        var names = raters.ToDictionary(r => r.PersonId, r => r.Name);
        return RubricSummaries.Summarize(catalog.Find(session.RubricId, session.RubricVersion)!, await store.RatingsAsync(uow, session.Id, null, ct), raters.Count,
            rater => session.Attribution == Attribution.Attributed ? names.GetValueOrDefault(rater) : null);
    }
}
