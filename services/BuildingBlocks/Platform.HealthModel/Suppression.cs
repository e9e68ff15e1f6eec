namespace Platform.HealthModel;

/// <summary>
/// Small-group suppression (domain.md section 4): no aggregate over fewer than <see cref="MinimumN"/> respondents is shown;
/// open text needs <see cref="OpenTextFloor"/>. Among subgroups, hiding one group also hides the next-smallest, so no
/// hidden value can be recovered from the total and the rest. Every tenant uses the floor today: domain.md lets a tenant
/// raise it, and no tenant setting exists yet to carry that (see docs/privacy.md).
/// </summary>
public static class Suppression
{
    /// <summary>
    /// The minimum group size. Reporting's SQL guards funders' benchmark pools with the same number as a second floor
    /// (<c>greatest(p_min_n, 5)</c>); a test on PostgreSQL pins the two (EndToEnd.Tests' BenchmarkPoolTests).
    /// </summary>
    public const int MinimumN = 5;

    /// <summary>The minimum number of answers before an open question's text is shown.</summary>
    public const int OpenTextFloor = 10;

    /// <summary>What a hidden cell says instead of a number.</summary>
    public static string HiddenNote(int minimumN) => $"fewer than {minimumN} responses";

    /// <summary>Whether a figure over <paramref name="n"/> respondents may be shown.</summary>
    public static bool IsReportable(int n, int minimumN = MinimumN) => n >= minimumN;

    /// <summary>
    /// The keys of the subgroups to hide. Every group under the minimum is hidden; when that leaves exactly one hidden
    /// group, the smallest visible group is hidden too (complementary suppression), because one hidden group's value
    /// would follow from the total minus the visible groups.
    /// </summary>
    /// <param name="alreadyHidden">Groups hidden for another reason (e.g. the whole group, when hiding one of its scales).</param>
    public static IReadOnlySet<TKey> HiddenGroups<TKey>(IEnumerable<(TKey Key, int N)> groups, int minimumN, IReadOnlySet<TKey>? alreadyHidden = null)
        where TKey : notnull
    {
        var ordered = groups.OrderBy(g => g.N).ToList();
        var hidden = ordered.Where(g => g.N < minimumN || alreadyHidden?.Contains(g.Key) == true).Select(g => g.Key).ToHashSet();
        if (hidden.Count == 1 && ordered.Count > 1)
            hidden.Add(ordered.First(g => !hidden.Contains(g.Key)).Key);
        return hidden;
    }
}
