using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Features.Notifications;

/// <summary>A person's choice of notification e-mail: a seller (user id) or a buyer stakeholder (stakeholder id).</summary>
public sealed class EmailPreference
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public MentionKind RecipientKind { get; set; }
    public Guid RecipientId { get; set; }
    public EmailDelivery Delivery { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Settings of the "Notifications" section.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";
    /// <summary>The address people reach the app at, for links in e-mails (e.g. https://plans.acme.com).</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";
    /// <summary>Hour of the day (UTC) the daily digest goes out.</summary>
    public int DigestHourUtc { get; set; } = 7;
    /// <summary>"Due soon" reminders go this many days before an action's due date.</summary>
    public int DueSoonDays { get; set; } = 2;

    public string Link(string path) => PublicUrl.TrimEnd('/') + "/" + path.TrimStart('/');
}

public static class EmailPreferences
{
    /// <summary>Sellers hear at once; buyers get at most one summary a day unless they choose otherwise.</summary>
    public static EmailDelivery Default(MentionKind kind) => kind == MentionKind.Seller ? EmailDelivery.Immediately : EmailDelivery.DailyDigest;

    public static async Task<EmailDelivery> GetAsync(AppDbContext db, MentionKind kind, Guid id, CancellationToken ct = default) =>
        await db.EmailPreferences.Where(p => p.RecipientKind == kind && p.RecipientId == id).Select(p => (EmailDelivery?)p.Delivery).SingleOrDefaultAsync(ct)
        ?? Default(kind);

    public static async Task SetAsync(AppDbContext db, Guid workspaceId, MentionKind kind, Guid id, EmailDelivery delivery, DateTimeOffset now, CancellationToken ct = default)
    {
        var row = await db.EmailPreferences.SingleOrDefaultAsync(p => p.RecipientKind == kind && p.RecipientId == id, ct);
        if (row is null) db.EmailPreferences.Add(row = new EmailPreference { WorkspaceId = workspaceId, RecipientKind = kind, RecipientId = id });
        row.Delivery = delivery;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Who a preferences/unsubscribe link is for, as carried (signed) in the link itself.</summary>
public sealed record PreferenceSubject(MentionKind Kind, Guid RecipientId, Guid WorkspaceId);

/// <summary>
/// Signed tokens for the unsubscribe and preferences links in every e-mail: they name one
/// recipient, cannot be forged or altered (ASP.NET Core data protection), and need no login.
/// </summary>
public sealed class PreferenceTokens(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("MutualPlan.Notifications.EmailPreferences.v1");

    public string For(MentionKind kind, Guid recipientId, Guid workspaceId) =>
        _protector.Protect($"{(kind == MentionKind.Seller ? 'u' : 's')}:{recipientId:N}:{workspaceId:N}");

    public PreferenceSubject? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000) return null;
        try
        {
            var parts = _protector.Unprotect(token).Split(':');
            if (parts.Length != 3 || !Guid.TryParseExact(parts[1], "N", out var id) || !Guid.TryParseExact(parts[2], "N", out var ws)) return null;
            return parts[0] switch
            {
                "u" => new PreferenceSubject(MentionKind.Seller, id, ws),
                "s" => new PreferenceSubject(MentionKind.Stakeholder, id, ws),
                _ => null,
            };
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
