using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;
using MutualPlan.Web.Infrastructure.Email;

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

    /// <summary>At most this many codes per address and link within the code lifetime.</summary>
    public const int MaxCodesPerWindow = 3;

    /// <summary>
    /// First step of an e-mail-required link: checks the PIN (if any), the name, the address and
    /// its domain, then e-mails a one-time 6-digit code (stored only as a salted hash) and returns
    /// the challenge to answer.
    /// </summary>
    public static async Task<Outcome<LinkChallenge>> StartAsync(HttpContext ctx, AppDbContext db, IMailSender mail, GuessGuard guard, ShareLink link,
        string? name, string? email, string? pin, DateTimeOffset now, ILogger log)
    {
        var ct = ctx.RequestAborted;
        var errors = new FieldErrors();
        if (!CheckPin(ctx, link, pin, guard)) errors.Add("pin", "That PIN is not right. Check it with the person who shared the plan.");
        email = (email ?? "").Trim().ToLowerInvariant();
        name = (name ?? "").Trim();
        Stakeholder? person = null;
        if (link.StakeholderId is { } personal)
            person = await db.Stakeholders.AsNoTracking().SingleOrDefaultAsync(s => s.Id == personal, ct);
        if (person is null && name.Length == 0) errors.Add("name", "Enter your name, so the seller's team knows who is reading.");
        else if (name.Length > Plan.ShortTextMax) errors.Add("name", "Keep your name under 200 characters.");
        if (email.Length == 0) errors.Add("email", "Enter your work e-mail address: we send a code to it.");
        else if (email.Length > Plan.ShortTextMax || !new EmailAddressAttribute().IsValid(email) || !email.Contains('.', StringComparison.Ordinal))
            errors.Add("email", "Enter a valid e-mail address, like name@company.com.");
        else if (person is not null && !string.Equals(person.Email?.Trim(), email, StringComparison.OrdinalIgnoreCase))
            errors.Add("email", $"This link is personal: use the address it was sent to ({LinkMail.Mask(person.Email ?? "")}).");
        else if (!link.AllowsEmail(email))
            errors.Add("email", $"This link is for addresses at {string.Join(" or ", link.Domains)}. Use your work address.");
        if (errors.Count > 0) return Outcome<LinkChallenge>.Invalid(errors);
        if (!mail.IsEnabled) return Outcome<LinkChallenge>.Invalid("email", "E-mail is not set up on this server, so no code can be sent. Ask the person who shared the plan for another link.");

        var since = now - LinkChallenge.Lifetime;
        var recent = await db.LinkChallenges.CountAsync(c => c.LinkId == link.Id && c.Email == email && c.CreatedAt > since, ct);
        if (recent >= MaxCodesPerWindow)
            return Outcome<LinkChallenge>.Invalid("email", "We have sent several codes to this address already. Use the latest one, or wait ten minutes.");

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        var challenge = new LinkChallenge
        {
            LinkId = link.Id, Name = person?.Name ?? name, Email = email, CodeHash = LinkSecrets.Hash(code),
            CreatedAt = now, ExpiresAt = now + LinkChallenge.Lifetime,
        };
        db.LinkChallenges.Add(challenge);
        await db.SaveChangesAsync(ct);
        var plan = await db.Plans.Where(p => p.Id == link.PlanId).Select(p => new { p.Title, p.WorkspaceId }).SingleAsync(ct);
        var workspace = await db.Workspaces.Where(w => w.Id == plan.WorkspaceId).Select(w => w.Name).SingleAsync(ct);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            await mail.SendAsync(LinkMail.Code(email, challenge.Name, code, plan.Title, workspace), timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Could not send a link access code for link {LinkId}", link.Id);
            db.LinkChallenges.Remove(challenge);
            await db.SaveChangesAsync(CancellationToken.None);
            return Outcome<LinkChallenge>.Invalid("email", "We could not send the code just now. Check the address and try again in a moment.");
        }
        return Outcome<LinkChallenge>.Ok(challenge);
    }

    /// <summary>
    /// Second step: the code from the e-mail. A wrong code counts against the challenge (5 tries)
    /// and as a failed guess from the caller's address; the right one signs the visitor in as the
    /// verified address (and as the stakeholder with that address, when there is one).
    /// </summary>
    public static async Task<Outcome<BuyerSession>> VerifyAsync(HttpContext ctx, AppDbContext db, GuessGuard guard, LinkVisit visit,
        Guid? challengeId, string? code, DateTimeOffset now)
    {
        var ct = ctx.RequestAborted;
        var challenge = challengeId is { } id ? await db.LinkChallenges.SingleOrDefaultAsync(c => c.Id == id && c.LinkId == visit.Link.Id, ct) : null;
        if (challenge is null || !challenge.IsUsable(now))
            return Outcome<BuyerSession>.Invalid("code", "This code has expired or was used up. Ask for a new one below.");
        var attempt = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (attempt.Length != 6 || !LinkSecrets.Verify(challenge.CodeHash, attempt))
        {
            challenge.Attempts++;
            await db.SaveChangesAsync(ct);
            guard.RecordFailure(ctx.Connection.RemoteIpAddress?.ToString());
            var left = LinkChallenge.MaxAttempts - challenge.Attempts;
            return Outcome<BuyerSession>.Invalid("code", left > 0
                ? $"That code is not right. Check the e-mail and try again ({left} {(left == 1 ? "try" : "tries")} left)."
                : "That code is not right, and it is now used up. Ask for a new one below.");
        }
        challenge.UsedAt = now;
        await db.SaveChangesAsync(ct);
        return Outcome<BuyerSession>.Ok(await SignInAsync(ctx, db, visit.Link, visit.WorkspaceId, visit.Token, challenge.Name, challenge.Email, now));
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
