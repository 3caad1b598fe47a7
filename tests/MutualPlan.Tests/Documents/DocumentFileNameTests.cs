using MutualPlan.Web.Features.Documents;

namespace MutualPlan.Tests.Documents;

/// <summary>The file name a downloaded document gets from its plan's title.</summary>
public sealed class DocumentFileNameTests
{
    [Theory]
    [InlineData("Northwind: finance automation", ".pdf", "northwind-finance-automation.pdf")]
    [InlineData("  Acme — rollout (phase 2)!  ", ".md", "acme-rollout-phase-2.md")]
    [InlineData("Zürich Bank", ".txt", "zürich-bank.txt")]
    [InlineData("???", ".pdf", "plan.pdf")]
    public void One_hyphen_between_words_and_a_name_even_without_letters(string title, string extension, string expected) =>
        Assert.Equal(expected, PlanDocuments.FileName(title, extension));
}
