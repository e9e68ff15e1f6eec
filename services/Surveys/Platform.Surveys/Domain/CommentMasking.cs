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

    /// <summary>A masker for one roster: its names compiled once, longest first, so a full name goes before its parts.</summary>
    public static Func<string, string> For(IEnumerable<(string GivenName, string? FamilyName)> roster)
    {
        var names = roster
            .SelectMany(p => new[] { $"{p.GivenName} {p.FamilyName}", p.GivenName, p.FamilyName ?? "" })
            .Select(n => Regex.Replace(n.Trim(), @"\s+", " "))
            .Where(n => n.Count(char.IsLetter) >= 2)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(n => n.Length)
            .ToList();
        // Whole words only; a space in a full name matches any run of spaces; accents are ignored on both sides.
        var namePattern = names.Count == 0 ? null : new Regex(
            @"(?<![\p{L}\p{N}])(" + string.Join("|", names.Select(n => Regex.Escape(Fold(n)).Replace(@"\ ", @"\s+"))) + @")(?![\p{L}\p{N}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        return text =>
        {
            var masked = EmailPattern().Replace(text, Email);
            masked = PhonePattern().Replace(masked, Phone);
            if (namePattern is null) return masked;
            // Match on the accent-free text; folding keeps every character's position, so the spans map back one to one.
            var folded = Fold(masked);
            var result = new System.Text.StringBuilder(masked.Length);
            var at = 0;
            foreach (Match m in namePattern.Matches(folded))
            {
                result.Append(masked, at, m.Index - at).Append(Name);
                at = m.Index + m.Length;
            }
            return result.Append(masked, at, masked.Length - at).ToString();
        };
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
