namespace Platform.HealthModel;

/// <summary>
/// Small-group suppression (domain.md section 4): no aggregate over fewer than <see cref="Floor"/> respondents is shown
/// (a tenant may raise the minimum, never lower it); open text needs <see cref="OpenTextFloor"/>. Among subgroups,
/// hiding one group also hides the next-smallest, so no hidden value can be recovered from the total and the rest.
/// </summary>
public static class Suppression
{
    public const int Floor = 5;
    public const int OpenTextFloor = 10;

    /// <summary>The minimum group size in force: the tenant's setting, but never below the floor.</summary>
    public static int MinimumN(int? tenantSetting = null) => Math.Max(Floor, tenantSetting ?? Floor);

    /// <summary>What a hidden cell says instead of a number.</summary>
    public static string HiddenNote(int minimumN) => $"fewer than {minimumN} responses";

    public static bool IsReportable(int n, int minimumN) => n >= minimumN;

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
