using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Platform.Surveys.Application;
using Platform.Surveys.Domain;

namespace Surveys.Tests;

public class CommentsTests
{
    private static readonly Instrument Builtin = BuiltInInstruments.Load().Single(i => i.Id == "network-health-member");

    private static readonly (string, string?)[] Roster = [("Maria", "García"), ("Sam", "Reyes"), ("Jo", "Li"), ("Ann", null)];

    [Theory]
    [InlineData("Maria García helped us a lot", "[name] helped us a lot")]
    [InlineData("maria garcia and SAM were great", "[name] and [name] were great")]
    [InlineData("Ask Reyes; Sam's notes too", "Ask [name]; [name]'s notes too")]
    [InlineData("Samuel and Joanna and Annual plans", "Samuel and Joanna and Annual plans")] // parts of words are not names
    [InlineData("Jo Li, J. and A. came", "[name], J. and A. came")] // initials are not matched (said in the class)
    [InlineData("mail me at sam.reyes@school.org or (555) 123-4567", "mail me at [email] or [phone]")]
    [InlineData("call +1 555 123 4567 tonight", "call [phone] tonight")]
    [InlineData("we ran 3 cycles in 2025 and 12 in 2026", "we ran 3 cycles in 2025 and 12 in 2026")] // years and counts stay
    public void Names_on_the_roster_email_addresses_and_phone_numbers_are_masked(string text, string expected) =>
        Assert.Equal(expected, CommentMasking.For(Roster)(text));

    /// <summary>Wherever a roster name stands as a word in a comment, in any case, it is gone after masking.</summary>
    [Property(MaxTest = 300)]
    public Property No_roster_name_survives_masking(NonEmptyArray<(byte Person, bool Upper, byte Filler)> words)
    {
        string[] fillers = ["thanks", "to", "the", "hub,", "and", "our", "coach.", "(great)", "—"];
        var text = string.Join(" ", words.Get.Select(w =>
        {
            var (given, family) = Roster[w.Person % Roster.Length];
            var word = w.Filler % 3 == 0 ? fillers[w.Filler % fillers.Length] : w.Filler % 3 == 1 || family is null ? given : $"{given} {family}";
            return w.Upper ? word.ToUpperInvariant() : word;
        }));
        var masked = CommentMasking.For(Roster)(text);
        var words2 = masked.Split([' ', ',', '.', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        var names = Roster.SelectMany(p => new[] { p.Item1, p.Item2 }).OfType<string>();
        return words2.All(w => names.All(n => !string.Equals(w, n, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(w, n.Replace('í', 'i'), StringComparison.OrdinalIgnoreCase))).Label(masked);
    }

    [Theory]
    [InlineData("Mary-Jane O'Brien and o'brien, not Mary or Jane", "[name] and [name], not Mary or Jane")]
    [InlineData("Ms. Ñúñez-Díaz said so; NUNEZ-DIAZ too", "Ms. [name] said so; [name] too")]
    public void Names_with_hyphens_apostrophes_and_accents_are_masked_whole(string text, string expected) =>
        Assert.Equal(expected, CommentMasking.For([("Mary-Jane", "O'Brien"), ("Lu", "Ñúñez-Díaz")])(text));

    /// <summary>
    /// A read costs the same for a large roster: 500 comments against 10,000 people (a regex alternation of every name
    /// took 12.7 s here; the lookup by first word takes milliseconds).
    /// </summary>
    [Fact]
    public void Masking_stays_fast_for_a_roster_of_ten_thousand()
    {
        var random = new Random(1);
        string Word(int length) => new([.. Enumerable.Range(0, length).Select(_ => (char)('a' + random.Next(26)))]);
        var roster = Enumerable.Range(0, 10_000).Select(_ => (Word(5 + random.Next(4)), (string?)Word(6 + random.Next(5)))).ToList();
        var comments = Enumerable.Range(0, 500).Select(_ => string.Join(' ', Enumerable.Range(0, 40).Select(_ => Word(3 + random.Next(6))))).ToList();
        comments[0] += $" thanks {roster[42].Item1} {roster[42].Item2}";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var mask = CommentMasking.For(roster);
        var masked = comments.Select(mask).ToList();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"500 comments took {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.EndsWith(" thanks [name]", masked[0]);
    }

    [Fact]
    public void A_question_answered_by_fewer_than_ten_shows_nothing_but_that()
    {
        var answers = Enumerable.Range(0, 9).Select(i => ("OT1", $"keep it {i}")).Append(("OT2", "   ")).ToList();
        var comments = WaveComments.Of(Builtin, answers, t => t, new Random(1));
        Assert.All(comments, c => Assert.Null(c.Comments));
        Assert.All(comments, c => Assert.Equal("fewer than 10 answers", c.Note));
        Assert.Equal(["OT1", "OT2"], comments.Select(c => c.ItemId));
    }

    [Fact]
    public void At_ten_answers_a_question_shows_them_masked_in_an_order_unrelated_to_submission()
    {
        var answers = Enumerable.Range(0, 40).Select(i => ("OT1", $"answer {i:D2} from Sam")).ToList();
        var mask = CommentMasking.For(Roster);
        var orders = Enumerable.Range(0, 5).Select(seed => WaveComments.Of(Builtin, answers, mask, new Random(seed))[0].Comments!).ToList();
        Assert.All(orders, o => Assert.Equal(answers.Select(a => a.Item2.Replace("Sam", "[name]")).Order(), o.Order()));
        Assert.All(orders, o => Assert.NotEqual(answers.Select(a => a.Item2.Replace("Sam", "[name]")), o));
        Assert.True(orders.Distinct(new SequenceComparer()).Count() > 1, "each read is shuffled anew");
        var ot2 = WaveComments.Of(Builtin, answers, mask, new Random(1))[1];
        Assert.Equal(("OT2", (IReadOnlyList<string>?)null), (ot2.ItemId, ot2.Comments));
    }

    private sealed class SequenceComparer : IEqualityComparer<IReadOnlyList<string>>
    {
        public bool Equals(IReadOnlyList<string>? x, IReadOnlyList<string>? y) => x!.SequenceEqual(y!);
        public int GetHashCode(IReadOnlyList<string> obj) => obj.Count;
    }
}
