using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Features.Buyer;

/// <summary>A workspace's uploaded logo, for the buyer's pages (public like any logo; the URL carries a version for caching).</summary>
public sealed class BrandLogoModel(AppDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid workspaceId)
    {
        var logo = await db.Workspaces.Where(w => w.Id == workspaceId && w.LogoData != null)
            .Select(w => new { w.LogoData, w.LogoContentType }).SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (logo is null) return NotFound();
        Response.Headers.CacheControl = "public, max-age=86400";
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return File(logo.LogoData!, logo.LogoContentType ?? "application/octet-stream");
    }
}
