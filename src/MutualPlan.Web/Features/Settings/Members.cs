using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Settings;

public sealed class InviteInput
{
    [Required(ErrorMessage = "Enter your colleague's e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address, like name@company.com.")]
    [StringLength(256)]
    public string? Email { get; set; }

    public WorkspaceRole Role { get; set; } = WorkspaceRole.Member;
}

public sealed record CreatedInvitation(Invitation Invitation, string Token);

/// <summary>
/// Workspace membership: invitations, roles and removal. Owners and admins manage members; only
/// an owner can grant or take away ownership, and a workspace always keeps at least one owner.
/// </summary>
public static class Members
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    public static Task<List<AppUser>> ListAsync(AppDbContext db, WorkspaceUser me) =>
        db.Users.Where(u => u.WorkspaceId == me.WorkspaceId).OrderBy(u => u.DisplayName).ToListAsync();

    public static Task<List<Invitation>> PendingAsync(AppDbContext db, WorkspaceUser me, DateTimeOffset now) =>
        db.Invitations.Where(i => i.WorkspaceId == me.WorkspaceId && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.Email).ToListAsync();

    public static async Task<Outcome<CreatedInvitation>> InviteAsync(AppDbContext db, WorkspaceUser me, InviteInput input, TimeProvider clock)
    {
        if (!me.IsAdmin) return Outcome<CreatedInvitation>.Invalid("form", "Only owners and admins can invite colleagues.");
        var errors = FieldErrors.Of(input);
        if (input.Role == WorkspaceRole.Owner && me.Role != WorkspaceRole.Owner) errors.Add("role", "Only an owner can invite another owner.");
        var email = input.Email?.Trim() ?? "";
        if (errors.Count == 0 && await db.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant()))
            errors.Add("email", "Someone with this e-mail address already has an account.");
        if (errors.Count > 0) return Outcome<CreatedInvitation>.Invalid(errors);
        var now = clock.GetUtcNow();
        var token = Secrets.New("inv_");
        var invitation = new Invitation
        {
            WorkspaceId = me.WorkspaceId, Email = email, Role = input.Role, TokenHash = Secrets.Hash(token),
            InvitedById = me.UserId, CreatedAt = now, ExpiresAt = now + InvitationLifetime,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync();
        return Outcome<CreatedInvitation>.Ok(new CreatedInvitation(invitation, token));
    }

    public static async Task<Outcome<bool>> RevokeInvitationAsync(AppDbContext db, WorkspaceUser me, Guid id, TimeProvider clock)
    {
        var inv = await db.Invitations.SingleOrDefaultAsync(i => i.Id == id && i.WorkspaceId == me.WorkspaceId);
        if (inv is null) return Outcome<bool>.NotFound();
        if (!me.IsAdmin) return Outcome<bool>.Invalid("form", "Only owners and admins can revoke invitations.");
        inv.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync();
        return Outcome<bool>.Ok(true);
    }

    public static async Task<Outcome<AppUser>> ChangeRoleAsync(AppDbContext db, WorkspaceUser me, Guid userId, WorkspaceRole role)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.WorkspaceId == me.WorkspaceId);
        if (user is null) return Outcome<AppUser>.NotFound();
        if (!me.IsAdmin) return Outcome<AppUser>.Invalid("role", "Only owners and admins can change roles.");
        if ((role == WorkspaceRole.Owner || user.Role == WorkspaceRole.Owner) && me.Role != WorkspaceRole.Owner)
            return Outcome<AppUser>.Invalid("role", "Only an owner can grant or remove ownership.");
        if (user.Role == WorkspaceRole.Owner && role != WorkspaceRole.Owner && await OwnerCountAsync(db, me.WorkspaceId) == 1)
            return Outcome<AppUser>.Invalid("role", "A workspace needs at least one owner: make someone else owner first.");
        user.Role = role;
        await db.SaveChangesAsync();
        return Outcome<AppUser>.Ok(user);
    }

    public static async Task<Outcome<bool>> RemoveAsync(AppDbContext db, UserManager<AppUser> users, WorkspaceUser me, Guid userId)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.WorkspaceId == me.WorkspaceId);
        if (user is null) return Outcome<bool>.NotFound();
        if (!me.IsAdmin) return Outcome<bool>.Invalid("form", "Only owners and admins can remove members.");
        if (user.Id == me.UserId) return Outcome<bool>.Invalid("form", "You cannot remove yourself.");
        if (user.Role == WorkspaceRole.Owner && me.Role != WorkspaceRole.Owner)
            return Outcome<bool>.Invalid("form", "Only an owner can remove an owner.");
        // Their API tokens go with them; plans they owned keep their content and lose the owner.
        db.ApiTokens.RemoveRange(db.ApiTokens.Where(t => t.UserId == user.Id));
        await db.SaveChangesAsync();
        var result = await users.DeleteAsync(user);
        return result.Succeeded ? Outcome<bool>.Ok(true) : Outcome<bool>.Invalid("form", string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private static Task<int> OwnerCountAsync(AppDbContext db, Guid workspaceId) =>
        db.Users.CountAsync(u => u.WorkspaceId == workspaceId && u.Role == WorkspaceRole.Owner);

    /// <summary>The invitation behind a link, if it can still be used.</summary>
    public static async Task<(Invitation? Invitation, string? Problem)> FindInvitationAsync(AppDbContext db, string token, DateTimeOffset now)
    {
        var hash = Secrets.Hash(token);
        var inv = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash);
        return inv switch
        {
            null => (null, "This invitation link is not valid. Ask your colleague to send a new one."),
            { AcceptedAt: not null } => (null, "This invitation has already been used. Log in instead."),
            { RevokedAt: not null } => (null, "This invitation was withdrawn. Ask your colleague for a new one."),
            _ when inv.ExpiresAt <= now => (null, "This invitation has expired. Ask your colleague to send a new one."),
            _ => (inv, null),
        };
    }
}
