using System.ComponentModel;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Plans;

public sealed record PlanPage(List<PlanListItemDto> Items, int Page, int PageSize, int TotalCount);

/// <summary>A plan in the list: its deal header and when the buyer side was last active on it.</summary>
public sealed record PlanListItemDto(
    Guid Id, string Title, string BuyerCompany, string Solution, decimal? DealValue, string Currency,
    DealStage Stage, Guid? OwnerId, DateOnly PreparedOn, DateOnly? PeriodStart, DateOnly? PeriodEnd,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ArchivedAt, int Version,
    [property: Description("When someone on the buyer side last viewed or used the plan through a share link (sellers' own views are not counted); null when nobody has opened it yet.")]
    DateTimeOffset? BuyerLastActiveAt)
{
    public static PlanListItemDto From(Plan p, DateTimeOffset? buyerLastActiveAt) => new(p.Id, p.Title, p.BuyerCompany, p.Solution, p.DealValue, p.Currency,
        p.Stage, p.OwnerId, p.PreparedOn, p.PeriodStart, p.PeriodEnd, p.CreatedAt, p.UpdatedAt, p.ArchivedAt, p.Version, buyerLastActiveAt);
}

public sealed class PlansApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/plans").WithTags("Plans");

        g.MapGet("/", async (HttpContext http, AppDbContext db, CancellationToken ct,
                [FromQuery] string? q, [FromQuery] DealStage? stage, [FromQuery] Guid? ownerId,
                [FromQuery] bool? archived, [FromQuery] int? page, [FromQuery] int? pageSize) =>
            {
                var errors = new FieldErrors();
                if (page is < 1) errors.Add("page", "Pages start at 1.");
                if (pageSize is < 1 or > 100) errors.Add("pageSize", "Choose a page size from 1 to 100.");
                if (errors.Count > 0) return (IResult)ApiResults.Invalid(errors);
                var filter = new PlanFilter(q, stage, ownerId, archived ?? false, page ?? 1, pageSize ?? 25);
                var (rows, total) = await PlanCommands.ListAsync(db, http.Seller(), filter, ct);
                var lastActive = await Engagement.EngagementQueries.LastActiveAsync(db, [.. rows.Select(r => r.Plan.Id)], ct);
                return TypedResults.Ok(new PlanPage(
                    rows.Select(r => PlanListItemDto.From(r.Plan, lastActive.TryGetValue(r.Plan.Id, out var at) ? at : null)).ToList(),
                    filter.Page, filter.PageSize, total));
            })
            .WithName("ListPlans").WithSummary("List the workspace's plans, newest change first.")
            .WithDescription("Filters: `q` (title, buyer or solution), `stage`, `ownerId`, `archived`. Paging: `page` (from 1), `pageSize` (1–100, default 25). " +
                "Each plan carries `buyerLastActiveAt`: when the buyer side last viewed or used it through a share link, null when never (the engagement report has the detail).")
            .Produces<PlanPage>().ProducesValidationProblem();

        g.MapPost("/", async (PlanInput input, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                (await PlanCommands.CreateAsync(db, http.Seller(), input, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct))
                    .ToHttp(p => TypedResults.Created($"/api/v1/plans/{p.Id}", PlanHeaderDto.From(p))))
            .WithName("CreatePlan").WithSummary("Create a plan from its deal header.")
            .Produces<PlanHeaderDto>(201).ProducesValidationProblem();

        g.MapGet("/{id:guid}", async (Guid id, HttpContext http, AppDbContext db, IMemoryCache cache,
                Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct) =>
            {
                // Access and revision in one small query; the document itself is serialised once
                // per plan revision (any change raises it, on every instance).
                var stamp = await db.StampAsync(http.Seller(), id);
                if (stamp is null) return (IResult)ApiResults.NotFound();
                var bytes = await cache.GetOrCreateAsync(("plan-json", stamp.Id, stamp.Revision), async entry =>
                {
                    entry.SlidingExpiration = TimeSpan.FromMinutes(10);
                    var plan = await db.LoadWholePlanAsync(http.Seller(), id, ct, readOnly: true);
                    if (plan is null) { entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromTicks(1); return null; } // deleted meanwhile
                    return JsonSerializer.SerializeToUtf8Bytes(PlanDocument.From(plan, http.RequestServices), json.Value.SerializerOptions);
                });
                if (bytes is null) return ApiResults.NotFound();
                http.Response.Headers.ETag = $"\"{stamp.Version}\"";
                return Results.Bytes(bytes!, "application/json");
            })
            .WithName("GetPlan").WithSummary("Get the whole plan as one document.")
            .WithDescription("Every section of the plan. The `ETag` header carries the plan version for `If-Match`.")
            .Produces<PlanDocument>().ProducesProblem(404);

        g.MapPut("/{id:guid}", async (Guid id, PlanInput input, HttpContext http, AppDbContext db, CancellationToken ct) =>
            {
                // If-Match (from the ETag) may stand in for the version field; a mismatch is 412.
                var ifMatch = http.Request.Headers.IfMatch.ToString();
                if (!string.IsNullOrEmpty(ifMatch))
                {
                    if (!int.TryParse(ifMatch.Trim('W', '/', '"', ' '), out var v))
                        return ApiResults.Invalid(new FieldErrors().Add("If-Match", "Send the ETag you received, e.g. \"3\"."));
                    var current = await db.FindPlanAsync(http.Seller(), id, ct);
                    if (current is null) return ApiResults.NotFound();
                    if (current.Version != v)
                        return TypedResults.Problem(title: "Precondition failed", statusCode: 412,
                            detail: "The plan changed since you read it. The current header is included.",
                            extensions: new Dictionary<string, object?> { ["current"] = PlanHeaderDto.From(current) });
                    input.Version ??= v;
                }
                return (await PlanCommands.UpdateHeaderAsync(db, http.Seller(), id, input, ct)).ToHttp(p =>
                {
                    http.Response.Headers.ETag = ETag(p);
                    return TypedResults.Ok(PlanHeaderDto.From(p));
                });
            })
            .WithName("UpdatePlan").WithSummary("Replace the plan's deal header.")
            .WithDescription("Send the `version` you read in the body, or the ETag in `If-Match`. A stale version is 409 (body) or 412 (If-Match), with the current state.")
            .Produces<PlanHeaderDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        g.MapPost("/{id:guid}/archive", async (Guid id, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                (await PlanCommands.SetArchivedAsync(db, http.Seller(), id, true, clock.GetUtcNow(), ct)).ToHttp(p => TypedResults.Ok(PlanHeaderDto.From(p))))
            .WithName("ArchivePlan").WithSummary("Archive a plan (reversible).").Produces<PlanHeaderDto>().ProducesProblem(404);

        g.MapPost("/{id:guid}/restore", async (Guid id, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                (await PlanCommands.SetArchivedAsync(db, http.Seller(), id, false, clock.GetUtcNow(), ct)).ToHttp(p => TypedResults.Ok(PlanHeaderDto.From(p))))
            .WithName("RestorePlan").WithSummary("Restore an archived plan.").Produces<PlanHeaderDto>().ProducesProblem(404);

        g.MapDelete("/{id:guid}", async (Guid id, HttpContext http, AppDbContext db, CancellationToken ct) =>
                (await PlanCommands.DeleteAsync(db, http.Seller(), id, ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("DeletePlan").WithSummary("Delete a plan and everything in it, permanently.").Produces(204).ProducesProblem(404);
    }

    private static string ETag(Plan p) => $"\"{p.Version}\"";
}
