namespace Platform.HealthModel;

/// <summary>A survey's response rate (domain.md section 3): % of invited members who submitted, to one decimal; 0 with nobody invited.</summary>
public static class ResponseRate
{
    public static decimal Of(int submitted, int invited) =>
        invited <= 0 ? 0m : Math.Round(100m * submitted / invited, 1, MidpointRounding.AwayFromZero);
}
