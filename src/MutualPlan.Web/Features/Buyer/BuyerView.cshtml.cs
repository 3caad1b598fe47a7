using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Documents;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Features.Sharing;

namespace MutualPlan.Web.Features.Buyer;

/// <summary>
/// The plan as the buyer sees it through a link: the buyer-audience document (built without any
/// internal item), read-only. Unknown, revoked and expired links all look the same (404).
/// </summary>
public sealed class BuyerViewModel(AppDbContext db, TimeProvider clock, GuessGuard guard) : PageModel
{
    public DocumentModel? Document { get; private set; }
    public string WorkspaceName { get; private set; } = "";
    public int Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        if (guard.IsBlocked(address)) return StatusCode(StatusCodes.Status429TooManyRequests);
        var link = await ShareCommands.OpenAsync(db, token, clock, HttpContext.RequestAborted);
        if (link is null)
        {
            guard.RecordFailure(address);
            return NotFound();
        }
        // The link grants exactly one plan: load it through its own workspace scope, and build only
        // the buyer-audience document from it (internal items are dropped there, not in the view).
        var workspaceId = await db.Plans.Where(p => p.Id == link.PlanId).Select(p => p.WorkspaceId).SingleAsync();
        var scope = new Auth.WorkspaceUser(Guid.Empty, workspaceId, Data.WorkspaceRole.Member, "buyer link");
        var whole = await db.LoadWholePlanAsync(scope, link.PlanId, HttpContext.RequestAborted, readOnly: true);
        if (whole is null) return NotFound();
        WorkspaceName = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.Name).SingleAsync();
        var owner = await db.Users.Where(u => u.Id == whole.OwnerId).Select(u => u.DisplayName).SingleOrDefaultAsync();
        Document = Planning.SignOff.SignOffBlock.Apply(DocumentBuilder.Build(whole, Audience.Buyer, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
            owner ?? "", Currencies.Format(whole.DealValue, whole.Currency)), await SignOff.SignOffCommands.StateOfAsync(db, whole, owner ?? ""));
        Done = whole.Milestones.Count(m => m.Status == Planning.Plans.MilestoneStatus.Done);
        return Page();
    }
}
