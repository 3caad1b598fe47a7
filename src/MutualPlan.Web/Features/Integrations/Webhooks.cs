using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MutualPlan.Web.Features.Integrations;

/// <summary>How an endpoint wants its messages: signed JSON for the seller's own tools, or a Slack incoming webhook.</summary>
public enum EndpointFormat { Json, Slack }

/// <summary>A URL of a workspace that receives its plan events.</summary>
public sealed class WebhookEndpoint
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public EndpointFormat Format { get; set; }
    public string Url { get; set; } = "";
    /// <summary>The signing secret (HMAC-SHA256 key); shown to the seller once when the endpoint is added.</summary>
    public string Secret { get; set; } = "";
    /// <summary>The event types it receives, space-separated (see <see cref="WebhookEvents.All"/>).</summary>
    public string Events { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";

    public IReadOnlySet<string> EventSet => Events.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
}

/// <summary>
/// One event for one endpoint: the queue the sender works through and the delivery log the seller
/// reads. The body is fixed when the event is recorded, so a redelivery sends the same JSON.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid EndpointId { get; set; }
    public Guid WorkspaceId { get; set; }
    /// <summary>The source event (activity entry, comment or notification), unique per endpoint so nothing is sent twice.</summary>
    public string EventKey { get; set; } = "";
    public string EventType { get; set; } = "";
    public string Payload { get; set; } = "";
    public WebhookStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

public enum WebhookStatus { Pending, Delivered, Failed }

/// <summary>How far the dispatcher has read each source of events, with a lease so one instance reads at a time.</summary>
public sealed class WebhookCursor
{
    public string Id { get; set; } = "";
    public DateTimeOffset Position { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
}

/// <summary>Settings of the "Webhooks" section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";
    /// <summary>Run the dispatcher and sender in this instance (every instance may; they share the work safely).</summary>
    public bool Enabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(3);
    /// <summary>How long the receiver has to answer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>The first retry waits this long, each further one twice as long, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(2);
    public int MaxAttempts { get; set; } = 10;
    /// <summary>Events are read again this far back, in case a slower transaction committed an older entry late.</summary>
    public TimeSpan LookBack { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>The address people reach the app at, for links in messages.</summary>
    public string? PublicUrl { get; set; }

    public TimeSpan RetryAfter(int failedAttempts) =>
        TimeSpan.FromTicks((long)Math.Min(RetryDelay.Ticks * Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 30)), MaxRetryDelay.Ticks));
}

/// <summary>The event types, with what each means (for the settings page and the README).</summary>
public static class WebhookEvents
{
    public const string Mention = "mention";
    public const string ActionAssigned = "action.assigned";
    public const string ActionCompleted = "action.completed";
    public const string DateChanged = "milestone.date_changed";
    public const string SignOffRequested = "signoff.requested";
    public const string SignOffCompleted = "signoff.completed";
    public const string ChangedSinceSigned = "plan.changed_since_signed";
    public const string StatusUpdatePublished = "status_update.published";
    public const string CommentAdded = "comment.added";
    public const string PlanChanged = "plan.changed";

    public static readonly IReadOnlyList<(string Type, string Label)> All =
    [
        (Mention, "Someone is mentioned in a comment"),
        (ActionAssigned, "An action is assigned to someone"),
        (ActionCompleted, "An action is done"),
        (DateChanged, "A milestone's target date moves"),
        (SignOffRequested, "Sign-off is requested"),
        (SignOffCompleted, "Everyone has signed"),
        (ChangedSinceSigned, "The plan changed after it was signed"),
        (StatusUpdatePublished, "A status update is published"),
        (CommentAdded, "A comment is added"),
        (PlanChanged, "Any other change to a plan or its items"),
    ];

    public static bool IsKnown(string type) => All.Any(e => e.Type == type);
}

/// <summary>Signing as receivers verify it: <c>sha256=</c> + hex HMAC-SHA256 over <c>timestamp + "." + body</c>.</summary>
public static class WebhookSignature
{
    public const string Header = "X-MutualPlan-Signature";
    public const string TimestampHeader = "X-MutualPlan-Timestamp";

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    public static bool Verify(string secret, long timestamp, string body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
}

/// <summary>An event as the dispatcher found it, before it is shaped for an endpoint.</summary>
public sealed record WebhookEvent(
    string Key, string Type, DateTimeOffset At, Guid WorkspaceId, Guid PlanId, string PlanTitle, string ActorName, string ActorKind,
    string ItemKind, Guid? ItemId, string ItemTitle, bool Internal, string Summary, IReadOnlyList<(string Field, string? Before, string? After)> Changes,
    string? Text = null)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The JSON body sent to a plain webhook endpoint.</summary>
    public string ToJson(string planUrl) => new JsonObject
    {
        ["id"] = Key,
        ["type"] = Type,
        ["occurredAt"] = At.ToUniversalTime().ToString("O"),
        ["workspaceId"] = WorkspaceId,
        ["plan"] = new JsonObject { ["id"] = PlanId, ["title"] = PlanTitle, ["url"] = planUrl },
        ["actor"] = new JsonObject { ["kind"] = ActorKind, ["name"] = ActorName },
        ["item"] = new JsonObject { ["kind"] = ItemKind, ["id"] = ItemId, ["title"] = ItemTitle },
        ["internal"] = Internal,
        ["summary"] = Summary,
        ["text"] = Text,
        ["changes"] = new JsonArray(Changes.Select(c => (JsonNode)new JsonObject { ["field"] = c.Field, ["before"] = c.Before, ["after"] = c.After }).ToArray()),
    }.ToJsonString(Options);

    /// <summary>A Slack incoming-webhook message: a plain-text fallback plus blocks.</summary>
    public string ToSlack(string planUrl)
    {
        static string Esc(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
        var lines = new StringBuilder($"*<{planUrl}|{Esc(PlanTitle)}>*: {Esc(Summary)}");
        if (Internal) lines.Insert(0, ":lock: *Internal* · ");
        foreach (var c in Changes.Take(6))
            lines.Append($"\n• {Esc(c.Field)}: {(c.Before is null ? "" : $"~{Esc(c.Before)}~ → ")}{Esc(c.After ?? "—")}");
        if (Text is { Length: > 0 }) lines.Append($"\n> {Esc(Text.Length > 300 ? Text[..300] + "…" : Text).Replace("\n", "\n> ")}");
        var blocks = new JsonArray(
            new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = lines.ToString() } },
            new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = $"{Esc(ActorName)} · {Type} · <!date^{At.ToUnixTimeSeconds()}^{{date_short_pretty}} {{time}}|{At.UtcDateTime:yyyy-MM-dd HH:mm} UTC>" }),
            });
        return new JsonObject
        {
            ["text"] = $"{(Internal ? "[Internal] " : "")}{PlanTitle}: {Summary}",
            ["blocks"] = blocks,
        }.ToJsonString(Options);
    }
}

/// <summary>The tables of webhooks (migration 0019).</summary>
public static class WebhookModel
{
    public static void Configure(Microsoft.EntityFrameworkCore.ModelBuilder b)
    {
        b.Entity<WebhookEndpoint>(e =>
        {
            e.Property(x => x.Format).HasConversion<string>();
            e.Ignore(x => x.EventSet);
            e.HasOne<MutualPlan.Web.Data.Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(Microsoft.EntityFrameworkCore.DeleteBehavior.Cascade);
            e.HasIndex(x => x.WorkspaceId);
        });
        b.Entity<WebhookDelivery>(e =>
        {
            e.Property(x => x.Status).HasConversion<string>();
            e.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(x => x.EndpointId).OnDelete(Microsoft.EntityFrameworkCore.DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.EndpointId, x.EventKey }).IsUnique();
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.HasIndex(x => new { x.WorkspaceId, x.CreatedAt });
        });
        b.Entity<WebhookCursor>();
    }
}
