using MutualPlan.Planning.Documents;
using MutualPlan.Planning.Plans;

namespace MutualPlan.Tests.Documents;

/// <summary>The CSV reader: RFC 4180 and what spreadsheets actually write.</summary>
public sealed class CsvTableTests
{
    [Fact]
    public void Quoted_fields_hold_commas_doubled_quotes_and_line_breaks()
    {
        var t = CsvTable.Parse("Title,Notes\r\n\"Legal, \"\"final\"\" review\",\"line one\r\nline two\"\r\nplain,\r\n");
        Assert.Equal(["Title", "Notes"], t.Header);
        Assert.Equal(2, t.Rows.Count);
        Assert.Equal(["Legal, \"final\" review", "line one\r\nline two"], t.Rows[0].Fields);
        Assert.Equal(["plain", ""], t.Rows[1].Fields);
        // Line numbers are the file's: the second record starts on line 4 after the embedded break.
        Assert.Equal(2, t.Rows[0].Line);
        Assert.Equal(4, t.Rows[1].Line);
    }

    [Fact]
    public void A_byte_order_mark_LF_line_ends_blank_lines_and_a_missing_final_newline_are_fine()
    {
        var t = CsvTable.Parse("\uFEFFName,Side\n\nPriya,Buyer\nAlex,Seller");
        Assert.Equal(["Name", "Side"], t.Header);
        Assert.Equal([["Priya", "Buyer"], ["Alex", "Seller"]], t.Rows.Select(r => r.Fields.ToArray()).ToArray());
        Assert.Equal(4, t.Rows[1].Line);
    }

    [Theory]
    [InlineData("Title\n\"never closed", 2, "never closed")]
    [InlineData("Title\n\"quoted\"trailing", 2, "follows a closing quote")]
    [InlineData("", 1, "empty")]
    [InlineData(",,\n", 1, "name the columns")]
    public void Unreadable_text_is_refused_with_its_line(string csv, int line, string message)
    {
        var e = Assert.Throws<CsvFormatException>(() => CsvTable.Parse(csv));
        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void What_the_export_writes_reads_back_the_same()
    {
        var plan = new Plan();
        var m = new Milestone { Title = "Legal, \"final\" review", Phase = MilestonePhase.Legal, TargetDate = new DateOnly(2026, 12, 10), Description = "Line one\r\nline two" };
        m.Assumptions.Add(new Assumption { Text = "DPA accepted" });
        plan.Milestones.Add(m);
        var t = CsvTable.Parse(CsvExport.Write(plan, CsvKind.Milestones));
        Assert.Equal("Title", t.Header[0]);
        Assert.Equal("Legal, \"final\" review", t.Rows.Single().Fields[0]);
        Assert.Equal("Line one\r\nline two", t.Rows.Single().Fields[10]);
    }
}
