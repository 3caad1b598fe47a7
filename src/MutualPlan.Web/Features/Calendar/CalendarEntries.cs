using System.ComponentModel.DataAnnotations;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Features.Items;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Calendar;

/// <summary>A holiday, blackout or fixed event on the buyer's calendar.</summary>
public sealed class CalendarEntryInput : IVersionedInput
{
    [Required(ErrorMessage = "Choose holiday, blackout or fixed event.")]
    public CalendarEntryKind? Kind { get; set; }

    [Required(ErrorMessage = "Name it, e.g. \"Year-end IT freeze\" or \"CFO budget review\".")]
    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep the name under 200 characters.")]
    public string? Label { get; set; }

    [Required(ErrorMessage = "Set the date (the first day, for a blackout).")]
    public DateOnly? From { get; set; }

    /// <summary>Last day of a blackout, inclusive. Holidays and fixed events are one day.</summary>
    public DateOnly? To { get; set; }

    public int? Version { get; set; }

    public static CalendarEntryInput Of(CalendarEntry e) => new()
    {
        Kind = e.Kind, Label = e.Label, From = e.From, To = e.Kind == CalendarEntryKind.Blackout ? e.To : null, Version = e.Version,
    };
}

public sealed record CalendarEntryDto(Guid Id, CalendarEntryKind Kind, string Label, DateOnly From, DateOnly To, int Version);

/// <summary>
/// The buyer's calendar: the days scheduling must work around. Holidays and blackouts are not
/// working days; fixed events are days milestones can be pinned to.
/// </summary>
public sealed class CalendarFeature(TimeProvider clock) : PlanItemFeature<CalendarEntry, CalendarEntryInput, CalendarEntryDto>(clock)
{
    /// <summary>A blackout longer than this is almost certainly a typo in the year.</summary>
    public const int MaxBlackoutDays = 120;

    public override string Singular => "calendar entry";

    public override CalendarEntryDto ToDto(CalendarEntry e) => new(e.Id, e.Kind, e.Label, e.From, e.To, e.Version);

    protected override Task ValidateAsync(CalendarEntryInput input, CalendarEntry? existing, ItemContext ctx, FieldErrors errors)
    {
        if (input.Kind == CalendarEntryKind.Blackout && input.From is { } from)
        {
            if (input.To is not { } to) errors.Add("to", "Set the last day of the blackout.");
            else if (to < from) errors.Add("to", "The last day cannot be before the first.");
            else if (to.DayNumber - from.DayNumber + 1 > MaxBlackoutDays)
                errors.Add("to", $"A blackout can span at most {MaxBlackoutDays} days; split longer periods.");
        }
        if (existing is { Kind: CalendarEntryKind.FixedEvent } && input.Kind != CalendarEntryKind.FixedEvent
            && ctx.Plan.Milestones.Any(m => m.PinnedEventId == existing.Id))
            errors.Add("kind", "Milestones are pinned to this event: unpin them before making it a holiday or blackout.");
        return Task.CompletedTask;
    }

    protected override void Apply(CalendarEntryInput i, CalendarEntry e, ItemContext ctx)
    {
        e.Kind = i.Kind!.Value;
        e.Label = i.Label!.Trim();
        e.From = i.From!.Value;
        e.To = e.Kind == CalendarEntryKind.Blackout ? i.To!.Value : e.From;
    }
}

public sealed class CalendarApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapItems("/plans/{planId:guid}/calendar", "Calendar", "CalendarEntry", "CalendarEntries", sp => sp.GetRequiredService<CalendarFeature>());
}

public sealed class CalendarSectionModel(Data.AppDbContext db, TimeProvider clock, CalendarFeature feature)
    : ItemSectionPage<CalendarEntry, CalendarEntryInput, CalendarEntryDto>(db, clock)
{
    protected override ItemFeature<CalendarEntry, CalendarEntryInput, CalendarEntryDto> Feature => feature;
    protected override string SectionPartial => "/Features/Calendar/_Calendar.cshtml";
    protected override string Anchor => "calendar";
}
