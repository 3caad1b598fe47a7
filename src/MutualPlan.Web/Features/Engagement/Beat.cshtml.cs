using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Sharing;

namespace MutualPlan.Web.Features.Engagement;

/// <summary>
/// POST /p/{token}/engagement: the buyer's view reports activity here (engagement.js). The link
/// and the visitor's gate were checked by <see cref="BuyerLinkMiddleware"/> (401 before the gate);
/// the antiforgery token comes in the RequestVerificationToken header.
/// </summary>
[AllowAnonymous]
public sealed class BeatModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(string token)
    {
        var session = HttpContext.BuyerSession();
        if (session is null) return NotFound();
        var input = await BeatInput.ReadAsync(Request, HttpContext.RequestAborted);
        if (input is null)
        {
            return new ObjectResult(new ProblemDetails
            {
                Status = 400, Title = "This is not an activity report.",
                Detail = "Send JSON like {\"active\": 15, \"sections\": {\"milestones\": 10}}: non-negative whole seconds, at most 32 sections.",
            }) { StatusCode = 400, ContentTypes = { "application/problem+json" } };
        }
        if (await EngagementRecorder.IsOwnSellerAsync(HttpContext, session.WorkspaceId)) return new NoContentResult();
        var credited = await EngagementRecorder.RecordBeatAsync(db, session, input, clock.GetUtcNow(), HttpContext.RequestAborted);
        return new JsonResult(new { credited });
    }
}
