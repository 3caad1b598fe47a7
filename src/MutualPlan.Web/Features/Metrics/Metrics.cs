using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Items;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Metrics;

public sealed class MetricInput : IVersionedInput
{
    [Required(ErrorMessage = "Name the metric, e.g. \"Days to close the books\".")]
    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep the name under 200 characters.")]
    public string? Name { get; set; }

    public decimal? Baseline { get; set; }
    public decimal? Target { get; set; }

    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep the unit under 200 characters.")]
    public string? Unit { get; set; }

    public DateOnly? TargetDate { get; set; }
    public MeasurementFrequency? Frequency { get; set; }
    public Guid? OwnerStakeholderId { get; set; }
    public int? Version { get; set; }

    public static MetricInput From(SuccessMetric m) => new()
    {
        Name = m.Name, Baseline = m.Baseline, Target = m.Target, Unit = m.Unit, TargetDate = m.TargetDate,
        Frequency = m.Frequency, OwnerStakeholderId = m.OwnerStakeholderId, Version = m.Version,
    };
}

public sealed record MeasurementDto(Guid Id, DateOnly MeasuredOn, decimal Value, string? Note);

public sealed record MetricDto(Guid Id, int Position, string Name, decimal? Baseline, decimal? Target, string? Unit, DateOnly? TargetDate,
    MeasurementFrequency Frequency, Guid? OwnerStakeholderId, decimal? Progress, List<MeasurementDto> Measurements, int Version);

public sealed class MetricFeature(TimeProvider clock) : PlanItemFeature<SuccessMetric, MetricInput, MetricDto>(clock)
{
    public override string Singular => "metric";

    protected override IQueryable<SuccessMetric> Items(AppDbContext db, Guid planId, Guid? parentId) =>
        base.Items(db, planId, parentId).Include(m => m.Measurements);

    public override MetricDto ToDto(SuccessMetric m) => new(m.Id, m.Position, m.Name, m.Baseline, m.Target, m.Unit, m.TargetDate,
        m.Frequency, m.OwnerStakeholderId, m.Progress(),
        m.Measurements.OrderBy(x => x.MeasuredOn).Select(x => new MeasurementDto(x.Id, x.MeasuredOn, x.Value, x.Note)).ToList(), m.Version);

    protected override Task ValidateAsync(MetricInput input, SuccessMetric? existing, ItemContext ctx, FieldErrors errors)
    {
        if (input.OwnerStakeholderId is { } o && ctx.Plan.Stakeholders.All(s => s.Id != o))
            errors.Add("ownerStakeholderId", "The owner must be a stakeholder of this plan.");
        return Task.CompletedTask;
    }

    protected override void Apply(MetricInput i, SuccessMetric m, ItemContext ctx)
    {
        m.Name = i.Name!.Trim();
        m.Baseline = i.Baseline;
        m.Target = i.Target;
        m.Unit = i.Unit?.Trim();
        m.TargetDate = i.TargetDate;
        m.Frequency = i.Frequency ?? MeasurementFrequency.Monthly;
        m.OwnerStakeholderId = i.OwnerStakeholderId;
    }
}

public sealed class MeasurementInput
{
    [Required(ErrorMessage = "Enter the date of the measurement.")]
    public DateOnly? MeasuredOn { get; set; }

    [Required(ErrorMessage = "Enter the measured value.")]
    [Range(-1e12, 1e12, ErrorMessage = "Enter a realistic number.")]
    public decimal? Value { get; set; }

    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep the note under 200 characters.")]
    public string? Note { get; set; }
}

/// <summary>Measured values of a metric over time (kept in date order, not manually ordered).</summary>
public static class MeasurementCommands
{
    private static Task<SuccessMetric?> MetricAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid metricId, CancellationToken ct) =>
        db.Metrics.Include(m => m.Measurements)
            .Where(m => m.Id == metricId && m.PlanId == planId && db.Plans.Any(p => p.Id == planId && p.WorkspaceId == user.WorkspaceId))
            .SingleOrDefaultAsync(ct);

    public static async Task<Outcome<SuccessMetric>> GetAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid metricId, CancellationToken ct = default) =>
        await MetricAsync(db, user, planId, metricId, ct) is { } m ? Outcome<SuccessMetric>.Ok(m) : Outcome<SuccessMetric>.NotFound();

    public static async Task<Outcome<MetricMeasurement>> AddAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid metricId,
        MeasurementInput input, DateOnly today, CancellationToken ct = default)
    {
        var metric = await MetricAsync(db, user, planId, metricId, ct);
        if (metric is null) return Outcome<MetricMeasurement>.NotFound();
        var errors = FieldErrors.Of(input);
        if (input.MeasuredOn > today) errors.Add("measuredOn", "A measurement cannot be in the future.");
        if (errors.Count > 0) return Outcome<MetricMeasurement>.Invalid(errors);
        var m = new MetricMeasurement { MetricId = metricId, MeasuredOn = input.MeasuredOn!.Value, Value = input.Value!.Value, Note = input.Note?.Trim() };
        db.Measurements.Add(m);
        await db.SaveChangesAsync(ct);
        return Outcome<MetricMeasurement>.Ok(m);
    }

    public static async Task<Outcome<bool>> DeleteAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid metricId, Guid id, CancellationToken ct = default)
    {
        var metric = await MetricAsync(db, user, planId, metricId, ct);
        var m = metric?.Measurements.FirstOrDefault(x => x.Id == id);
        if (m is null) return Outcome<bool>.NotFound();
        db.Measurements.Remove(m);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }
}

public sealed class MetricsApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapItems("/plans/{planId:guid}/metrics", "Success metrics", "Metric", "Metrics", sp => sp.GetRequiredService<MetricFeature>());
        var g = api.MapGroup("/plans/{planId:guid}/metrics/{metricId:guid}/measurements").WithTags("Success metrics");
        g.MapGet("/", async (Guid planId, Guid metricId, HttpContext http, AppDbContext db, CancellationToken ct) =>
                (await MeasurementCommands.GetAsync(db, http.Seller(), planId, metricId, ct)).ToHttp(m =>
                    TypedResults.Ok(m.Measurements.OrderBy(x => x.MeasuredOn).Select(x => new MeasurementDto(x.Id, x.MeasuredOn, x.Value, x.Note)).ToList())))
            .WithName("ListMeasurements").WithSummary("List a metric's measured values in date order.")
            .Produces<List<MeasurementDto>>().ProducesProblem(404);
        g.MapPost("/", async (Guid planId, Guid metricId, MeasurementInput input, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                (await MeasurementCommands.AddAsync(db, http.Seller(), planId, metricId, input, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct))
                    .ToHttp(x => TypedResults.Created($"{http.Request.Path.Value!.TrimEnd('/')}/{x.Id}", new MeasurementDto(x.Id, x.MeasuredOn, x.Value, x.Note))))
            .WithName("CreateMeasurement").WithSummary("Record a measured value.")
            .Produces<MeasurementDto>(201).ProducesValidationProblem().ProducesProblem(404);
        g.MapDelete("/{id:guid}", async (Guid planId, Guid metricId, Guid id, HttpContext http, AppDbContext db, CancellationToken ct) =>
                (await MeasurementCommands.DeleteAsync(db, http.Seller(), planId, metricId, id, ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("DeleteMeasurement").WithSummary("Delete a measured value.").Produces(204).ProducesProblem(404);
    }
}

public sealed class MetricsSectionModel(AppDbContext db, TimeProvider clock, MetricFeature feature)
    : ItemSectionPage<SuccessMetric, MetricInput, MetricDto>(db, clock)
{
    protected override ItemFeature<SuccessMetric, MetricInput, MetricDto> Feature => feature;
    protected override string SectionPartial => "/Features/Metrics/_Metrics.cshtml";
    protected override string Anchor => "metrics";

    public Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetMeasureAsync(Guid itemId) =>
        RenderAsync(new SectionState(EditingId: itemId, Kind: "measurement"));

    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnPostMeasureAsync(Guid itemId, [Microsoft.AspNetCore.Mvc.FromForm] MeasurementInput input)
    {
        var state = new SectionState(EditingId: itemId, Kind: "measurement", Draft: input);
        var unreadable = UnreadableFields();
        if (unreadable.Count > 0) return await RenderAsync(state with { Errors = unreadable });
        return await AfterChangeAsync(await MeasurementCommands.AddAsync(Db, Seller, PlanId, itemId, input,
            DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime)), state);
    }

    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnPostDeleteMeasurementAsync(Guid itemId, Guid measurementId) =>
        await AfterChangeAsync(await MeasurementCommands.DeleteAsync(Db, Seller, PlanId, itemId, measurementId), SectionState.Viewing);
}
