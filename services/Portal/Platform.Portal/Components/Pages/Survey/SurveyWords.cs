namespace Platform.Portal.Components.Pages.Survey;

/// <summary>
/// The survey page's own words in the languages the survey is offered in (the questions come translated from the API).
/// Spanish is a draft by the platform team, to be reviewed by a translator. Hand-written: a dozen strings on one page do
/// not warrant resource files and a localization pipeline yet.
/// </summary>
public static class SurveyWords
{
    public static readonly IReadOnlyDictionary<string, string> LanguageNames = new Dictionary<string, string> { ["en"] = "English", ["es"] = "Español" };

    private static readonly Dictionary<string, string> Spanish = new()
    {
        ["This survey link cannot be used"] = "Este enlace de la encuesta no se puede usar",
        ["Thank you"] = "Gracias",
        ["Your answers for {0} ({1}) are submitted."] = "Sus respuestas para {0} ({1}) están enviadas.",
        ["Your hub sees only results for groups of five or more people, never your own answers."] = "El equipo central de su red ve solo resultados de grupos de cinco o más personas, nunca sus propias respuestas.",
        ["{0} · network year {1} · open until {2}"] = "{0} · año de la red {1} · abierta hasta el {2}",
        ["Section {0} of {1} · {2} of {3} questions answered"] = "Sección {0} de {1} · {2} de {3} preguntas respondidas",
        ["Your answers are saved. Use the same link to continue later, on any device."] = "Sus respuestas están guardadas. Use el mismo enlace para continuar más tarde, en cualquier dispositivo.",
        ["Before you submit, please answer these questions:"] = "Antes de enviar, responda estas preguntas:",
        ["Some answers could not be saved:"] = "Algunas respuestas no se pudieron guardar:",
        ["(optional)"] = "(opcional)",
        ["Back"] = "Atrás",
        ["Save and continue"] = "Guardar y continuar",
        ["Submit my answers"] = "Enviar mis respuestas",
        ["Save and finish later"] = "Guardar y terminar más tarde",
        ["Language"] = "Idioma",
        ["Show in {0}"] = "Mostrar en {0}",
    };

    /// <summary>The page's text in <paramref name="language"/> (English when it has no such words).</summary>
    public static string In(string language, string english, params object[] args)
    {
        var text = language == "es" && Spanish.TryGetValue(english, out var es) ? es : english;
        return args.Length == 0 ? text : string.Format(System.Globalization.CultureInfo.InvariantCulture, text, args);
    }
}
