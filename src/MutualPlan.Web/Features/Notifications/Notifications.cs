using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Notifications;

public sealed record NotificationDto(Guid Id, Guid PlanId, NotificationKind Kind, Guid? CommentId, string ActorName, string Text, string Excerpt, string? Url, DateTimeOffset CreatedAt, bool Read, DateTimeOffset? EmailedAt)
{
    public static NotificationDto From(Notification n) => new(n.Id, n.PlanId, n.Kind, n.CommentId, n.ActorName, n.Text, n.Excerpt, n.Url, n.CreatedAt, n.IsRead, n.EmailedAt);
}

/// <summary>A seller's own notifications (in-app); stakeholders receive theirs by e-mail only.</summary>
public static class SellerNotifications
{
    public static IQueryable<Notification> Of(AppDbContext db, WorkspaceUser user) =>
        db.Notifications.Where(n => n.RecipientKind == MentionKind.Seller && n.RecipientId == user.UserId && n.WorkspaceId == user.WorkspaceId);

    public static Task<int> UnreadAsync(AppDbContext db, WorkspaceUser user, CancellationToken ct = default) =>
        Of(db, user).CountAsync(n => n.ReadAt == null, ct);

    public static Task<List<Notification>> ListAsync(AppDbContext db, WorkspaceUser user, bool unreadOnly, CancellationToken ct = default) =>
        Of(db, user).Where(n => !unreadOnly || n.ReadAt == null).OrderByDescending(n => n.CreatedAt).Take(100).AsNoTracking().ToListAsync(ct);

    /// <summary>Marks one notification read (or all, when <paramref name="id"/> is null); false when there is no such notification.</summary>
    public static async Task<bool> MarkReadAsync(AppDbContext db, WorkspaceUser user, Guid? id, TimeProvider clock, CancellationToken ct = default)
    {
        var q = Of(db, user).Where(n => n.ReadAt == null);
        if (id is { } one)
        {
            if (!await Of(db, user).AnyAsync(n => n.Id == one, ct)) return false;
            q = q.Where(n => n.Id == one);
        }
        foreach (var n in await q.ToListAsync(ct)) n.ReadAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }
}

public sealed class NotificationsApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/notifications").WithTags("Notifications");
        g.MapGet("/", async (bool? unread, HttpContext http, AppDbContext db, CancellationToken ct) =>
                TypedResults.Ok((await SellerNotifications.ListAsync(db, http.Seller(), unread == true, ct)).Select(NotificationDto.From).ToList()))
            .WithName("ListNotifications").WithSummary("Your notifications (for example, being @mentioned), newest first; unread=true for unread ones only.")
            .Produces<List<NotificationDto>>();
        g.MapPost("/{id:guid}/read", async (Guid id, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                await SellerNotifications.MarkReadAsync(db, http.Seller(), id, clock, ct) ? TypedResults.NoContent() : (IResult)ApiResults.NotFound())
            .WithName("MarkNotificationRead").WithSummary("Mark one of your notifications read.").Produces(204).ProducesProblem(404);
        g.MapPost("/read-all", async (HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                await SellerNotifications.MarkReadAsync(db, http.Seller(), null, clock, ct);
                return TypedResults.NoContent();
            })
            .WithName("MarkAllNotificationsRead").WithSummary("Mark all your notifications read.").Produces(204);
    }
}

/// <summary>The notification centre: what happened for me, newest first; opening one marks it read.</summary>
public sealed class NotificationsPageModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public List<Notification> Items { get; private set; } = [];
    public Dictionary<Guid, string> PlanTitles { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var user = HttpContext.Seller();
        Items = await SellerNotifications.ListAsync(db, user, unreadOnly: false);
        var plans = Items.Select(n => n.PlanId).Distinct().ToList();
        PlanTitles = await db.Plans.Where(p => plans.Contains(p.Id) && p.WorkspaceId == user.WorkspaceId).ToDictionaryAsync(p => p.Id, p => p.Title);
    }

    /// <summary>Marks the notification read and opens what it is about: the comment on the plan page, or the item.</summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid id)
    {
        var user = HttpContext.Seller();
        var n = await SellerNotifications.Of(db, user).AsNoTracking().SingleOrDefaultAsync(x => x.Id == id);
        if (n is null) return NotFound();
        await SellerNotifications.MarkReadAsync(db, user, id, clock);
        if (n.CommentId is null && n.Url is { } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)) return Redirect(url);
        var c = n.CommentId is { } cid ? await db.Comments.Where(x => x.Id == cid).Select(x => new { x.TargetId }).SingleOrDefaultAsync() : null;
        var key = c?.TargetId?.ToString() ?? "plan";
        return Redirect($"/plans/{n.PlanId}?comments={key}#comments-{key}");
    }

    /// <summary>The link in a notification e-mail (/notifications/open?id=…): the same as Open, after logging in if needed.</summary>
    public Task<IActionResult> OnGetOpenAsync(Guid id) => OnPostOpenAsync(id);

    public async Task<IActionResult> OnPostReadAsync(Guid id)
    {
        if (!await SellerNotifications.MarkReadAsync(db, HttpContext.Seller(), id, clock)) return NotFound();
        return Redirect("/notifications");
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        await SellerNotifications.MarkReadAsync(db, HttpContext.Seller(), null, clock);
        return Redirect("/notifications");
    }
}
