using System.Text.RegularExpressions;
using Platform.Surveys.Domain;

namespace Platform.Surveys.Apis;

/// <summary>
/// What the respond API says to a member, in the survey's languages: the rules word their refusals in English once
/// (Domain), and a member answering in Spanish reads them in Spanish (a draft, like the survey's translation).
/// Hand-written: a dozen sentences do not warrant resource files yet.
/// </summary>
public static partial class RespondTexts
{
    private static readonly Dictionary<string, string> Spanish = new()
    {
        ["This survey link is not valid. Check that you used the whole link from your mail."] = "Este enlace de la encuesta no es válido. Compruebe que usó el enlace completo de su correo.",
        ["Your answers changed on another device at the same moment. Reload the survey and try again."] = "Sus respuestas cambiaron en otro dispositivo al mismo tiempo. Vuelva a cargar la encuesta e inténtelo de nuevo.",
        ["This survey was already submitted; answers can no longer change."] = "Esta encuesta ya se envió; las respuestas ya no pueden cambiar.",
        ["This survey was already submitted."] = "Esta encuesta ya se envió.",
        ["Some answers cannot be accepted; nothing was changed"] = "Algunas respuestas no se pueden aceptar; no se cambió nada",
        ["This question needs an answer before you submit."] = "Esta pregunta necesita una respuesta antes de enviar.",
        ["This instrument has no such item."] = "Esta encuesta no tiene esa pregunta.",
        ["An open-text answer is a string."] = "Una respuesta abierta es un texto.",
        [$"At most {Instrument.MaxOpenTextLength} characters."] = $"Como máximo {Instrument.MaxOpenTextLength} caracteres.",
        [$"A rating is a whole number from {Instrument.RatingMin} to {Instrument.RatingMax}."] = $"Una valoración es un número entero del {Instrument.RatingMin} al {Instrument.RatingMax}.",
    };

    [GeneratedRegex(@"^(-?\d+) is outside (\d+) to (\d+)\.$")]
    private static partial Regex Outside();

    [GeneratedRegex(@"^This survey closed on (\S+) and takes no more answers\.$")]
    private static partial Regex Closed();

    /// <summary>The sentence in <paramref name="language"/>; English when it is English or has no translation.</summary>
    public static string In(string? language, string english)
    {
        if (language != "es") return english;
        if (Spanish.TryGetValue(english, out var es)) return es;
        if (Outside().Match(english) is { Success: true } o) return $"{o.Groups[1].Value} está fuera del rango de {o.Groups[2].Value} a {o.Groups[3].Value}.";
        if (Closed().Match(english) is { Success: true } c) return $"Esta encuesta cerró el {c.Groups[1].Value} y ya no acepta respuestas.";
        return english;
    }

    public static IReadOnlyList<AnswerProblem> In(string? language, IReadOnlyList<AnswerProblem> problems) =>
        language == "es" ? problems.Select(p => p with { Message = In(language, p.Message) }).ToList() : problems;
}
