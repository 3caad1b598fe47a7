using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Features.Demo;

/// <summary>
/// A complete, realistic demo plan so a newcomer sees a full plan at once. Dates are relative to
/// today, so the demo always looks current: early milestones done, one at risk, the rest ahead.
/// </summary>
public static class DemoPlan
{
    public const string WorkspaceName = "Brightline Software (demo)";
    public const string PlanTitle = "Northwind Health: finance automation";

    /// <summary>Creates the demo workspace, its owner and the demo plan, unless they exist. Returns the owner.</summary>
    public static async Task<(AppUser Owner, bool Created)> SeedAsync(AppDbContext db, UserManager<AppUser> users, TimeProvider clock,
        string email, string password, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var owner = await users.FindByEmailAsync(email);
        if (owner is null)
        {
            var workspace = new Workspace { Name = WorkspaceName, CreatedAt = now };
            db.Workspaces.Add(workspace);
            await db.SaveChangesAsync(ct);
            owner = new AppUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Alex Morgan",
                WorkspaceId = workspace.Id, Role = WorkspaceRole.Owner, CreatedAt = now,
            };
            var result = await users.CreateAsync(owner, password);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        if (await db.Plans.AnyAsync(p => p.WorkspaceId == owner.WorkspaceId && p.Title == PlanTitle, ct)) return (owner, false);
        db.Plans.Add(Build(owner.WorkspaceId, owner.Id, today));
        await db.SaveChangesAsync(ct);
        return (owner, true);
    }

    public static Plan Build(Guid workspaceId, Guid ownerId, DateOnly today)
    {
        DateOnly D(int days) => today.AddDays(days);
        var plan = new Plan
        {
            WorkspaceId = workspaceId, OwnerId = ownerId, Title = PlanTitle, BuyerCompany = "Northwind Health",
            Solution = "Brightline Close — accounts payable and month-end automation, 3-year subscription",
            DealValue = 186_000m, Currency = "EUR", Stage = DealStage.Proposal, PreparedOn = D(-24),
            PeriodStart = D(-24), PeriodEnd = D(150),
            Context = new BusinessContext
            {
                CompanySize = "2,400 employees, 14 clinics", Industry = "Healthcare providers",
                CurrentState = "Month-end close takes 9 working days. 38% of supplier invoices need manual matching; two AP clerks spend most of their week chasing approvals by e-mail.",
                DesiredState = "Close in 4 days with automated three-way matching and approvals routed by rule, so finance can report to the board in the first week of the month.",
                Challenges = "Late and duplicate payments (€64k recovered last year); audit findings on approval trails; a finance team stretched by the new clinic openings.",
                WhyThisApproach = "Native connector to their ERP, clinic-level approval rules, and a reference customer of similar size live in 10 weeks.",
                ExpectedImpact = "5 days faster close, 70% of invoices matched automatically, no duplicate payments.",
                ImpactMeasure = "Days to close (finance calendar), auto-match rate and duplicate payments, measured monthly by the Financial Controller.",
                BudgetStatus = BudgetStatus.PendingApproval, ExecutiveSponsor = "Marcus Lee, CFO",
                CustomerLanguage = "We spend the first two weeks of every month looking backwards. I want my team looking forwards.",
            },
            Readiness = new Readiness
            {
                OutcomeAgreed = true, ImpactClear = true, DecisionMakersKnown = true, WillingToCommit = null,
                AllStakeholdersKnown = false, BuyerTimeline = "Budget is approved at the CFO's quarterly budget review; go-live must precede the new fiscal year.",
                HardConstraint = "CFO budget review: spend not approved there waits a quarter", HardConstraintDate = D(38),
                ProcurementInvolved = true, ProcurementCycleDays = 7, ChampionAuthority = ChampionAuthority.Liaison,
                SellerTargetClose = D(45),
            },
            Decision = new DecisionProcess
            {
                BuyerMode = DecisionMode.NamedAuthority, BuyerNotes = "The CFO decides after the Financial Controller and IT security sign off; procurement negotiates terms.",
                SellerMode = DecisionMode.NamedAuthority, SellerNotes = "Discounts above 15% need the VP Sales.",
            },
            Communication = new CommunicationPlan
            {
                Channels = "Shared plan link; e-mail for approvals; Teams for working sessions",
                CheckInCadence = "Weekly, Tuesdays 10:00 CET", EmergencyContact = "Alex Morgan, +44 20 7946 0018",
            },
            Review = new ReviewPlan
            {
                Cadence = "Every two weeks with the champion; monthly with the CFO",
                NextReviewDate = D(4), EvaluationCriteria = "Milestones on their dates; open risks mitigated; KPIs baselined.",
                AdjustmentProcess = "Dates move only by agreement in the review, with the reason recorded.",
            },
            KeyDates = new KeyDates { CommitDate = D(21), ExpectedSignature = D(42), ImplementationKickoff = D(49), GoLive = D(105), ValueRealised = D(165) },
            InternalNotes = "Competing with an ERP add-on the IT team likes. Pricing floor agreed with VP Sales: 12% off list. Priya has no budget authority — keep Marcus engaged directly.",
        };

        var s = new Dictionary<string, Stakeholder>();
        Stakeholder P(string key, Side side, string name, string title, string fn, StakeholderRole role, BuyIn buyIn, DecisionRole dr,
            EngagementTiming when, string concern, string involvement, string? reportsTo = null)
        {
            var person = new Stakeholder
            {
                PlanId = plan.Id, Position = s.Count, Side = side, Name = name, Title = title, Function = fn, Role = role,
                BuyIn = buyIn, DecisionRole = dr, Engagement = when, PrimaryConcern = concern, Involvement = involvement,
                Email = $"{name.Split(' ')[0].ToLowerInvariant()}@{(side == Side.Buyer ? "northwind-health.example" : "brightline.example")}",
                ReportsToId = reportsTo is null ? null : s[reportsTo].Id,
            };
            s[key] = person;
            plan.Stakeholders.Add(person);
            return person;
        }
        P("cfo", Side.Buyer, "Marcus Lee", "Chief Financial Officer", "Finance", StakeholderRole.EconomicBuyer, BuyIn.Neutral, DecisionRole.Decides, EngagementTiming.MidDeal, "ROI", "Approves budget at the quarterly review");
        P("priya", Side.Buyer, "Priya Shah", "Financial Controller", "Finance", StakeholderRole.Champion, BuyIn.OnBoard, DecisionRole.Influences, EngagementTiming.Early, "Speed", "Owns the evaluation and the business case", "cfo");
        P("tom", Side.Buyer, "Tom Becker", "Head of IT Security", "IT", StakeholderRole.TechnicalBuyer, BuyIn.NeedsConvincing, DecisionRole.Approves, EngagementTiming.Early, "Security", "Runs the security review", "cfo");
        P("ana", Side.Buyer, "Ana Costa", "Procurement Manager", "Procurement", StakeholderRole.Procurement, BuyIn.Neutral, DecisionRole.Approves, EngagementTiming.MidDeal, "Cost", "Negotiates terms and runs supplier onboarding", "cfo");
        P("jo", Side.Buyer, "Jo Park", "AP Team Lead", "Finance", StakeholderRole.EndUser, BuyIn.OnBoard, DecisionRole.Informed, EngagementTiming.Early, "Ease of implementation", "Tests invoice matching with real invoices", "priya");
        P("alex", Side.Seller, "Alex Morgan", "Account Executive", "Sales", StakeholderRole.AccountExecutive, BuyIn.OnBoard, DecisionRole.Decides, EngagementTiming.Early, "Speed", "Owns the plan and the commercial terms");
        P("sam", Side.Seller, "Sam Rivera", "Solutions Engineer", "Presales", StakeholderRole.SalesEngineer, BuyIn.OnBoard, DecisionRole.Influences, EngagementTiming.Early, "Security", "Runs the proof of value and the security answers", "alex");
        P("lena", Side.Seller, "Lena Fischer", "Customer Success Manager", "Customer success", StakeholderRole.CustomerSuccessManager, BuyIn.OnBoard, DecisionRole.Informed, EngagementTiming.Late, "Ease of implementation", "Leads onboarding and the value review", "alex");
        P("vp", Side.Seller, "Dee Harper", "VP Sales", "Sales", StakeholderRole.SellerExecutive, BuyIn.OnBoard, DecisionRole.Approves, EngagementTiming.SignatureOnly, "ROI", "Executive sponsor; approves discounts");

        var m = new Dictionary<string, Milestone>();
        Milestone M(string key, string title, MilestonePhase phase, OwnerSide owner, int due, MilestoneStatus status, string bridge, string[] assumptions, params string[] after)
        {
            var ms = new Milestone
            {
                PlanId = plan.Id, Position = m.Count, Title = title, Phase = phase, Owner = owner, TargetDate = D(due),
                Status = status, CompletedOn = status == MilestoneStatus.Done ? D(due) : null, Bridge = bridge,
            };
            for (var i = 0; i < assumptions.Length; i++) ms.Assumptions.Add(new Assumption { MilestoneId = ms.Id, Position = i, Text = assumptions[i] });
            foreach (var a in after) ms.DependsOn.Add(new MilestoneDependency { MilestoneId = ms.Id, DependsOnId = m[a].Id });
            m[key] = ms;
            plan.Milestones.Add(ms);
            return ms;
        }
        void A(string milestone, Side side, string text, string? who, int? due, ActionStatus status, bool isInternal = false)
        {
            var ms = m[milestone];
            ms.Actions.Add(new ActionItem
            {
                MilestoneId = ms.Id, Position = ms.Actions.Count, Description = text, Side = side, AssigneeId = who is null ? null : s[who].Id,
                DueDate = due is null ? null : D(due.Value), Status = status,
                CompletedOn = status == ActionStatus.Done ? D(due ?? 0) : null, IsInternal = isInternal,
            });
        }

        M("fit", "Finance confirms the solution fits the close process", MilestonePhase.Evaluation, OwnerSide.Buyer, -14, MilestoneStatus.Done,
            "This means the team agrees the 4-day close is reachable; as a result the business case can be written.",
            ["Priya can gather 3 months of invoice samples"]);
        A("fit", Side.Buyer, "Share three months of anonymised invoice samples", "jo", -18, ActionStatus.Done);
        A("fit", Side.Seller, "Run a matching demo on Northwind's own invoices", "sam", -15, ActionStatus.Done);

        M("security", "IT security approves the platform", MilestonePhase.TechnicalValidation, OwnerSide.Buyer, 6, MilestoneStatus.AtRisk,
            "This means patient-adjacent finance data may be processed; as a result procurement can start.",
            ["Tom's team has capacity for the review before the clinic rollout", "Our SOC 2 Type II report is accepted in place of an on-site audit"], "fit");
        A("security", Side.Buyer, "Send the vendor security questionnaire", "tom", -6, ActionStatus.Done);
        A("security", Side.Seller, "Answer the questionnaire and share the SOC 2 report", "sam", -2, ActionStatus.Done);
        A("security", Side.Buyer, "Complete the security review and sign off", "tom", 5, ActionStatus.InProgress);
        A("security", Side.Seller, "Hold a 30-minute architecture call with IT", "sam", -1, ActionStatus.NotStarted);

        M("case", "CFO approves the business case", MilestonePhase.Approval, OwnerSide.Joint, 38, MilestoneStatus.OnTrack,
            "This means budget is committed this quarter; as a result implementation can start before fiscal year end.",
            ["The business case is on the agenda of the CFO budget review", "Savings figures are validated by Priya"], "fit");
        A("case", Side.Seller, "Draft the ROI model with Northwind's volumes", "alex", 12, ActionStatus.InProgress);
        A("case", Side.Buyer, "Validate savings figures and present the case", "priya", 30, ActionStatus.NotStarted);
        A("case", Side.Seller, "Prepare discount approval for VP Sales", "alex", 20, ActionStatus.NotStarted, isInternal: true);

        M("procurement", "Procurement agrees commercial terms", MilestonePhase.Procurement, OwnerSide.Joint, 30, MilestoneStatus.Planned,
            "This means price and terms are settled; as a result legal review can begin.",
            ["Procurement's standard 7-business-day cycle applies"], "security");
        A("procurement", Side.Buyer, "Register Brightline as a supplier", "ana", 22, ActionStatus.NotStarted);
        A("procurement", Side.Seller, "Send the order form and pricing", "alex", 16, ActionStatus.NotStarted);

        M("legal", "Legal completes contract review", MilestonePhase.Legal, OwnerSide.Joint, 40, MilestoneStatus.Planned,
            "This means the DPA and MSA are agreed; as a result the contract can be signed.",
            ["Northwind accepts our standard DPA with minor changes"], "procurement");
        A("legal", Side.Seller, "Send MSA and DPA redlines", "alex", 31, ActionStatus.NotStarted);
        A("legal", Side.Buyer, "Return the reviewed contract", "ana", 38, ActionStatus.NotStarted);

        M("sign", "Contract signed", MilestonePhase.Signature, OwnerSide.Joint, 42, MilestoneStatus.Planned,
            "This means the project is funded; as a result onboarding starts the following week.",
            ["The CFO is available to sign in the week after the budget review"], "case", "legal");
        A("sign", Side.Buyer, "CFO signs the order form", "cfo", 42, ActionStatus.NotStarted);
        A("sign", Side.Seller, "Countersign and book the kick-off", "vp", 42, ActionStatus.NotStarted);

        M("live", "Invoices flow through Brightline in all clinics", MilestonePhase.Implementation, OwnerSide.Joint, 105, MilestoneStatus.Planned,
            "This means every supplier invoice is matched or routed automatically; as a result AP stops chasing approvals by e-mail.",
            ["ERP connector credentials are provided in week one", "Clinic approvers complete a 30-minute training"], "sign");
        A("live", Side.Buyer, "Provide ERP connector credentials", "tom", 50, ActionStatus.NotStarted);
        A("live", Side.Seller, "Configure approval rules per clinic", "lena", 70, ActionStatus.NotStarted);
        A("live", Side.Buyer, "Run user acceptance testing with real invoices", "jo", 95, ActionStatus.NotStarted);

        M("value", "Month-end close in 4 days", MilestonePhase.BusinessReview, OwnerSide.Buyer, 165, MilestoneStatus.Planned,
            "This means finance reports to the board in the first week; as a result the value of the project is proven.",
            ["Two full month-end cycles have run on the new process"], "live");
        A("value", Side.Seller, "Run the 90-day value review", "lena", 160, ActionStatus.NotStarted);
        A("value", Side.Buyer, "Report days-to-close to the CFO", "priya", 165, ActionStatus.NotStarted);

        var metricPosition = 0;
        void K(string name, decimal baseline, decimal target, string unit, int due, string owner, params (int Day, decimal Value)[] measured)
        {
            var metric = new SuccessMetric
            {
                PlanId = plan.Id, Position = metricPosition++, Name = name, Baseline = baseline, Target = target, Unit = unit,
                TargetDate = D(due), Frequency = MeasurementFrequency.Monthly, OwnerStakeholderId = s[owner].Id,
            };
            foreach (var (day, value) in measured) metric.Measurements.Add(new MetricMeasurement { MetricId = metric.Id, MeasuredOn = D(day), Value = value });
            plan.Metrics.Add(metric);
        }
        K("Days to close the books", 9, 4, "days", 165, "priya", (-60, 9), (-30, 9));
        K("Invoices matched automatically", 38, 70, "%", 165, "jo", (-20, 41));
        K("Duplicate payments per quarter", 11, 0, "payments", 165, "priya", (-90, 11), (-1, 9));

        plan.Objectives.Add(new Objective { PlanId = plan.Id, Position = 0, Title = "Close the books in 4 days instead of 9", Description = "So the board pack goes out in the first week of the month." });
        plan.Objectives.Add(new Objective { PlanId = plan.Id, Position = 1, Title = "Stop duplicate and late supplier payments", Description = "With approvals routed by rule and a full audit trail." });
        plan.Objectives.Add(new Objective { PlanId = plan.Id, Position = 2, Title = "Live in all 14 clinics before the new fiscal year" });

        void R(string text, string milestone, Level p, Level i, int delay, string? mitigation, string? owner, int? due, RiskStatus status = RiskStatus.Open, bool isInternal = false) =>
            plan.Risks.Add(new Risk
            {
                PlanId = plan.Id, Position = plan.Risks.Count, Description = text, MilestoneId = m[milestone].Id, Probability = p, Impact = i,
                DelayDays = delay, Mitigation = mitigation, MitigationOwnerId = owner is null ? null : s[owner].Id,
                MitigationDue = due is null ? null : D(due.Value), Status = status, IsInternal = isInternal,
            });
        R("IT security review slips behind the clinic rollout work", "security", Level.High, Level.High, 10,
            "Offer the SOC 2 report plus a live architecture call to shorten the review", "sam", 3);
        R("Business case misses the CFO budget review agenda", "case", Level.Medium, Level.High, 90,
            "Priya books the agenda slot now; draft case ready two weeks before", "priya", 10);
        R("Procurement asks for a full tender above €150k", "procurement", Level.Low, Level.High, 30,
            "Confirm the threshold with Ana; split into subscription and services if needed", "alex", 8);
        R("Legal requires changes to the standard DPA", "legal", Level.Medium, Level.Medium, 7, null, null, null);
        R("Competing ERP add-on favoured by IT", "security", Level.Medium, Level.Medium, 0,
            "Position the matching accuracy results; involve Tom early", "alex", 5, isInternal: true);

        var resources = new (Side, ResourceKind, string, string?)[]
        {
            (Side.Buyer, ResourceKind.People, "Two AP clerks for UAT, 4 hours a week", "Weeks 8–14"),
            (Side.Buyer, ResourceKind.Tools, "ERP sandbox and connector credentials", null),
            (Side.Buyer, ResourceKind.Budget, "€186k over 3 years, from the finance transformation budget", "Pending CFO approval"),
            (Side.Seller, ResourceKind.People, "Solutions engineer and onboarding consultant", "Through go-live"),
        };
        foreach (var (side, kind, text, detail) in resources)
            plan.Resources.Add(new PlanResource { PlanId = plan.Id, Position = plan.Resources.Count, Side = side, Kind = kind, Description = text, Detail = detail });
        return plan;
    }
}
