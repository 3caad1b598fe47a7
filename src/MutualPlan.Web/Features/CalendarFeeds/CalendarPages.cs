using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Planning.Ics;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Documents;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Features.Sharing;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.CalendarFeeds;

/// <summary>
/// The subscription feed calendar apps poll, with no account: the secret in the URL is the key.
/// Unknown and revoked secrets are 404 and count as guesses, like buyer links.
/// </summary>
[AllowAnonymous]
public sealed class CalendarFeedPageModel(AppDbContext db, TimeProvider clock, GuessGuard guard) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string token)
    {
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        if (guard.IsBlocked(address)) return StatusCode(StatusCodes.Status429TooManyRequests);
        var ics = await PlanCalendars.OpenFeedAsync(db, token, clock, HttpContext.RequestAborted);
        if (ics is null)
        {
            guard.RecordFailure(address);
            return NotFound();
        }
        return Content(ics, PlanCalendars.ContentType);
    }
}

/// <summary>The .ics file for the signed-in seller to download or forward.</summary>
public sealed class CalendarFilePageModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid planId)
    {
        var ics = await PlanCalendars.WriteAsync(db, HttpContext.Seller(), planId, clock, HttpContext.RequestAborted);
        if (ics is null) return NotFound();
        var plan = await db.FindPlanAsync(HttpContext.Seller(), planId);
        return File(System.Text.Encoding.UTF8.GetBytes(ics), PlanCalendars.ContentType, PlanDocuments.FileName(plan!.Title, ".ics"));
    }
}

/// <summary>The seller's page for the plan's calendar: the file, and the subscription URL to create, replace or revoke.</summary>
public sealed class CalendarSubscriptionPageModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public Guid PlanId { get; private set; }
    public string PlanTitle { get; private set; } = "";
    public CalendarFeed? Feed { get; private set; }
    public string? NewUrl { get; private set; }
    public string? Message { get; private set; }
    public List<CalendarItem> Items { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(Guid planId) => LoadAsync(planId);

    public async Task<IActionResult> OnPostRegenerateAsync(Guid planId)
    {
        var made = await PlanCalendars.RegenerateAsync(db, HttpContext.Seller(), planId, clock);
        if (!made.IsOk) return NotFound();
        NewUrl = PlanCalendars.FeedUrl(Request, made.Value.Secret);
        return await LoadAsync(planId);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid planId)
    {
        var revoked = await PlanCalendars.RevokeAsync(db, HttpContext.Seller(), planId, clock);
        if (!revoked.IsOk) return NotFound();
        Message = "The subscription URL no longer works. Calendars that used it keep their last copy but receive no more updates.";
        return await LoadAsync(planId);
    }

    private async Task<IActionResult> LoadAsync(Guid planId)
    {
        var plan = await db.LoadWholePlanAsync(HttpContext.Seller(), planId, HttpContext.RequestAborted, readOnly: true);
        if (plan is null) return NotFound();
        PlanId = planId;
        PlanTitle = plan.Title;
        Items = CalendarItems.From(plan);
        Feed = (await PlanCalendars.FindFeedAsync(db, HttpContext.Seller(), planId)).Value;
        return Page();
    }
}
