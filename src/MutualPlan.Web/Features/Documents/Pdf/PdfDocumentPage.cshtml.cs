using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Documents;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Features.Sharing;

namespace MutualPlan.Web.Features.Documents.Pdf;

/// <summary>The plan document as a PDF for the signed-in seller, for either audience.</summary>
public sealed class PdfDocumentPageModel(AppDbContext db, TimeProvider clock, IConfiguration config) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid planId, string? audience)
    {
        if (!PdfSupport.IsEnabled(config)) return NotFound();
        if (!PlanDocuments.TryAudience(audience, out var who)) return BadRequest();
        var doc = await PlanDocuments.BuildAsync(db, HttpContext.Seller(), planId, who, clock, HttpContext.RequestAborted);
        if (doc is null) return NotFound();
        return PdfResult.For(doc, clock);
    }
}

/// <summary>
/// The buyer's PDF through a share link: only ever the buyer-audience document. Unknown, revoked
/// and expired links are 404, and count as guesses like the link page itself.
/// </summary>
[AllowAnonymous]
public sealed class BuyerPdfPageModel(AppDbContext db, TimeProvider clock, GuessGuard guard, IConfiguration config) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string token)
    {
        if (!PdfSupport.IsEnabled(config)) return NotFound();
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        if (guard.IsBlocked(address)) return StatusCode(StatusCodes.Status429TooManyRequests);
        var link = await ShareCommands.OpenAsync(db, token, clock, HttpContext.RequestAborted);
        if (link is null)
        {
            guard.RecordFailure(address);
            return NotFound();
        }
        var doc = await BuyerDocument.BuildAsync(db, link.PlanId, clock, HttpContext.RequestAborted);
        return doc is null ? NotFound() : PdfResult.For(doc, clock);
    }
}

/// <summary>The buyer-audience document of one plan, read through that plan's own workspace scope.</summary>
public static class BuyerDocument
{
    public static async Task<DocumentModel?> BuildAsync(AppDbContext db, Guid planId, TimeProvider clock, CancellationToken ct)
    {
        var workspace = await db.Plans.Where(p => p.Id == planId).Select(p => new { p.WorkspaceId }).SingleOrDefaultAsync(ct);
        if (workspace is null) return null;
        var scope = new WorkspaceUser(Guid.Empty, workspace.WorkspaceId, WorkspaceRole.Member, "buyer link");
        var plan = await db.LoadWholePlanAsync(scope, planId, ct, readOnly: true);
        if (plan is null) return null;
        var seller = await db.Workspaces.Where(w => w.Id == workspace.WorkspaceId).Select(w => w.Name).SingleAsync(ct);
        var owner = await db.Users.Where(u => u.Id == plan.OwnerId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        var doc = DocumentBuilder.Build(plan, Audience.Buyer, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), owner ?? "",
            Currencies.Format(plan.DealValue, plan.Currency)) with { SellerCompany = seller };
        return Planning.SignOff.SignOffBlock.Apply(doc, await SignOff.SignOffCommands.StateOfAsync(db, plan, owner ?? "", ct));
    }
}

internal static class PdfResult
{
    public static FileContentResult For(DocumentModel doc, TimeProvider clock)
    {
        var suffix = doc.Audience == Audience.Buyer ? ".pdf" : "-internal.pdf";
        return new FileContentResult(PlanPdfWriter.Write(doc, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)), "application/pdf")
        {
            FileDownloadName = PlanDocuments.FileName(doc.Title, suffix),
        };
    }
}
