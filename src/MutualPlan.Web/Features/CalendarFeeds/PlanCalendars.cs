using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Ics;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.CalendarFeeds;

public sealed record CalendarFeedDto(Guid Id, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? LastFetchedAt, int Fetches, string? Url)
{
    public static CalendarFeedDto From(CalendarFeed f, string? url = null) => new(f.Id, f.CreatedBy, f.CreatedAt, f.LastFetchedAt, f.Fetches, url);
}

/// <summary>
/// The plan's calendar (.ics) and its secret subscription feed. Every read brings the published
/// record (<see cref="CalendarPublication"/>) up to date first, so SEQUENCE numbers and cancellations
/// are the same whoever asks; the calendar is always the buyer's view (no internal actions).
/// </summary>
public static class PlanCalendars
{
    public const string TokenPrefix = "c_";
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>The calendar of the caller's plan, or null if the plan is not in their workspace.</summary>
    public static async Task<string?> WriteAsync(AppDbContext db, WorkspaceUser user, Guid planId, TimeProvider clock, CancellationToken ct = default) =>
        await db.FindPlanAsync(user, planId, ct) is null ? null : await WriteAsync(db, user.WorkspaceId, planId, clock, ct);

    private static async Task<string> WriteAsync(AppDbContext db, Guid workspaceId, Guid planId, TimeProvider clock, CancellationToken ct)
    {
        var scope = new WorkspaceUser(Guid.Empty, workspaceId, WorkspaceRole.Member, "calendar");
        // Two calendar apps polling at once may both try to record the same change; the loser
        // starts again from what the winner stored, so a SEQUENCE is never handed out twice.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var plan = await db.LoadWholePlanAsync(scope, planId, ct, readOnly: true)
                    ?? throw new InvalidOperationException("The plan disappeared while its calendar was written.");
                var entries = await db.CalendarPublications.Where(e => e.PlanId == planId).ToListAsync(ct);
                var now = clock.GetUtcNow();
                var (added, events) = CalendarLedger.Reconcile(planId, entries, CalendarItems.From(plan), now);
                db.CalendarPublications.AddRange(added);
                await db.SaveChangesAsync(ct);
                var seller = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.Name).SingleAsync(ct);
                var organizer = await db.Users.Where(u => u.WorkspaceId == workspaceId)
                    .OrderBy(u => u.Id == plan.OwnerId ? 0 : 1).ThenBy(u => u.CreatedAt)
                    .Select(u => new { u.DisplayName, u.Email }).FirstAsync(ct);
                var header = new CalendarHeader(plan.Title, $"Milestones and due dates of the mutual action plan between {plan.BuyerCompany} and {seller}.",
                    organizer.DisplayName, organizer.Email ?? "");
                return ICalendarWriter.Write(header, events, now);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public static async Task<Outcome<CalendarFeed?>> FindFeedAsync(AppDbContext db, WorkspaceUser user, Guid planId, CancellationToken ct = default) =>
        await db.FindPlanAsync(user, planId, ct) is null
            ? Outcome<CalendarFeed?>.NotFound()
            : Outcome<CalendarFeed?>.Ok(await db.CalendarFeeds.SingleOrDefaultAsync(f => f.PlanId == planId && f.RevokedAt == null, ct));

    /// <summary>A new subscription secret for the plan; the previous one, if any, stops working.</summary>
    public static async Task<Outcome<(CalendarFeed Feed, string Secret)>> RegenerateAsync(AppDbContext db, WorkspaceUser user, Guid planId, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.FindPlanAsync(user, planId, ct) is null) return Outcome<(CalendarFeed, string)>.NotFound();
        var now = clock.GetUtcNow();
        foreach (var old in await db.CalendarFeeds.Where(f => f.PlanId == planId && f.RevokedAt == null).ToListAsync(ct)) old.RevokedAt = now;
        var secret = Secrets.New(TokenPrefix);
        var feed = new CalendarFeed { PlanId = planId, TokenHash = Secrets.Hash(secret), CreatedBy = user.DisplayName, CreatedAt = now };
        db.CalendarFeeds.Add(feed);
        await db.SaveChangesAsync(ct);
        return Outcome<(CalendarFeed, string)>.Ok((feed, secret));
    }

    public static async Task<Outcome<bool>> RevokeAsync(AppDbContext db, WorkspaceUser user, Guid planId, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.FindPlanAsync(user, planId, ct) is null) return Outcome<bool>.NotFound();
        var active = await db.CalendarFeeds.Where(f => f.PlanId == planId && f.RevokedAt == null).ToListAsync(ct);
        foreach (var f in active) f.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(active.Count > 0);
    }

    /// <summary>The calendar behind a subscription secret; null when the secret is unknown or revoked.</summary>
    public static async Task<string?> OpenFeedAsync(AppDbContext db, string secret, TimeProvider clock, CancellationToken ct = default)
    {
        if (!secret.StartsWith(TokenPrefix, StringComparison.Ordinal) || secret.Length > 100) return null;
        var hash = Secrets.Hash(secret);
        var feed = await db.CalendarFeeds.SingleOrDefaultAsync(f => f.TokenHash == hash && f.RevokedAt == null, ct);
        if (feed is null) return null;
        var workspaceId = await db.Plans.Where(p => p.Id == feed.PlanId).Select(p => (Guid?)p.WorkspaceId).SingleOrDefaultAsync(ct);
        if (workspaceId is null) return null;
        feed.Fetches++;
        feed.LastFetchedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return await WriteAsync(db, workspaceId.Value, feed.PlanId, clock, ct);
    }

    public static string FeedUrl(HttpRequest request, string secret) => $"{request.Scheme}://{request.Host}/cal/{secret}.ics";
}
