using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.CalendarFeeds;

public sealed class CalendarApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/plans/{planId:guid}").WithTags("Calendar feed");
        g.MapGet("/calendar.ics", async (Guid planId, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                await PlanCalendars.WriteAsync(db, http.Seller(), planId, clock, ct) is { } ics
                    ? Results.Text(ics, PlanCalendars.ContentType)
                    : ApiResults.NotFound())
            .WithName("GetPlanCalendar").WithSummary("The plan's milestones and action due dates as an iCalendar file (buyer view: no internal actions).")
            .Produces<string>(200, "text/calendar").ProducesProblem(404);
        g.MapGet("/calendar-feed", async (Guid planId, HttpContext http, AppDbContext db, CancellationToken ct) =>
                (await PlanCalendars.FindFeedAsync(db, http.Seller(), planId, ct)).ToHttp(f =>
                    f is null ? ApiResults.NotFound("The plan has no calendar subscription.") : TypedResults.Ok(CalendarFeedDto.From(f))))
            .WithName("GetCalendarFeed").WithSummary("The plan's active calendar subscription (its secret URL is never shown again).")
            .Produces<CalendarFeedDto>().ProducesProblem(404);
        g.MapPost("/calendar-feed", async (Guid planId, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                (await PlanCalendars.RegenerateAsync(db, http.Seller(), planId, clock, ct)).ToHttp(r =>
                    TypedResults.Created($"/api/v1/plans/{planId}/calendar-feed", CalendarFeedDto.From(r.Feed, PlanCalendars.FeedUrl(http.Request, r.Secret)))))
            .WithName("RegenerateCalendarFeed").WithSummary("Create the plan's secret calendar subscription URL, revoking the previous one; the URL is returned once.")
            .Produces<CalendarFeedDto>(201).ProducesProblem(404);
        g.MapDelete("/calendar-feed", async (Guid planId, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                (await PlanCalendars.RevokeAsync(db, http.Seller(), planId, clock, ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("RevokeCalendarFeed").WithSummary("Revoke the plan's calendar subscription; its URL stops working at once.")
            .Produces(204).ProducesProblem(404);
    }
}
