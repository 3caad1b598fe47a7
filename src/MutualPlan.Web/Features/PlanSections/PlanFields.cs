using Microsoft.AspNetCore.Mvc;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Items;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.PlanSections;

/// <summary>
/// A section of the plan made of fixed fields stored on the plan itself (business context,
/// readiness, …). The section's input type doubles as its API representation; its version is
/// the plan's version, so two people editing different sections of one plan at once get a
/// conflict rather than one silently undoing the other.
/// </summary>
public abstract class PlanFields<TInput> where TInput : class, IVersionedInput, new()
{
    /// <summary>Route segment and page anchor, e.g. "business-context".</summary>
    public abstract string Route { get; }
    public abstract string Title { get; }
    /// <summary>The section's fields and the plan version: also what the API returns.</summary>
    public abstract TInput Read(Plan plan);
    protected abstract void Apply(TInput input, Plan plan);
    protected virtual void Validate(TInput input, Plan plan, FieldErrors errors) { }

    public async Task<Outcome<Plan>> UpdateAsync(AppDbContext db, WorkspaceUser user, Guid planId, TInput input, CancellationToken ct = default)
    {
        var plan = await db.LoadWholePlanAsync(user, planId, ct);
        if (plan is null) return Outcome<Plan>.NotFound();
        var errors = FieldErrors.Of(input);
        if (input.Version is null) errors.Add("version", "Send the plan version you last read, so a concurrent change is not overwritten.");
        Validate(input, plan, errors);
        if (errors.Count > 0) return Outcome<Plan>.Invalid(errors);
        if (input.Version != plan.Version) return Outcome<Plan>.Conflict(Read(plan));
        Apply(input, plan);
        db.Entry(plan).State = Microsoft.EntityFrameworkCore.EntityState.Modified;
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome<Plan>.Ok(plan);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            await db.Entry(plan).ReloadAsync(ct);
            return Outcome<Plan>.Conflict(Read(plan));
        }
    }

    public void MapApi(RouteGroupBuilder api, string name)
    {
        var g = api.MapGroup($"/plans/{{planId:guid}}/{Route}").WithTags("Plan sections");
        g.MapGet("/", async (Guid planId, HttpContext http, AppDbContext db, CancellationToken ct) =>
                await db.FindPlanAsync(http.Seller(), planId, ct) is { } plan ? Results.Ok(Read(plan)) : ApiResults.NotFound())
            .WithName($"Get{name}").WithSummary($"Get the plan's {Title.ToLowerInvariant()}.")
            .Produces<TInput>().ProducesProblem(404);
        g.MapPut("/", async (Guid planId, TInput input, HttpContext http, AppDbContext db, CancellationToken ct) =>
                (await UpdateAsync(db, http.Seller(), planId, input, ct)).ToHttp(plan => TypedResults.Ok(Read(plan))))
            .WithName($"Update{name}").WithSummary($"Replace the plan's {Title.ToLowerInvariant()}.")
            .WithDescription("Send every field and the plan `version` you read; a stale version is refused with 409 and the current state.")
            .Produces<TInput>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
    }
}

/// <summary>The htmx handlers of a fixed-field section: open the form, save it.</summary>
public abstract class PlanFieldsSectionPage<TInput>(AppDbContext db, TimeProvider clock, PlanFields<TInput> fields) : PlanSectionPage(db, clock)
    where TInput : class, IVersionedInput, new()
{
    protected override string Anchor => fields.Route;

    public Task<IActionResult> OnGetEditAsync() => RenderAsync(new SectionState(EditingId: PlanId, Kind: fields.Route));

    public async Task<IActionResult> OnPostSaveAsync([FromForm] TInput input)
    {
        var formState = new SectionState(EditingId: PlanId, Kind: fields.Route, Draft: input);
        var unreadable = BindingMessages.From(ModelState);
        if (unreadable.Count > 0) return await RenderAsync(formState with { Errors = unreadable });
        return await AfterChangeAsync(await fields.UpdateAsync(Db, Seller, PlanId, input), formState);
    }
}
