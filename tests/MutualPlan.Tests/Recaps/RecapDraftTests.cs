using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Recaps;
using MutualPlan.Web.Features.Recaps;

namespace MutualPlan.Tests.Recaps;

public sealed class RecapDraftTests
{
    private static readonly DateOnly Meeting = new(2026, 11, 19), Today = new(2026, 11, 20);
    private static readonly RecapSender Sam = new("Sam Seller", "Acme Software");

    /// <summary>A plan with every part a recap reads, and internal items that must never appear.</summary>
    private static Plan KnownPlan()
    {
        var plan = new Plan { Title = "Northwind rollout", BuyerCompany = "Northwind Traders", InternalNotes = "SECRET-NOTES discount floor 18%" };
        plan.Context.DesiredState = "Close the books in 4 days instead of 9.";
        plan.Context.CustomerLanguage = "We live in spreadsheets until the 12th.";
        plan.Context.CurrentState = "Manual matching of 4,000 invoices a month.";
        plan.Context.Challenges = "Audit findings on late accruals.\n\n- Two clerks leaving\n- ERP upgrade in Q1";
        plan.Context.WhyThisApproach = "Native ERP connector, no IT project.";
        plan.Context.ExpectedImpact = "Five days saved every month end.";
        plan.Context.ImpactMeasure = "Days to close, measured monthly.";
        plan.Context.BudgetStatus = BudgetStatus.PendingApproval;
        plan.Readiness.HardConstraint = "Board meeting";
        plan.Readiness.HardConstraintDate = new(2027, 1, 28);
        plan.KeyDates.ValueRealised = new(2027, 6, 30);
        plan.Review.NextReviewDate = new(2026, 11, 27);
        plan.Objectives.Add(new Objective { Title = "Close in 4 days", Position = 0 });
        var priya = new Stakeholder { Name = "Priya Shah", Title = "Finance Director", Side = Side.Buyer, Role = StakeholderRole.Champion, DecisionRole = DecisionRole.Influences };
        var chen = new Stakeholder { Name = "Chen Wu", Title = "CFO", Side = Side.Buyer, Role = StakeholderRole.EconomicBuyer, DecisionRole = DecisionRole.Decides, Position = 1 };
        var clerk = new Stakeholder { Name = "Informed Ian", Side = Side.Buyer, Role = StakeholderRole.EndUser, DecisionRole = DecisionRole.Informed, Position = 2 };
        var sam = new Stakeholder { Name = "Sam Seller", Title = "Account executive", Side = Side.Seller, Role = StakeholderRole.AccountExecutive, DecisionRole = DecisionRole.Influences, Position = 3 };
        var hidden = new Stakeholder { Name = "Hidden Hank", Side = Side.Seller, Role = StakeholderRole.SalesEngineer, DecisionRole = DecisionRole.Informed, Position = 4 };
        plan.Stakeholders.AddRange([priya, chen, clerk, sam, hidden]);
        plan.Metrics.Add(new SuccessMetric { Name = "Days to close", Baseline = 9, Target = 4, Unit = "days", TargetDate = new(2027, 6, 30), OwnerStakeholderId = priya.Id });
        var fit = new Milestone { Title = "Fit confirmed", Owner = OwnerSide.Buyer, TargetDate = new(2026, 11, 18), Status = MilestoneStatus.Done, CompletedOn = new(2026, 11, 18) };
        var security = new Milestone { Title = "Security review approved", Owner = OwnerSide.Buyer, TargetDate = new(2026, 12, 10), Position = 1 };
        var signed = new Milestone { Title = "Contract signed", Owner = OwnerSide.Joint, Phase = MilestonePhase.Signature, TargetDate = new(2027, 1, 20), Position = 2 };
        plan.Milestones.AddRange([fit, security, signed]);
        security.Actions.Add(new ActionItem { Description = "Send the questionnaire", Side = Side.Buyer, AssigneeId = priya.Id });
        security.Actions.Add(new ActionItem { Description = "SECRET-ACTION prep pricing", Side = Side.Seller, AssigneeId = hidden.Id, IsInternal = true });
        security.Assumptions.Add(new Assumption { Text = "IT has a reviewer free in December" });
        plan.Risks.Add(new Risk { Description = "SECRET-RISK champion may leave", IsInternal = true, MilestoneId = security.Id });
        plan.DateProposals.Add(new DateProposal { MilestoneId = signed.Id, FromDate = new(2027, 1, 20), ProposedDate = new(2027, 1, 27), Status = DateProposalStatus.Open });
        return plan;
    }

    [Fact]
    public void A_known_plan_gives_exactly_the_recap_sections_of_the_brief_in_order()
    {
        var draft = RecapDraft.Build(KnownPlan(), Meeting, Today, Sam);
        Assert.Equal([RecapDraft.Outcome, RecapDraft.Challenges, RecapDraft.Approach, RecapDraft.Impact, RecapDraft.Stakeholders,
            RecapDraft.Timeline, RecapDraft.Negotiables, RecapDraft.Invitation], draft.Sections.Select(s => s.Key));
        Assert.Equal(["Desired outcome", "Challenges", "Why this approach fits", "Expected impact and how we will measure it", "Key stakeholders",
            "Timeline to value realised", "Negotiables and assumptions", "Over to you"], draft.Sections.Select(s => s.Heading));
        Assert.Equal("Recap of our meeting on 19 November: Northwind rollout", draft.Subject);
        Assert.StartsWith("Hello Priya,\n\nThank you for your time yesterday.", draft.Greeting);
    }

    [Fact]
    public void Meeting_notes_open_the_recap_as_their_own_section()
    {
        var draft = RecapDraft.Build(KnownPlan(), Meeting, Today, Sam, "We agreed to start the security review.");
        Assert.Equal(RecapDraft.Notes, draft.Sections[0].Key);
        Assert.Equal(["We agreed to start the security review."], draft.Sections[0].Lines);
        Assert.Equal(9, draft.Sections.Count);
    }

    [Fact]
    public void Each_section_says_what_the_plan_holds()
    {
        var s = RecapDraft.Build(KnownPlan(), Meeting, Today, Sam).Sections.ToDictionary(x => x.Key, x => string.Join("\n", x.Lines));
        Assert.Contains("Close the books in 4 days instead of 9.", s[RecapDraft.Outcome]);
        Assert.Contains("- Close in 4 days", s[RecapDraft.Outcome]);
        Assert.Contains("In your words: “We live in spreadsheets until the 12th.”", s[RecapDraft.Outcome]);
        Assert.Equal("Today: Manual matching of 4,000 invoices a month.\nAudit findings on late accruals.\n- Two clerks leaving\n- ERP upgrade in Q1", s[RecapDraft.Challenges]);
        Assert.Equal("Native ERP connector, no IT project.", s[RecapDraft.Approach]);
        Assert.Contains("- Days to close: from 9 days to 4 days by 30 June 2027 (measured by Priya Shah)", s[RecapDraft.Impact]);
        Assert.Contains("- Chen Wu, CFO — Economic buyer (decides)", s[RecapDraft.Stakeholders]);
        Assert.DoesNotContain("Informed Ian", s[RecapDraft.Stakeholders]);
        Assert.Contains("**Our team**\n- Sam Seller, Account executive\n", s[RecapDraft.Stakeholders] + "\n");
        Assert.Equal(
            "Planned back from value realised on **30 June 2027**:\n" +
            "- **18 Nov 2026** — Fit confirmed ✓ done · owner: Buyer\n" +
            "- **10 Dec 2026** — Security review approved · owner: Buyer (Priya Shah)\n" +
            "- **20 Jan 2027** — Contract signed · owner: both sides\n" +
            "- **30 Jun 2027** — Value realised", s[RecapDraft.Timeline]);
        Assert.Contains("Fixed: Board meeting (28 January 2027).", s[RecapDraft.Negotiables]);
        Assert.Contains("- Contract signed: moving it from 20 Jan to 27 Jan is proposed and awaits an answer", s[RecapDraft.Negotiables]);
        Assert.Contains("- Budget: pending approval", s[RecapDraft.Negotiables]);
        Assert.Contains("- IT has a reviewer free in December (Security review approved)", s[RecapDraft.Negotiables]);
        Assert.Contains("Our next review is on Friday 27 November.", s[RecapDraft.Invitation]);
    }

    [Fact]
    public void Nothing_internal_reaches_the_recap()
    {
        var md = RecapDraft.Build(KnownPlan(), Meeting, Today, Sam).ToMarkdown();
        Assert.DoesNotContain("SECRET", md);
        Assert.DoesNotContain("Hidden Hank", md);
        Assert.DoesNotContain("discount", md);
    }

    [Fact]
    public void An_empty_plan_says_what_is_still_to_confirm_instead_of_leaving_sections_out()
    {
        var draft = RecapDraft.Build(new Plan { Title = "Blank", BuyerCompany = "Contoso" }, Today, Today, Sam);
        Assert.Equal(8, draft.Sections.Count);
        Assert.All(draft.Sections.Where(s => s.Key is not (RecapDraft.Timeline or RecapDraft.Invitation)), s => Assert.Equal([RecapDraft.ToConfirm], s.Lines));
        Assert.StartsWith("Hello all,\n\nThank you for your time today.", draft.Greeting);
    }

    [Fact]
    public void Peoples_words_stay_text_in_the_markdown_and_the_plain_text_part_reads_without_markup()
    {
        var plan = KnownPlan();
        plan.Context.WhyThisApproach = "Cuts *manual* work <b>now</b> [x](javascript:alert(1))";
        var md = RecapDraft.Build(plan, Meeting, Today, Sam).ToMarkdown();
        Assert.Contains(@"Cuts \*manual\* work \<b\>now\</b\> \[x\](javascript:alert(1))", md);
        var text = MarkdownText.ToPlain(md);
        Assert.Contains("Cuts *manual* work <b>now</b> [x](javascript:alert(1))", text);
        Assert.Contains("Desired outcome\n---------------\n", text);
        Assert.Contains("- 10 Dec 2026 — Security review approved · owner: Buyer (Priya Shah)\n", text);
        Assert.DoesNotContain("**", text);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= MarkdownText.Width + 2 || !line.Contains(' '), line));
    }
}
