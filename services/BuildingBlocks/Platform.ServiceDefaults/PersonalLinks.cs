using System.Text.RegularExpressions;

namespace Platform.ServiceDefaults;

/// <summary>
/// Personal-link tokens (onboarding invitations, survey links) are credentials and would identify a respondent's
/// requests: they never reach a trace. Paths keep their shape with the token replaced.
/// </summary>
public static partial class PersonalLinks
{
    [GeneratedRegex("/(invitations|respond|survey)/[^/?#]+", RegexOptions.IgnoreCase)]
    private static partial Regex TokenSegment();

    public static string? Redact(string? pathOrUrl) => pathOrUrl is null ? null : TokenSegment().Replace(pathOrUrl, "/$1/{token}");
}
