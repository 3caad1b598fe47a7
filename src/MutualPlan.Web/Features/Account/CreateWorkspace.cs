using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Account;

public sealed class NewWorkspaceInput
{
    [Required(ErrorMessage = "Name your workspace, usually your company.")]
    [StringLength(120, ErrorMessage = "Keep the workspace name under 120 characters.")]
    public string WorkspaceName { get; set; } = "";

    [Required(ErrorMessage = "Enter your name.")]
    [StringLength(120, ErrorMessage = "Keep your name under 120 characters.")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address, like name@company.com.")]
    [StringLength(256)]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(200, MinimumLength = 10, ErrorMessage = "Use at least 10 characters.")]
    public string Password { get; set; } = "";
}

/// <summary>Creates a workspace and its owner account: first-run setup and the CLI's `users create`.</summary>
public static class CreateWorkspace
{
    public static async Task<Outcome<AppUser>> RunAsync(NewWorkspaceInput input, AppDbContext db,
        UserManager<AppUser> users, TimeProvider clock)
    {
        var errors = FieldErrors.Of(input);
        if (errors.Count > 0) return Outcome<AppUser>.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync();
        var now = clock.GetUtcNow();
        var workspace = new Workspace { Name = input.WorkspaceName.Trim(), CreatedAt = now };
        db.Workspaces.Add(workspace);
        await db.SaveChangesAsync();
        var user = new AppUser
        {
            UserName = input.Email.Trim(), Email = input.Email.Trim(), EmailConfirmed = true,
            DisplayName = input.DisplayName.Trim(), WorkspaceId = workspace.Id,
            Role = WorkspaceRole.Owner, CreatedAt = now,
        };
        var result = await users.CreateAsync(user, input.Password);
        if (!result.Succeeded) return Outcome<AppUser>.Invalid(IdentityErrors(result));
        await tx.CommitAsync();
        return Outcome<AppUser>.Ok(user);
    }

    /// <summary>Identity's error codes mapped to the form field they concern.</summary>
    public static FieldErrors IdentityErrors(IdentityResult result)
    {
        var errors = new FieldErrors();
        foreach (var e in result.Errors)
        {
            var field = e.Code.Contains("Password", StringComparison.Ordinal) ? "password"
                : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "email"
                : "form";
            errors.Add(field, e.Code is "DuplicateUserName" or "DuplicateEmail"
                ? "An account with this e-mail address already exists." : e.Description);
        }
        return errors;
    }
}
