using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
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

/// <summary>A secret for signing links, shared by all instances through the database.</summary>
public sealed class SigningKey
{
    public string Name { get; set; } = "";
    /// <summary>Base64 of 32 random bytes.</summary>
    public string Secret { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// Signed tokens for the unsubscribe and preferences links in every e-mail: they name one
/// recipient, cannot be forged or altered (HMAC-SHA256), need no login, and keep working across
/// restarts and instances because the key lives in the database (created on first use).
/// </summary>
public sealed class PreferenceTokens(IServiceScopeFactory scopes)
{
    private const string KeyName = "email-preferences";
    private byte[]? _key;

    public string For(MentionKind kind, Guid recipientId, Guid workspaceId)
    {
        var payload = Encoding.ASCII.GetBytes($"{(kind == MentionKind.Seller ? 'u' : 's')}{recipientId:N}{workspaceId:N}");
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(HMACSHA256.HashData(Key(), payload))}";
    }

    public PreferenceSubject? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200) return null;
        var dot = token.IndexOf('.');
        if (dot <= 0) return null;
        byte[] payload, mac;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException) { return null; }
        if (!CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(Key(), payload))) return null;
        var text = Encoding.ASCII.GetString(payload);
        if (text.Length != 65 || !Guid.TryParseExact(text[1..33], "N", out var id) || !Guid.TryParseExact(text[33..], "N", out var ws)) return null;
        return text[0] switch
        {
            'u' => new PreferenceSubject(MentionKind.Seller, id, ws),
            's' => new PreferenceSubject(MentionKind.Stakeholder, id, ws),
            _ => null,
        };
    }

    private byte[] Key()
    {
        if (_key is { } k) return k;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = db.SigningKeys.AsNoTracking().SingleOrDefault(x => x.Name == KeyName);
        if (stored is null)
        {
            db.SigningKeys.Add(new SigningKey { Name = KeyName, Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), CreatedAt = DateTimeOffset.UtcNow });
            try { db.SaveChanges(); }
            catch (DbUpdateException) { /* another instance created it first: use theirs */ }
            db.ChangeTracker.Clear();
            stored = db.SigningKeys.AsNoTracking().Single(x => x.Name == KeyName);
        }
        return _key = Convert.FromBase64String(stored.Secret);
    }
}
