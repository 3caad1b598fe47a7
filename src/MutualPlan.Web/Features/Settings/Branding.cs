using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Settings;

/// <summary>How a workspace looks on the buyer's pages: its name, colour (with a readable text colour on it) and logo.</summary>
public sealed record Brand(string Name, string? Color, string? LogoSrc)
{
    /// <summary>Black or white, whichever reads better on the brand colour (WCAG contrast).</summary>
    public string Ink => Color is null ? "#ffffff" : Branding.InkOn(Color);

    /// <summary>The style attribute that puts the colour on a page: --brand and --brand-ink.</summary>
    public string? Style => Color is null ? null : $"--brand:{Color};--brand-ink:{Ink}";

    public static async Task<Brand> LoadAsync(AppDbContext db, Guid workspaceId, CancellationToken ct = default)
    {
        var w = await db.Workspaces.Where(x => x.Id == workspaceId)
            .Select(x => new { x.Name, x.BrandColor, x.LogoUrl, HasLogo = x.LogoData != null, x.BrandUpdatedAt }).SingleAsync(ct);
        var src = w.HasLogo ? $"/brand/{workspaceId}/logo?v={w.BrandUpdatedAt?.ToUnixTimeSeconds() ?? 0}" : w.LogoUrl;
        return new Brand(w.Name, w.BrandColor, src);
    }
}

public sealed class BrandingInput
{
    public string? Name { get; set; }
    public string? BrandColor { get; set; }
    public string? LogoUrl { get; set; }
    public bool RemoveLogo { get; set; }
}

/// <summary>Validating and saving the workspace's branding; only owners and admins may change it.</summary>
public static partial class Branding
{
    public const int MaxLogoBytes = 256 * 1024;

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Hex();

    private static double Channel(int c)
    {
        var s = c / 255.0;
        return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
    }

    public static double Luminance(string hex)
    {
        var r = int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber);
        var g = int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber);
        var b = int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber);
        return 0.2126 * Channel(r) + 0.7152 * Channel(g) + 0.0722 * Channel(b);
    }

    public static double Contrast(double l1, double l2) => (Math.Max(l1, l2) + 0.05) / (Math.Min(l1, l2) + 0.05);

    public static string InkOn(string hex)
    {
        var l = Luminance(hex);
        return Contrast(l, 1.0) >= Contrast(l, Luminance("#111827")) ? "#ffffff" : "#111827";
    }

    /// <summary>The image type of an upload from its first bytes (PNG, JPEG, GIF, WebP); null for anything else (SVG included: it can carry script).</summary>
    public static string? ImageType(ReadOnlySpan<byte> b) =>
        b.Length >= 8 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47 ? "image/png"
        : b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF ? "image/jpeg"
        : b.Length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8' ? "image/gif"
        : b.Length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P' ? "image/webp"
        : null;

    public static async Task<Outcome<Workspace>> SaveAsync(AppDbContext db, WorkspaceUser user, BrandingInput input, IFormFile? logo, TimeProvider clock, CancellationToken ct = default)
    {
        if (!user.IsAdmin) return Outcome<Workspace>.Forbidden("Only the workspace's owners and admins can change its branding.");
        var errors = new FieldErrors();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add("name", "Enter the name buyers know your company by.");
        else if (name.Length > 120) errors.Add("name", "Keep the name under 120 characters.");
        var color = string.IsNullOrWhiteSpace(input.BrandColor) ? null : input.BrandColor.Trim();
        if (color is not null && !Hex().IsMatch(color)) errors.Add("brandColor", "Write the colour as # and six hex digits, like #1F6FEB.");
        var url = string.IsNullOrWhiteSpace(input.LogoUrl) ? null : input.LogoUrl.Trim();
        if (url is not null && (url.Length > 500 || !Uri.TryCreate(url, UriKind.Absolute, out var u) || u.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(u.Host)))
            errors.Add("logoUrl", "Give the logo's address starting with https:// (at most 500 characters), or upload the image instead.");
        byte[]? bytes = null;
        string? type = null;
        if (logo is { Length: > 0 })
        {
            if (logo.Length > MaxLogoBytes) errors.Add("logo", "The logo is larger than 256 KB: export it smaller (a PNG around 400 × 100 pixels is plenty).");
            else
            {
                using var ms = new MemoryStream();
                await logo.CopyToAsync(ms, ct);
                bytes = ms.ToArray();
                type = ImageType(bytes);
                if (type is null) errors.Add("logo", "Upload a PNG, JPEG, GIF or WebP image (SVG is not accepted).");
            }
        }
        if (errors.Count > 0) return Outcome<Workspace>.Invalid(errors);

        var w = await db.Workspaces.SingleAsync(x => x.Id == user.WorkspaceId, ct);
        w.Name = name;
        w.BrandColor = color?.ToUpperInvariant();
        if (input.RemoveLogo) (w.LogoData, w.LogoContentType, w.LogoUrl) = (null, null, null);
        else
        {
            if (bytes is not null) (w.LogoData, w.LogoContentType) = (bytes, type);
            w.LogoUrl = url;
            if (url is not null && bytes is null) (w.LogoData, w.LogoContentType) = (null, null);
        }
        w.BrandUpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Outcome<Workspace>.Ok(w);
    }
}
