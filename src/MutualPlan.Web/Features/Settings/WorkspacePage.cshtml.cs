using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Settings;

/// <summary>The workspace's name and branding (colour, logo) as buyers see them on shared plans.</summary>
public sealed class WorkspacePageModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public Brand Brand { get; private set; } = new("", null, null);
    public BrandingInput Draft { get; private set; } = new();
    public FieldErrors Errors { get; private set; } = new();
    public string? Message { get; private set; }
    public WorkspaceUser Me => HttpContext.Seller();

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Message = TempData["workspace"] as string;
    }

    public async Task<IActionResult> OnPostAsync([FromForm] BrandingInput input, IFormFile? logo)
    {
        var saved = await Branding.SaveAsync(db, Me, input, logo, clock, HttpContext.RequestAborted);
        if (saved.IsOk)
        {
            TempData["workspace"] = "Branding saved: shared plans show it from now on.";
            return RedirectToPage();
        }
        await LoadAsync();
        Draft = input;
        Errors = saved.Errors!;
        if (saved.Kind == OutcomeKind.Forbidden) { Message = Errors.For(""); Response.StatusCode = 403; }
        else Response.StatusCode = 400;
        return Page();
    }

    private async Task LoadAsync()
    {
        Brand = await Brand.LoadAsync(db, Me.WorkspaceId, HttpContext.RequestAborted);
        var logoUrl = Brand.LogoSrc is { } src && src.StartsWith("https://", StringComparison.Ordinal) ? src : null;
        Draft = new BrandingInput { Name = Brand.Name, BrandColor = Brand.Color, LogoUrl = logoUrl };
        // The logo may be an https address elsewhere: let the preview show it.
        Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    }
}
