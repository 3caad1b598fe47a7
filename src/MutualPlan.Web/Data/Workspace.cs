using Microsoft.AspNetCore.Identity;

namespace MutualPlan.Web.Data;

/// <summary>One selling organisation. Nothing of one workspace is visible to another.</summary>
public sealed class Workspace
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Branding on the buyer's pages: "#RRGGBB", and a logo (uploaded bytes, or an https URL).</summary>
    public string? BrandColor { get; set; }
    public string? LogoUrl { get; set; }
    public string? LogoContentType { get; set; }
    public byte[]? LogoData { get; set; }
    public DateTimeOffset? BrandUpdatedAt { get; set; }
}

public enum WorkspaceRole { Owner, Admin, Member }

/// <summary>A seller's account. Each account belongs to exactly one workspace.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public Guid WorkspaceId { get; set; }
    public string DisplayName { get; set; } = "";
    public WorkspaceRole Role { get; set; } = WorkspaceRole.Member;
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An invitation for a colleague to join a workspace; the token is stored only as a hash.</summary>
public sealed class Invitation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; set; }
    public string Email { get; set; } = "";
    public WorkspaceRole Role { get; set; } = WorkspaceRole.Member;
    public string TokenHash { get; set; } = "";
    public Guid InvitedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>A personal API token. Only its SHA-256 hash is stored; the secret is shown once.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public Guid WorkspaceId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The first characters of the secret, shown in lists so a person can tell tokens apart.</summary>
    public string Prefix { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
