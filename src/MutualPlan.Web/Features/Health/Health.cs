using MutualPlan.Planning.Coaching;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Milestones;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Health;

public sealed record FixDto(string Kind, string Label);
public sealed record FindingDto(string RuleId, Severity Severity, string Title, string Explanation, string Advice, IReadOnlyList<Guid> Items, FixDto? Fix);
public sealed record HealthDto(int Score, string Grade, IReadOnlyList<FindingDto> Findings)
{
    public static HealthDto From(HealthReport r) => new(r.Score, r.Grade, r.Findings.Select(f => new FindingDto(
        f.RuleId, f.Severity, f.Title, f.Explanation, f.Advice, f.Items,
        f.Fix is null ? null : new FixDto(f.Fix is AddMilestoneFix ? "addMilestone" : "setNextReview", f.Fix.Label))).ToList());
}

/// <summary>The plan's health (the coach's report) and its one-click fixes, for the page and the API.</summary>
public static class HealthCommands
{
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Health scores for a page of the plan list, cached per plan revision and day, so the list
    /// loads whole plans only for plans that changed since they were last assessed.
    /// </summary>
    public static async Task<Dictionary<Guid, HealthReport>> ForListAsync(AppDbContext db, WorkspaceUser user,
        IEnumerable<Planning.Plans.Plan> plans, Microsoft.Extensions.Caching.Memory.IMemoryCache cache, TimeProvider clock, CancellationToken ct = default)
    {
        var today = Today(clock);
        var result = new Dictionary<Guid, HealthReport>();
        foreach (var p in plans)
        {
            var key = ("plan-health", p.Id, p.Revision, today);
            if (!Microsoft.Extensions.Caching.Memory.CacheExtensions.TryGetValue(cache, key, out HealthReport? report) || report is null)
            {
                var whole = await db.LoadWholePlanAsync(user, p.Id, ct, readOnly: true);
                if (whole is null) continue;
                report = HealthCoach.Assess(whole, today);
                Microsoft.Extensions.Caching.Memory.CacheExtensions.Set(cache, key, report, TimeSpan.FromHours(1));
            }
            result[p.Id] = report;
        }
        return result;
    }

    public static async Task<Outcome<HealthReport>> AssessAsync(AppDbContext db, WorkspaceUser user, Guid planId, TimeProvider clock, CancellationToken ct = default)
    {
        var plan = await db.LoadWholePlanAsync(user, planId, ct, readOnly: true);
        return plan is null ? Outcome<HealthReport>.NotFound() : Outcome<HealthReport>.Ok(HealthCoach.Assess(plan, Today(clock)));
    }

    /// <summary>Applies the mechanical fix of a current finding; the finding must still apply.</summary>
    public static async Task<Outcome<HealthReport>> ApplyFixAsync(AppDbContext db, WorkspaceUser user, Guid planId, string ruleId,
        MilestoneFeature milestones, TimeProvider clock, CancellationToken ct = default)
    {
        var report = await AssessAsync(db, user, planId, clock, ct);
        if (!report.IsOk) return report;
        var finding = report.Value!.Findings.FirstOrDefault(f => f.RuleId == ruleId);
        if (finding?.Fix is null)
            return Outcome<HealthReport>.Invalid("ruleId", "That finding no longer applies or has no one-click fix.");
        switch (finding.Fix)
        {
            case AddMilestoneFix add:
                var created = await milestones.CreateAsync(db, user, planId, null, new MilestoneInput
                {
                    Title = add.Title, Phase = add.Phase, Owner = add.Owner, TargetDate = Today(clock).AddDays(7),
                    Status = MilestoneStatus.Planned, Bridge = $"Added by the coach: {finding.Title.ToLowerInvariant()}.",
                }, ct);
                if (!created.IsOk) return Outcome<HealthReport>.Invalid(created.Errors ?? new FieldErrors().Add("ruleId", "The fix could not be applied."));
                break;
            case SetNextReviewFix review:
                var plan = await db.FindPlanAsync(user, planId, ct);
                plan!.Review = new ReviewPlan
                {
                    Cadence = plan.Review.Cadence, EvaluationCriteria = plan.Review.EvaluationCriteria,
                    AdjustmentProcess = plan.Review.AdjustmentProcess, NextReviewDate = review.Date,
                };
                await db.SaveChangesAsync(ct);
                break;
        }
        return await AssessAsync(db, user, planId, clock, ct);
    }
}

public sealed class HealthApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/plans/{planId:guid}/health").WithTags("Health");
        g.MapGet("/", async (Guid planId, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                (await HealthCommands.AssessAsync(db, http.Seller(), planId, clock, ct)).ToHttp(r => TypedResults.Ok(HealthDto.From(r))))
            .WithName("GetPlanHealth").WithSummary("The plan's health score and explained findings.")
            .WithDescription("Each finding has a stable rule id, a severity, the items it concerns, an explanation, advice and, where mechanical, a one-click fix.")
            .Produces<HealthDto>().ProducesProblem(404);
        g.MapPost("/fixes/{ruleId}", async (Guid planId, string ruleId, HttpContext http, AppDbContext db, MilestoneFeature milestones, TimeProvider clock, CancellationToken ct) =>
                (await HealthCommands.ApplyFixAsync(db, http.Seller(), planId, ruleId, milestones, clock, ct)).ToHttp(r => TypedResults.Ok(HealthDto.From(r))))
            .WithName("ApplyHealthFix").WithSummary("Apply the one-click fix of a current finding; returns the new health.")
            .Produces<HealthDto>().ProducesValidationProblem().ProducesProblem(404);
    }
}

/// <summary>The health section of the plan page.</summary>
public sealed class HealthSectionModel(AppDbContext db, TimeProvider clock, MilestoneFeature milestones) : PlanSectionPage(db, clock)
{
    protected override string SectionPartial => "/Features/Health/_Health.cshtml";
    protected override string Anchor => "health";

    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnPostFixAsync(string ruleId) =>
        await AfterChangeAsync(await HealthCommands.ApplyFixAsync(Db, Seller, PlanId, ruleId, milestones, Clock), SectionState.Viewing, "Fix applied.");
}
