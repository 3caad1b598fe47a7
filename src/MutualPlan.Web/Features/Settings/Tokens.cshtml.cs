using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Settings;

public sealed class TokensModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public TokenInput Input { get; set; } = new();
    public FieldErrors Errors { get; private set; } = new();
    public List<ApiToken> Tokens { get; private set; } = [];
    public string? NewSecret { get; private set; }
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task OnGetAsync() => Tokens = await ApiTokens.ListAsync(db, HttpContext.Seller());

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var me = HttpContext.Seller();
        var outcome = await ApiTokens.CreateAsync(db, me.UserId, me.WorkspaceId, Input, clock);
        if (outcome.IsOk) { NewSecret = outcome.Value!.Secret; Input = new TokenInput(); }
        else { Errors = outcome.Errors!; Response.StatusCode = 400; }
        Tokens = await ApiTokens.ListAsync(db, me);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        if (!await ApiTokens.RevokeAsync(db, HttpContext.Seller(), id, clock)) return NotFound();
        return RedirectToPage();
    }
}
