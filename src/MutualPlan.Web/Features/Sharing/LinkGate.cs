using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Features.Sharing;

/// <summary>
/// Getting through a link's gate: the PIN, and signing the visitor into the "BuyerLink" cookie
/// scheme for exactly the link's plan. A personal link's visitor is always its stakeholder; a
/// verified e-mail address that belongs to a buyer-side stakeholder of the plan is that person.
/// </summary>
public static class LinkGate
{
    public static BuyerSession SessionOf(ShareLink link, Guid workspaceId, string token, LinkVisitor visitor) =>
        new(link, workspaceId, token, visitor.Id, BuyerLink.DisplayName(link, visitor), visitor.Email, visitor.StakeholderId);

    /// <summary>Checks a PIN attempt; a wrong one counts as a failed guess from the caller's address.</summary>
    public static bool CheckPin(HttpContext ctx, ShareLink link, string? pin, GuessGuard guard)
    {
        if (!link.HasPin) return true;
        var attempt = (pin ?? "").Trim();
        if (attempt.Length is > 0 and <= 12 && LinkSecrets.Verify(link.PinHash, attempt)) return true;
        guard.RecordFailure(ctx.Connection.RemoteIpAddress?.ToString());
        return false;
    }

    /// <summary>Signs the visitor in (cookie) and makes them the actor of the current request.</summary>
    public static async Task<BuyerSession> SignInAsync(HttpContext ctx, AppDbContext db, ShareLink link, Guid workspaceId, string token,
        string? name, string? email, DateTimeOffset now)
    {
        var ct = ctx.RequestAborted;
        LinkVisitor? visitor = null;
        Stakeholder? person = null;
        if (link.StakeholderId is { } personal)
        {
            person = await db.Stakeholders.AsNoTracking().SingleOrDefaultAsync(s => s.Id == personal && s.PlanId == link.PlanId, ct);
            visitor = await db.LinkVisitors.Where(v => v.LinkId == link.Id && v.StakeholderId == personal).OrderBy(v => v.FirstSeenAt).FirstOrDefaultAsync(ct);
        }
        else if (email is not null)
        {
            email = email.Trim().ToLowerInvariant();
            visitor = await db.LinkVisitors.Where(v => v.LinkId == link.Id && v.Email == email).OrderBy(v => v.FirstSeenAt).FirstOrDefaultAsync(ct);
            person = await StakeholderByEmailAsync(db, link.PlanId, email, ct);
        }
        if (visitor is null)
        {
            visitor = new LinkVisitor { LinkId = link.Id, PlanId = link.PlanId, FirstSeenAt = now };
            db.LinkVisitors.Add(visitor);
        }
        visitor.LastSeenAt = now;
        if (person is not null)
        {
            visitor.StakeholderId = person.Id;
            visitor.Name = person.Name;
            visitor.Email = person.Email?.Trim().ToLowerInvariant() ?? email;
        }
        else if (email is not null)
        {
            visitor.Name = string.IsNullOrWhiteSpace(name) ? visitor.Name : name.Trim();
            visitor.Email = email;
        }
        if (email is not null) visitor.VerifiedAt = now;
        link.LastViewedAt = now;
        await db.SaveChangesAsync(ct);

        var principal = BuyerLink.Principal(link, visitor, BuyerLink.DisplayName(link, visitor));
        await ctx.SignInAsync(BuyerLink.Scheme, principal);
        ctx.User = principal;
        var session = SessionOf(link, workspaceId, token, visitor);
        BuyerLink.SetVisit(ctx, new LinkVisit(link, workspaceId, token, session));
        return session;
    }

    /// <summary>The buyer-side stakeholder of the plan with this e-mail address, if exactly one has it.</summary>
    public static async Task<Stakeholder?> StakeholderByEmailAsync(AppDbContext db, Guid planId, string email, CancellationToken ct)
    {
        var candidates = await db.Stakeholders.AsNoTracking()
            .Where(s => s.PlanId == planId && s.Side != Side.Seller && s.Email != null).ToListAsync(ct);
        var matches = candidates.Where(s => string.Equals(s.Email!.Trim(), email, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }
}
