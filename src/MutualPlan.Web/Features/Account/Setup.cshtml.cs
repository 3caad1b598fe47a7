using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Account;

/// <summary>First run: creates the first workspace and its owner. Closed once any account exists.</summary>
public sealed class SetupModel(AppDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn, TimeProvider clock) : PageModel
{
    [BindProperty] public NewWorkspaceInput Input { get; set; } = new();
    public FieldErrors Errors { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync() =>
        await db.Users.AnyAsync() ? Redirect("/login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await db.Users.AnyAsync()) return Redirect("/login");
        var outcome = await CreateWorkspace.RunAsync(Input, db, users, clock);
        if (!outcome.IsOk) { Errors = outcome.Errors!; Response.StatusCode = 400; return Page(); }
        await signIn.SignInAsync(outcome.Value!, isPersistent: true);
        return Redirect("/plans");
    }
}
