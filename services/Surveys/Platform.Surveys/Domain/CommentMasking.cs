using System.Text.RegularExpressions;

namespace Platform.Surveys.Domain;

/// <summary>
/// Masks what would name a person in a member's comment before the hub reads it: the names of the wave's roster, email
/// addresses and phone numbers. Names are matched as whole words, ignoring case and accents, a full name before its parts;
/// a part shorter than two letters is not matched. It does not catch nicknames, misspellings, initials, names of people
/// outside the roster, or a person described without a name ("our principal"); and a name that is also a word ("Will",
/// "Grace") is masked as a word too.
/// </summary>
public static partial class CommentMasking
{
    public const string Name = "[name]";
    public const string Email = "[email]";
    public const string Phone = "[phone]";

    [GeneratedRegex(@"[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(\.[\p{L}\p{N}\-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    // Seven or more digits, optionally grouped by spaces, dots, dashes or brackets, after an optional + or bracket.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])[+(]?(\d[\s.\-()]*){6,}\d(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    /// <summary>
    /// A masker for one roster. Names are looked up by their first word, so a read costs the same for a roster of ten or
    /// ten thousand (one alternation of every name was 25 ms a comment at 10,000 people); at each word the longest name
    /// that matches there wins, so a full name goes before its parts.
    /// </summary>
    public static Func<string, string> For(IEnumerable<(string GivenName, string? FamilyName)> roster)
    {
        var byFirstWord = roster
            .SelectMany(p => new[] { $"{p.GivenName} {p.FamilyName}", p.GivenName, p.FamilyName ?? "" })
            .Select(n => Fold(string.Join(' ', n.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Trim(NotWordEdge)).ToLowerInvariant())
            .Where(n => n.Count(char.IsLetter) >= 2 && IsWordChar(n[0]))
            .Distinct()
            .GroupBy(n => n[..WordEnd(n, 0)])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(n => n.Length).ToArray());

        return text =>
        {
            var masked = EmailPattern().Replace(text, Email);
            masked = PhonePattern().Replace(masked, Phone);
            if (byFirstWord.Count == 0) return masked;
            // Match on the accent-free, lower-case text; both keep every character's position, so spans map back one to one.
            var folded = Fold(masked).ToLowerInvariant();
            var result = new System.Text.StringBuilder(masked.Length);
            var copied = 0;
            for (var at = 0; at < folded.Length;)
            {
                if (!IsWordChar(folded[at]) || (at > 0 && IsWordChar(folded[at - 1]))) { at++; continue; }
                var wordEnd = WordEnd(folded, at);
                var end = byFirstWord.TryGetValue(folded[at..wordEnd], out var names)
                    ? names.Select(n => MatchEnd(folded, at, n)).FirstOrDefault(e => e > 0) : 0;
                if (end == 0) { at = wordEnd; continue; }
                result.Append(masked, copied, at - copied).Append(Name);
                copied = at = end;
            }
            return result.Append(masked, copied, masked.Length - copied).ToString();
        };
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c);

    private static readonly char[] NotWordEdge = [.. "'’\"-.,;:!?()[]{}"];

    private static int WordEnd(string text, int from)
    {
        var end = from;
        while (end < text.Length && IsWordChar(text[end])) end++;
        return end;
    }

    /// <summary>Where <paramref name="name"/> ends when it stands at <paramref name="at"/> as whole words (a space in it matches any run of white space), else 0.</summary>
    private static int MatchEnd(string text, int at, string name)
    {
        var t = at;
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == ' ')
            {
                if (t >= text.Length || !char.IsWhiteSpace(text[t])) return 0;
                while (t < text.Length && char.IsWhiteSpace(text[t])) t++;
            }
            else if (t < text.Length && text[t] == name[i]) t++;
            else return 0;
        }
        return t < text.Length && IsWordChar(text[t]) ? 0 : t;
    }

    // The services run with invariant globalization (no ICU), where string.Normalize cannot decompose letters; so the
    // accented Latin letters that names in English, Spanish, French, Portuguese and German use are listed here.
    private const string Accented = "áàâäãåéèêëíìîïóòôöõøúùûüýÿñçÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕØÚÙÛÜÝŸÑÇ";
    private const string Plain    = "aaaaaaeeeeiiiioooooouuuuyyncAAAAAAEEEEIIIIOOOOOOUUUUYYNC";

    /// <summary>The text with each accented letter replaced by its base letter, one character for one.</summary>
    private static string Fold(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var at = Accented.IndexOf(source[i]);
            span[i] = at < 0 ? source[i] : Plain[at];
        }
    });
}
