using AngleSharp.Html.Parser;
using Markdig;
using MutualPlan.Planning.Documents;
using MutualPlan.Planning.Plans;

namespace MutualPlan.Tests.Documents;

/// <summary>
/// The Markdown document read back by a GitHub-style Markdown reader shows exactly the words people
/// typed, however much they look like Markdown or HTML: nothing formatted, nothing lost, no row split.
/// </summary>
public sealed class MarkdownRoundTripTests
{
    private static readonly string[] Awkward =
    [
        "Legal | procurement sign", "*Not* bold_or_italic_", "Path C:\\temp\\*.csv", "`code` & <b>tags</b> &amp;",
        "[link](javascript:alert(1))", "# not a heading", "~~kept~~ !image", "5 < 6 > 4", "Plain words",
    ];

    private static DocumentModel Document()
    {
        var plan = new Plan { Title = "Round # trip * plan", BuyerCompany = "Northwind & Co", Currency = "EUR" };
        var date = new DateOnly(2027, 1, 4);
        foreach (var title in Awkward)
        {
            var m = new Milestone { Title = title, TargetDate = date, Owner = OwnerSide.Buyer, Status = MilestoneStatus.Planned };
            m.Actions.Add(new ActionItem { Side = Side.Buyer, Description = title + " (buyer)", MilestoneId = m.Id });
            m.Actions.Add(new ActionItem { Side = Side.Buyer, Description = "second\nline | two", MilestoneId = m.Id });
            plan.Milestones.Add(m);
            date = date.AddDays(7);
        }
        return DocumentBuilder.Build(plan, Audience.Buyer, new DateOnly(2026, 11, 23), "Alex", "EUR 10,000");
    }

    private static AngleSharp.Dom.IElement MilestoneTable(string markdown)
    {
        var html = Markdown.ToHtml(markdown, new MarkdownPipelineBuilder().UsePipeTables().Build());
        var doc = new HtmlParser().ParseDocument(html);
        var heading = doc.QuerySelectorAll("h2").Single(h => h.TextContent == "Milestones");
        var table = heading.NextElementSibling;
        Assert.Equal("TABLE", table?.TagName);
        return table!;
    }

    [Fact]
    public void Every_milestone_title_reads_back_exactly_as_typed()
    {
        var table = MilestoneTable(MarkdownWriter.Write(Document()));
        var rows = table.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(Awkward.Length, rows.Count);
        for (var i = 0; i < Awkward.Length; i++)
        {
            var cells = rows[i].QuerySelectorAll("td").ToList();
            Assert.Equal(6, cells.Count); // a pipe in the text did not split the row
            Assert.Equal($"{Awkward[i]} (planned, buyer)", cells[0].TextContent);
            Assert.Empty(cells[0].QuerySelectorAll("*")); // no formatting, link or tag came to life
        }
    }

    [Fact]
    public void Several_actions_in_one_cell_read_back_one_per_line()
    {
        var table = MilestoneTable(MarkdownWriter.Write(Document()));
        var first = table.QuerySelectorAll("tbody tr").First().QuerySelectorAll("td")[2];
        var lines = first.InnerHtml.Split("<br>").Select(part => new HtmlParser().ParseFragment(part, first).Select(n => n.TextContent).Aggregate("", string.Concat)).ToList();
        Assert.Equal([Awkward[0] + " (buyer)", "second line | two"], lines);
    }

    [Fact]
    public void The_title_is_a_heading_with_its_punctuation_kept()
    {
        var html = Markdown.ToHtml(MarkdownWriter.Write(Document()));
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Equal("Round # trip * plan", doc.QuerySelector("h1")?.TextContent);
        Assert.Contains("Northwind & Co", doc.QuerySelector("strong")?.TextContent);
    }
}
