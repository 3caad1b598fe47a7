using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Sharing;

public sealed class ShareLinkInput
{
    [Required(ErrorMessage = "Name the link after who receives it, e.g. \"Northwind buying team\".")]
    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep the name under 200 characters.")]
    public string? Label { get; set; }

    /// <summary>Days until the link stops working; null = until revoked.</summary>
    [Range(1, 365, ErrorMessage = "Choose an expiry between 1 and 365 days, or none.")]
    public int? Days { get; set; }
}

public sealed record ShareLinkDto(Guid Id, string Label, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt, int Views, DateTimeOffset? LastViewedAt, string? Url)
{
    public static ShareLinkDto From(ShareLink l, string? url = null) =>
        new(l.Id, l.Label, l.CreatedBy, l.CreatedAt, l.ExpiresAt, l.RevokedAt, l.Views, l.LastViewedAt, url);
}

/// <summary>
/// Buyer links: 256-bit secrets stored only as hashes, revocable and expiring. The buyer view
/// built from a link is the buyer-audience document, which never contains internal items.
/// </summary>
public static class ShareCommands
{
    public const string TokenPrefix = "s_";

    public static async Task<Outcome<(ShareLink Link, string Secret)>> CreateAsync(AppDbContext db, WorkspaceUser user, Guid planId, ShareLinkInput input, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.FindPlanAsync(user, planId, ct) is null) return Outcome<(ShareLink, string)>.NotFound();
        var errors = FieldErrors.Of(input);
        if (errors.Count > 0) return Outcome<(ShareLink, string)>.Invalid(errors);
        var now = clock.GetUtcNow();
        var secret = Secrets.New(TokenPrefix);
        var link = new ShareLink
        {
            PlanId = planId, Label = input.Label!.Trim(), TokenHash = Secrets.Hash(secret), CreatedBy = user.DisplayName,
            CreatedAt = now, ExpiresAt = input.Days is { } d ? now.AddDays(d) : null,
        };
        db.ShareLinks.Add(link);
        await db.SaveChangesAsync(ct);
        // Being shared changes what the coach says about the plan: a new revision, so cached
        // renderings of the plan (health included) are not served stale.
        await db.Plans.Where(p => p.Id == planId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Revision, p => p.Revision + 1), ct);
        return Outcome<(ShareLink, string)>.Ok((link, secret));
    }

    public static async Task<Outcome<List<ShareLink>>> ListAsync(AppDbContext db, WorkspaceUser user, Guid planId, CancellationToken ct = default) =>
        await db.FindPlanAsync(user, planId, ct) is null
            ? Outcome<List<ShareLink>>.NotFound()
            : Outcome<List<ShareLink>>.Ok(await db.ShareLinks.Where(l => l.PlanId == planId).OrderByDescending(l => l.CreatedAt).ToListAsync(ct));

    public static async Task<Outcome<ShareLink>> RevokeAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid linkId, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.FindPlanAsync(user, planId, ct) is null) return Outcome<ShareLink>.NotFound();
        var link = await db.ShareLinks.SingleOrDefaultAsync(l => l.Id == linkId && l.PlanId == planId, ct);
        if (link is null) return Outcome<ShareLink>.NotFound();
        link.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Outcome<ShareLink>.Ok(link);
    }

    /// <summary>The active link behind a secret, with the view counted; null if unknown, revoked or expired.</summary>
    public static async Task<ShareLink?> OpenAsync(AppDbContext db, string secret, TimeProvider clock, CancellationToken ct = default)
    {
        if (!secret.StartsWith(TokenPrefix, StringComparison.Ordinal) || secret.Length > 100) return null;
        var hash = Secrets.Hash(secret);
        var link = await db.ShareLinks.SingleOrDefaultAsync(l => l.TokenHash == hash, ct);
        var now = clock.GetUtcNow();
        if (link is null || !link.IsActive(now)) return null;
        link.Views++;
        link.LastViewedAt = now;
        await db.SaveChangesAsync(ct);
        return link;
    }
}

/// <summary>
/// Slows down guessing of link secrets: after <see cref="Limit"/> failed attempts from one address
/// within <see cref="Window"/>, that address gets 429 until the window passes.
/// </summary>
public sealed class GuessGuard(IMemoryCache cache)
{
    public const int Limit = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private static string Key(string? address) => "share-fail:" + (address ?? "unknown");

    public bool IsBlocked(string? address) => cache.TryGetValue(Key(address), out int n) && n >= Limit;

    public void RecordFailure(string? address)
    {
        var key = Key(address);
        var n = cache.TryGetValue(key, out int current) ? current + 1 : 1;
        cache.Set(key, n, Window);
    }
}

public sealed class ShareLinksApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/plans/{planId:guid}/share-links").WithTags("Sharing");
        g.MapGet("/", async (Guid planId, HttpContext http, AppDbContext db, CancellationToken ct) =>
                (await ShareCommands.ListAsync(db, http.Seller(), planId, ct)).ToHttp(l => TypedResults.Ok(l.Select(x => ShareLinkDto.From(x)).ToList())))
            .WithName("ListShareLinks").WithSummary("The plan's buyer links (their secrets are never shown again).")
            .Produces<List<ShareLinkDto>>().ProducesProblem(404);
        g.MapPost("/", async (Guid planId, ShareLinkInput input, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                (await ShareCommands.CreateAsync(db, http.Seller(), planId, input, clock, ct)).ToHttp(r =>
                    TypedResults.Created($"/api/v1/plans/{planId}/share-links/{r.Link.Id}", ShareLinkDto.From(r.Link, $"{http.Request.Scheme}://{http.Request.Host}/p/{r.Secret}"))))
            .WithName("CreateShareLink").WithSummary("Create a read-only buyer link; the URL is returned once.")
            .Produces<ShareLinkDto>(201).ProducesValidationProblem().ProducesProblem(404);
        g.MapPost("/{linkId:guid}/revoke", async (Guid planId, Guid linkId, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                (await ShareCommands.RevokeAsync(db, http.Seller(), planId, linkId, clock, ct)).ToHttp(l => TypedResults.Ok(ShareLinkDto.From(l))))
            .WithName("RevokeShareLink").WithSummary("Revoke a buyer link; it stops working at once.")
            .Produces<ShareLinkDto>().ProducesProblem(404);
    }
}

/// <summary>The seller's page for the plan's buyer links.</summary>
public sealed class SharePageModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public ShareLinkInput Input { get; set; } = new() { Days = 90 };
    public FieldErrors Errors { get; private set; } = new();
    public List<ShareLink> Links { get; private set; } = [];
    public string? NewUrl { get; private set; }
    public Guid PlanId { get; private set; }
    public string PlanTitle { get; private set; } = "";
    public DateTimeOffset Now => clock.GetUtcNow();

    public Task<IActionResult> OnGetAsync(Guid planId) => LoadAsync(planId);

    public async Task<IActionResult> OnPostCreateAsync(Guid planId)
    {
        var created = await ShareCommands.CreateAsync(db, HttpContext.Seller(), planId, Input, clock);
        if (created.Kind == OutcomeKind.NotFound) return NotFound();
        if (created.IsOk) NewUrl = $"{Request.Scheme}://{Request.Host}/p/{created.Value.Secret}";
        else { Errors = created.Errors!; Response.StatusCode = 400; }
        return await LoadAsync(planId);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid planId, Guid linkId)
    {
        var revoked = await ShareCommands.RevokeAsync(db, HttpContext.Seller(), planId, linkId, clock);
        return revoked.IsOk ? RedirectToPage(new { planId }) : NotFound();
    }

    private async Task<IActionResult> LoadAsync(Guid planId)
    {
        var plan = await db.FindPlanAsync(HttpContext.Seller(), planId);
        if (plan is null) return NotFound();
        PlanId = planId;
        PlanTitle = plan.Title;
        Links = (await ShareCommands.ListAsync(db, HttpContext.Seller(), planId)).Value!;
        return Page();
    }
}
