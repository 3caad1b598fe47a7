using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Settings;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Account;

/// <summary>Accepting an invitation: the account is created in the inviter's workspace with the invited role.</summary>
public sealed class AcceptInviteModel(AppDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn, TimeProvider clock) : PageModel
{
    [BindProperty] public string DisplayName { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    public FieldErrors Errors { get; private set; } = new();
    public string? Problem { get; private set; }
    public string WorkspaceName { get; private set; } = "";
    public string Email { get; private set; } = "";

    public async Task OnGetAsync(string token) => await LoadAsync(token);

    public async Task<IActionResult> OnPostAsync(string token)
    {
        var invitation = await LoadAsync(token);
        if (invitation is null) { Response.StatusCode = 400; return Page(); }
        if (string.IsNullOrWhiteSpace(DisplayName)) Errors.Add("displayName", "Enter your name.");
        else if (DisplayName.Length > 120) Errors.Add("displayName", "Keep your name under 120 characters.");
        if (string.IsNullOrEmpty(Password) || Password.Length < 10) Errors.Add("password", "Use at least 10 characters.");
        if (Errors.Count > 0) { Response.StatusCode = 400; return Page(); }

        var now = clock.GetUtcNow();
        var user = new AppUser
        {
            UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true, DisplayName = DisplayName.Trim(),
            WorkspaceId = invitation.WorkspaceId, Role = invitation.Role, CreatedAt = now,
        };
        await using var tx = await db.Database.BeginTransactionAsync();
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded) { Errors = CreateWorkspace.IdentityErrors(result); Response.StatusCode = 400; return Page(); }
        invitation.AcceptedAt = now;
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        await signIn.SignInAsync(user, isPersistent: true);
        return Redirect("/plans");
    }

    private async Task<Invitation?> LoadAsync(string token)
    {
        var (invitation, problem) = await Members.FindInvitationAsync(db, token, clock.GetUtcNow());
        Problem = problem;
        if (invitation is null) return null;
        Email = invitation.Email;
        WorkspaceName = (await db.Workspaces.FindAsync(invitation.WorkspaceId))?.Name ?? "";
        return invitation;
    }
}
