using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Planning.Coaching;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Renegotiation;
using MutualPlan.Planning.Scheduling;
using MutualPlan.Planning.Timeline;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Features.Renegotiation;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Timeline;

/// <summary>
/// The plan as a Gantt chart: milestone bars on the buyer's calendar with baseline, dependencies,
/// today, the critical path, blackouts, holidays and fixed events. A bar dragged (or moved with the
/// keyboard) opens the slip proposal: which dependents move and the new signature and value dates,
/// agreed with a reason through the same command as the plan page and the API.
/// </summary>
public sealed class TimelinePageModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const double RowHeight = 40;
    public const double AxisHeight = 52;

    [FromRoute] public Guid PlanId { get; set; }

    public PlanPageData? Data { get; private set; }
    public GanttChart? Chart { get; private set; }
    public HealthReport? Health { get; private set; }
    /// <summary>The proposal shown inline (no script, or after a failed accept without htmx).</summary>
    public TimelineProposal? Proposal { get; private set; }
    [TempData] public string? Flash { get; set; }

    private bool IsHtmx => Request.Headers.ContainsKey("HX-Request");
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnGetAsync(Guid? move, DateOnly? to)
    {
        if (!await LoadAsync()) return NotFound();
        if (move is { } id)
        {
            var m = Data!.Milestone(id);
            if (m is null) return NotFound();
            Proposal = ProposalFor(m, new RescheduleInput { NewDate = to ?? m.TargetDate }, null);
        }
        return Page();
    }

    /// <summary>The proposal for a bar moved to <paramref name="newDate"/>, as a fragment for the dialog.</summary>
    public async Task<IActionResult> OnGetProposalAsync(Guid milestoneId, DateOnly? newDate)
    {
        if (!await LoadAsync()) return NotFound();
        var m = Data!.Milestone(milestoneId);
        if (m is null) return NotFound();
        return Partial("/Features/Timeline/_Proposal.cshtml", ProposalFor(m, new RescheduleInput { NewDate = newDate ?? m.TargetDate }, null) with { InDialog = true });
    }

    /// <summary>Update the preview (confirm=false) or agree the move and the chosen dependents (confirm=true).</summary>
    public async Task<IActionResult> OnPostProposalAsync(Guid milestoneId, [FromForm] RescheduleInput input, [FromForm] bool confirm, [FromForm] bool inDialog, [FromForm] bool choseDependents)
    {
        if (!await LoadAsync()) return NotFound();
        var m = Data!.Milestone(milestoneId);
        if (m is null) return NotFound();
        var errors = BindingMessages.From(ModelState);
        if (errors.Count == 0 && confirm)
        {
            input.MoveDependents ??= [];
            var oldDate = m.TargetDate;
            var outcome = await RescheduleCommands.RescheduleAsync(db, HttpContext.Seller(), PlanId, milestoneId, input, clock, HttpContext.RequestAborted);
            if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
            if (outcome.IsOk)
            {
                var p = outcome.Value!;
                Flash = $"“{m.Title}” moved from {oldDate:d MMM yyyy} to {p.Moved.To:d MMM yyyy}" +
                        (p.Dependents.Count == 0 ? "." : $", with {p.Dependents.Count} dependent milestone{(p.Dependents.Count == 1 ? "" : "s")}.") +
                        " The change is recorded with your reason.";
                var url = $"/plans/{PlanId}/timeline";
                if (IsHtmx) { Response.Headers["HX-Redirect"] = url; return new OkResult(); }
                return Redirect(url);
            }
            errors = outcome.Errors ?? new FieldErrors().Add("newDate", "The move could not be made.");
        }
        else if (errors.Count == 0 && input.NewDate is null)
        {
            errors = new FieldErrors().Add("newDate", "Choose the new date.");
        }
        var proposal = ProposalFor(m, input, errors.Count > 0 ? errors : null, choseDependents) with { InDialog = inDialog };
        if (IsHtmx) return Partial("/Features/Timeline/_Proposal.cshtml", proposal);
        Proposal = proposal;
        if (errors.Count > 0) Response.StatusCode = 400;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        Data = await PlanPageData.LoadAsync(db, HttpContext.Seller(), PlanId, clock, HttpContext.RequestAborted);
        if (Data is null) return false;
        Chart = GanttChart.Build(Data.Plan, Data.Today);
        try { Health = HealthCoach.Assess(Data.Plan, Data.Today); }
        catch (DependencyCycleException) { Health = null; }
        return true;
    }

    private TimelineProposal ProposalFor(Milestone m, RescheduleInput input, FieldErrors? errors, bool choseDependents = false)
    {
        var plan = Data!.Plan;
        var target = input.NewDate ?? m.TargetDate;
        var slip = SlipPlanner.Propose(plan, m.Id, target, Chart!.Calendar);
        var cal = Chart.Calendar;
        var workingDays = cal.WorkingDaysBetween(cal.OnOrAfter(m.TargetDate), cal.OnOrAfter(target));
        // Until the user has seen the list every proposed dependent is ticked; after that their choice stands.
        var chosen = choseDependents && slip.Dependents.Count > 0
            ? (input.MoveDependents ?? []).ToHashSet()
            : slip.Dependents.Select(d => d.MilestoneId).ToHashSet();
        return new TimelineProposal(PlanId, m, input, slip, chosen, errors, workingDays, !cal.IsWorkingDay(target),
            plan.Readiness.HardConstraintDate, plan.Readiness.HardConstraint, plan.Readiness.SellerTargetClose, InDialog: false);
    }

    public double RowTop(int index) => AxisHeight + index * RowHeight;
    public double RowMid(int index) => RowTop(index) + RowHeight / 2;
    public const double BarHeight = 18;
    public const double LineLabelHeight = 18;

    public double BarLeft(DateOnly start) => Chart!.Scale.Left(start);
    public double BarWidth(DateOnly start, DateOnly end) => Math.Max(10, Chart!.Scale.Left(end) + Chart.Scale.PixelsPerDay - Chart.Scale.Left(start));

    /// <summary>The chart's labelled dates along the bottom: the plan's date lines, fixed events and blackouts.</summary>
    public IReadOnlyList<(string Kind, DateOnly From, DateOnly To, string Label)> FooterLabels() =>
    [
        .. Chart!.Lines.Select(l => (l.Kind, l.Date, l.Date, $"{l.Label} · {l.Date:d MMM}")),
        .. Chart.Marks.Where(m => m.Kind != GanttMarkKind.Holiday)
            .Select(m => (m.Kind == GanttMarkKind.Blackout ? "blackout" : "event", m.From, m.To,
                m.Kind == GanttMarkKind.Blackout ? $"{m.Label} · {m.From:d MMM}–{m.To:d MMM}" : $"{m.Label} · {m.From:d MMM}")),
    ];

    /// <summary>
    /// An elbow arrow from the end of a prerequisite's bar to the start of its dependent's bar; when
    /// the dependent starts before the prerequisite ends it loops round between the rows. Mirrored in timeline.js.
    /// </summary>
    public string DependencyPath(int fromRow, GanttBar from, int toRow, GanttBar to)
    {
        var x1 = BarLeft(from.Start) + BarWidth(from.Start, from.End);
        var y1 = RowMid(fromRow);
        var x2 = BarLeft(to.Start);
        var y2 = RowMid(toRow);
        if (x2 - x1 >= 14)
            return FormattableString.Invariant($"M{x1:0.#},{y1:0.#} H{x1 + 6:0.#} V{y2:0.#} H{x2 - 1:0.#}");
        var between = y2 > y1 ? RowTop(toRow) : RowTop(fromRow);
        return FormattableString.Invariant($"M{x1:0.#},{y1:0.#} H{x1 + 6:0.#} V{between:0.#} H{x2 - 10:0.#} V{y2:0.#} H{x2 - 1:0.#}");
    }

    /// <summary>The bar's accessible name: what, when, how much slack, whether it is critical.</summary>
    public static string AccessibleName(GanttBar b)
    {
        var parts = new List<string> { b.Title };
        parts.Add(b.WorkingDays > 1
            ? $"{(b.Estimated ? "work" : "window")} {b.Start:d MMM} to {b.End:d MMM yyyy} ({b.WorkingDays} working days)"
            : $"due {b.End:d MMM yyyy}");
        if (b.BaselineEnd is { } be) parts.Add(be == b.End ? "on its baseline date" : $"baseline {be:d MMM yyyy}");
        if (b.Status == MilestoneStatus.Done) parts.Add("done");
        else
        {
            if (b.Slack is { } slack)
                parts.Add(slack < 0 ? $"{-slack} working day{(slack == -1 ? "" : "s")} late" : $"slack {slack} working day{(slack == 1 ? "" : "s")}");
            if (b.Critical) parts.Add("on the critical path");
            parts.Add("status " + Labels.Of(b.Status).ToLowerInvariant());
        }
        if (b.PinnedTo is { } pin) parts.Add($"pinned to {pin}");
        return string.Join(", ", parts);
    }
}

/// <summary>What the proposal panel shows: the move, its dependents (ticked when chosen), the new dates and the form.</summary>
public sealed record TimelineProposal(
    Guid PlanId, Milestone Milestone, RescheduleInput Input, SlipProposal Slip, IReadOnlySet<Guid> Chosen, FieldErrors? Errors,
    int WorkingDays, bool NotAWorkingDay, DateOnly? HardConstraint, string? HardConstraintReason, DateOnly? TargetClose, bool InDialog)
{
    public bool Unchanged => Slip.Moved.From == Slip.Moved.To;
    public string Url => $"/plans/{PlanId}/timeline?handler=proposal&milestoneId={Milestone.Id}";
}
