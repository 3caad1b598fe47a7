using System.Text.Json;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.SignOff;

namespace MutualPlan.Tests.SignOff;

public sealed class SignedContentTests
{
    /// <summary>
    /// The hash of the fixture plan, frozen: if this changes, every signature ever given stops
    /// verifying. Change the rendering only with a new format name.
    /// </summary>
    public const string FixedPlanHash = "ecce2a75ee90a42d05c2f07279e78e6e4b6500d69fcc89fce476134c75bd1e15";

    private static string HashOf(Plan plan) => SignedContent.Hash(SignedContent.Render(plan, "Sam Seller"));

    [Fact]
    public void The_rendering_of_the_fixture_plan_has_a_frozen_hash()
    {
        Assert.Equal(FixedPlanHash, HashOf(SignOffFixtures.FixedPlan()));
    }

    [Fact]
    public void The_rendering_is_compact_json_that_starts_with_its_format_and_leaves_out_internal_items()
    {
        var text = SignedContent.Render(SignOffFixtures.FixedPlan(), "Sam Seller");
        using var doc = JsonDocument.Parse(text);
        Assert.Equal(SignedContent.Format, doc.RootElement.GetProperty("format").GetString());
        Assert.StartsWith("{\"format\":\"mutualplan/signed-content/1\",\"plan\":{\"id\":", text);
        Assert.DoesNotContain("SECRET", text);
        Assert.DoesNotContain("\r", text);
        Assert.Contains("\"dealValue\":\"120000\"", text);
        Assert.Contains("\"target\":\"3.5\"", text);
        Assert.Contains("Invoices take 9 days\\nto approve", text);
        Assert.Contains("Answer the questionnaire", text);
        Assert.Matches("^[0-9a-f]{64}$", HashOf(SignOffFixtures.FixedPlan()));
    }

    [Fact]
    public void Progress_scale_line_endings_and_list_order_as_loaded_do_not_change_the_hash()
    {
        var before = HashOf(SignOffFixtures.FixedPlan());
        var plan = SignOffFixtures.FixedPlan();
        plan.Stage = DealStage.Negotiation;
        plan.Milestones[0].Status = MilestoneStatus.Done;
        plan.Milestones[0].CompletedOn = new DateOnly(2026, 12, 9);
        plan.Milestones[0].Actions[1].Status = ActionStatus.Done;
        plan.Milestones[0].DurationMaxDays = 7;
        plan.Milestones[0].Actions[2].Description = "SECRET changed internal action";
        plan.Risks[1].Description = "SECRET another internal risk";
        plan.Risks[0].Status = RiskStatus.Mitigated;
        plan.Stakeholders[0].BuyIn = BuyIn.Neutral;
        plan.InternalNotes = "Changed notes";
        plan.Review.NextReviewDate = new DateOnly(2026, 12, 4);
        plan.DealValue = 120_000m;           // the same amount at another scale
        plan.Context.Challenges = "Invoices take 9 days\nto approve";
        plan.Milestones.Reverse();           // the order lists happen to be loaded in
        plan.Stakeholders.Reverse();
        Assert.Equal(before, HashOf(plan));
    }

    public static TheoryData<string> SignedChanges => new(
        "milestone date", "milestone owner", "milestone description", "milestone added", "shared action", "assignee",
        "stakeholder title", "objective", "metric target", "deal value", "plan owner", "risk mitigation", "order of milestones");

    [Theory, MemberData(nameof(SignedChanges))]
    public void Any_change_to_the_signed_content_changes_the_hash(string change)
    {
        var before = HashOf(SignOffFixtures.FixedPlan());
        var plan = SignOffFixtures.FixedPlan();
        var owner = "Sam Seller";
        switch (change)
        {
            case "milestone date": plan.Milestones[1].TargetDate = plan.Milestones[1].TargetDate.AddDays(7); break;
            case "milestone owner": plan.Milestones[1].Owner = OwnerSide.Buyer; break;
            case "milestone description": plan.Milestones[0].Description += "."; break;
            case "milestone added": plan.Milestones.Add(new Milestone { Id = Guid.NewGuid(), Title = "Go-live", TargetDate = new DateOnly(2027, 3, 1) }); break;
            case "shared action": plan.Milestones[0].Actions[0].DueDate = new DateOnly(2026, 11, 21); break;
            case "assignee": plan.Milestones[0].Actions[1].AssigneeId = plan.Stakeholders[1].Id; break;
            case "stakeholder title": plan.Stakeholders[0].Title = "Head of Finance"; break;
            case "objective": plan.Objectives[0].Title = "Approve invoices in 2 days"; break;
            case "metric target": plan.Metrics[0].Target = 3m; break;
            case "deal value": plan.DealValue = 125_000m; break;
            case "plan owner": owner = "Alex Morgan"; break;
            case "risk mitigation": plan.Risks[0].Mitigation = "Escalate to the CIO"; break;
            case "order of milestones": plan.Milestones[0].Position = 5; break;
        }
        Assert.NotEqual(before, SignedContent.Hash(SignedContent.Render(plan, owner)));
    }

    [Fact]
    public void Text_is_escaped_only_where_json_requires_it()
    {
        var plan = SignOffFixtures.FixedPlan();
        plan.Title = "Quote \" backslash \\ tab \t bell \u0007 café";
        var text = SignedContent.Render(plan, "Sam Seller");
        Assert.Contains("\"title\":\"Quote \\\" backslash \\\\ tab \\t bell \\u0007 café\"", text);
        // Composed and decomposed accents are the same text.
        var decomposed = SignOffFixtures.FixedPlan();
        decomposed.Title = "Quote \" backslash \\ tab \t bell \u0007 cafe\u0301";
        Assert.Equal(SignedContent.Hash(text), HashOf(decomposed));
    }

    [Fact]
    public void Names_match_whatever_the_case_and_spacing_but_not_another_name()
    {
        var signer = new SignOffSigner { Name = "Priya Shah" };
        Assert.True(signer.NameMatches("priya  SHAH "));
        Assert.False(signer.NameMatches("Priya"));
        Assert.False(signer.NameMatches("Priya Shaw"));
        Assert.False(signer.NameMatches("  "));
    }
}
