using System.Text;
using System.Text.Json;
using Platform.Improvement.Domain;
using Platform.Spc;

namespace Improvement.Tests;

/// <summary>A measure's series upload: CSV and JSON read alike, then checked whole against the chart, every problem by row and column.</summary>
public sealed class DataPointUploadTests
{
    private const string Header = "period,numerator,denominator,excluded,note\n";

    private static (IReadOnlyList<DataPoint> Points, IReadOnlyList<PointProblem> Problems) Csv(ChartKind chart, string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return DataPointUpload.Check(chart, DataPointUpload.ReadCsv(stream));
    }

    private static (IReadOnlyList<DataPoint> Points, IReadOnlyList<PointProblem> Problems) Json(ChartKind chart, string json)
    {
        return DataPointUpload.Check(chart, DataPointUpload.ReadJson(JsonDocument.Parse(json).RootElement));
    }

    private static (int, string)[] Where(IReadOnlyList<PointProblem> problems) => problems.Select(p => (p.Row, p.Column)).ToArray();

    [Fact]
    public void A_good_csv_becomes_points_in_period_order_with_quotes_flags_and_notes()
    {
        var (points, problems) = Csv(ChartKind.P, Header + "2024-02-01,3,10,,\n2024-01-01,4,10,true,\"Snow day, closed\"\n2024-03-01,0,8,no,\n");
        Assert.Empty(problems);
        Assert.Equal([new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1), new DateOnly(2024, 3, 1)], points.Select(p => p.Period).ToArray());
        Assert.Equal(new DataPoint(new DateOnly(2024, 1, 1), 4, 10, true, "Snow day, closed"), points[0]);
        Assert.Equal(new DataPoint(new DateOnly(2024, 3, 1), 0, 8, false, null), points[2]);
    }

    [Fact]
    public void Every_bad_row_is_named_by_row_and_column_counting_the_header_as_row_1_and_nothing_is_kept()
    {
        var (points, problems) = Csv(ChartKind.P, Header +
            "2024-01-01,4,10,,\n" +          // row 2: fine
            "2024-13-01,4,10,,\n" +          // row 3: no such month
            "2024-03-01,11,10,,\n" +         // row 4: a proportion above 1
            "2024-04-01,4,0,,\n" +           // row 5: zero denominator
            "2024-05-01,x,10,maybe,\n" +     // row 6: numerator and excluded
            "2024-01-01,1,10,,\n" +          // row 7: the period of row 2 again
            "2024-07-01,1,10\n");            // row 8: too few fields
        Assert.Empty(points);
        Assert.Equal([(3, "period"), (4, "numerator"), (5, "denominator"), (6, "numerator"), (6, "excluded"), (7, "period"), (8, "*")], Where(problems).ToArray());
        Assert.Contains("Row 2", problems.Single(p => p.Row == 7).Message);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_does_not_hide_the_problems_of_the_others()
    {
        var (_, problems) = Csv(ChartKind.P, Header + "2024-13-01,11,10,,\n2024-07-01,1,10\n");
        Assert.Equal([(2, "period"), (2, "numerator"), (3, "*")], Where(problems));
    }

    [Theory]
    [InlineData(ChartKind.P, "2024-01-01,4,,,", "denominator")]
    [InlineData(ChartKind.U, "2024-01-01,4,0,,", "denominator")]
    [InlineData(ChartKind.U, "2024-01-01,4,-2,,", "denominator")]
    [InlineData(ChartKind.Run, "2024-01-01,4,10,,", "denominator")]
    [InlineData(ChartKind.I, "2024-01-01,4,10,,", "denominator")]
    [InlineData(ChartKind.C, "2024-01-01,4,10,,", "denominator")]
    [InlineData(ChartKind.C, "2024-01-01,-1,,,", "numerator")]
    [InlineData(ChartKind.P, "2024-01-01,-1,10,,", "numerator")]
    [InlineData(ChartKind.I, "2024-01-01,NaN,,,", "numerator")]
    [InlineData(ChartKind.I, ",4,,,", "period")]
    [InlineData(ChartKind.I, "01/02/2024,4,,,", "period")]
    [InlineData(ChartKind.I, "2024-01-01,,,,", "numerator")]
    public void Each_chart_takes_the_denominators_and_numerators_it_can_read(ChartKind chart, string row, string column)
    {
        var (points, problems) = Csv(chart, Header + row + "\n");
        Assert.Empty(points);
        Assert.Equal([(2, column)], Where(problems));
    }

    [Fact]
    public void Run_I_and_U_charts_take_what_they_can_plot()
    {
        Assert.Empty(Csv(ChartKind.I, Header + "2024-01-01,-3.5,,,\n").Problems); // an individuals chart may go below zero
        Assert.Empty(Csv(ChartKind.U, Header + "2024-01-01,12,4,,\n").Problems);  // a rate above 1 is a rate
        Assert.Empty(Csv(ChartKind.P, Header + "2024-01-01,10,10,,\n").Problems); // all of them
    }

    [Fact]
    public void A_wrong_header_is_named_and_an_empty_upload_too()
    {
        Assert.Equal([(1, "header")], Where(Csv(ChartKind.I, "date,value\n2024-01-01,3\n").Problems));
        Assert.Equal([(1, "header")], Where(Csv(ChartKind.I, "").Problems));
        var (points, problems) = Csv(ChartKind.I, Header);
        Assert.Empty(problems);
        Assert.Empty(points); // a header alone clears the series
    }

    [Fact]
    public void More_than_a_thousand_points_are_refused_with_the_first_row_past_the_cap()
    {
        var rows = string.Concat(Enumerable.Range(0, 1001).Select(i => $"{new DateOnly(1930, 1, 1).AddMonths(i):yyyy-MM-dd},{i},,,\n"));
        var (points, problems) = Csv(ChartKind.C, Header + rows);
        Assert.Empty(points);
        var problem = Assert.Single(problems);
        Assert.Equal((1002, "*"), (problem.Row, problem.Column));
        Assert.Contains("1,000", problem.Message);
        Assert.Empty(Csv(ChartKind.C, Header + string.Concat(rows.Split('\n').Take(1000).Select(r => r + "\n"))).Problems);
    }

    [Fact]
    public void Json_rows_count_from_1_and_wrong_types_and_unknown_fields_are_named()
    {
        var (points, problems) = Json(ChartKind.P, """
            [{"period": "2024-01-01", "numerator": 3, "denominator": 10},
             {"period": "2024-02-01", "numerator": "3", "denominator": 10, "excluded": "yes"},
             {"period": "2024-03-01", "numerator": 3, "denominator": 10, "colour": "red"},
             7]
            """);
        Assert.Empty(points);
        Assert.Equal([(2, "numerator"), (2, "excluded"), (3, "colour"), (4, "*")], Where(problems));
        Assert.Equal([(1, "period")], Where(Json(ChartKind.I, """[{"period": "2024-02-30", "numerator": 1}]""").Problems));
        Assert.Equal([(0, "*")], Where(Json(ChartKind.P, """{"period": "2024-01-01"}""").Problems));
    }

    [Fact]
    public void Json_and_csv_give_the_same_points_and_the_same_row_checks()
    {
        var (fromJson, none) = Json(ChartKind.U, """
            [{"period": "2024-01-01", "numerator": 2.5, "denominator": 4, "excluded": true, "note": "Audit"},
             {"period": "2024-02-01", "numerator": 3, "denominator": 5, "excluded": null}]
            """);
        Assert.Empty(none);
        Assert.Equal(Csv(ChartKind.U, Header + "2024-01-01,2.5,4,true,Audit\n2024-02-01,3,5,,\n").Points, fromJson);
        Assert.Equal([(1, "denominator")], Where(Json(ChartKind.C, """[{"period": "2024-01-01", "numerator": 2, "denominator": 4}]""").Problems));
    }

    [Fact]
    public void A_signal_that_grows_is_not_new_but_one_at_another_period_or_of_another_kind_is()
    {
        var jan = new DateOnly(2024, 1, 1);
        Signal S(SignalKind kind, DateOnly first, int months) => new(kind, 1, first, first.AddMonths(months), true);
        var before = new[] { S(SignalKind.Runs, jan, 8), S(SignalKind.OutsideLimits, jan.AddMonths(3), 0) };
        var after = new[] { S(SignalKind.Runs, jan, 10), S(SignalKind.OutsideLimits, jan.AddMonths(3), 0), S(SignalKind.OutsideLimits, jan.AddMonths(11), 0), S(SignalKind.Runs, jan.AddMonths(12), 9) };
        Assert.Equal([after[2], after[3]], SignalChanges.New(before, after));
        Assert.Empty(SignalChanges.New(after, after));
    }
}
