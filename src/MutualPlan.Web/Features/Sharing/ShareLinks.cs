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

/// <summary>A new share link: who it is for, how visitors get in, what they may do, how long it works.</summary>
public sealed class ShareLinkInput : IValidatableObject
{
    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep the name under 200 characters.")]
    public string? Label { get; set; }

    /// <summary>Days until the link stops working; null = until revoked.</summary>
    [Range(1, 365, ErrorMessage = "Choose an expiry between 1 and 365 days, or none.")]
    public int? Days { get; set; }

    /// <summary>View (the default), Comment, or Edit buyer-side items.</summary>
    public LinkPermission? Permission { get; set; }

    /// <summary>An optional PIN the visitor must enter (4 to 12 digits), stored only as a salted hash.</summary>
    public string? Pin { get; set; }

    /// <summary>A buyer-side stakeholder of the plan: a personal link, every view and action through it is theirs.</summary>
    public Guid? StakeholderId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (StakeholderId is null && string.IsNullOrWhiteSpace(Label))
            yield return new("Name the link after who receives it, e.g. \"Northwind buying team\".", [nameof(Label)]);
        if (ShareRules.PinError(Pin) is { } pin) yield return new(pin, [nameof(Pin)]);
    }
}

/// <summary>A change to a link's settings. A new PIN (or removing one) makes open sessions pass the gate again.</summary>
public sealed class ShareLinkUpdateInput : IValidatableObject
{
    [Required(ErrorMessage = "Name the link after who receives it, e.g. \"Northwind buying team\".")]
    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep the name under 200 characters.")]
    public string? Label { get; set; }

    /// <summary>The last day the link works (UTC); null = until revoked.</summary>
    public DateOnly? ExpiresOn { get; set; }

    [Required(ErrorMessage = "Choose what visitors may do: view, comment or edit.")]
    public LinkPermission? Permission { get; set; }

    /// <summary>A new PIN; leave out to keep the current one.</summary>
    public string? Pin { get; set; }

    /// <summary>True to remove the PIN.</summary>
    public bool RemovePin { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (ShareRules.PinError(Pin) is { } pin) yield return new(pin, [nameof(Pin)]);
        if (RemovePin && !string.IsNullOrEmpty(Pin)) yield return new("Either set a new PIN or remove it, not both.", [nameof(Pin)]);
    }
}

public sealed record ShareLinkDto(Guid Id, string Label, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt, int Views, DateTimeOffset? LastViewedAt, string? Url,
    LinkPermission Permission, bool HasPin, Guid? StakeholderId, string? StakeholderName, bool Active)
{
    public static ShareLinkDto From(ShareLink l, DateTimeOffset now, string? url = null, string? stakeholderName = null) =>
        new(l.Id, l.Label, l.CreatedBy, l.CreatedAt, l.ExpiresAt, l.RevokedAt, l.Views, l.LastViewedAt, url,
            l.Permission, l.HasPin, l.StakeholderId, stakeholderName, l.IsActive(now));
}

public static class ShareRules
{
    public static string? PinError(string? pin) =>
        string.IsNullOrEmpty(pin) || (pin.Length is >= 4 and <= 12 && pin.All(char.IsAsciiDigit))
            ? null : "Use 4 to 12 digits for the PIN.";
}

/// <summary>
/// Buyer links: 256-bit secrets stored only as hashes, revocable and expiring, with a permission
/// (view, comment, edit), an optional PIN and optionally personal to one buyer stakeholder.
/// What a link visitor reads is built for the buyer audience, which never contains internal items.
/// </summary>
public static class ShareCommands
{
    public const string TokenPrefix = "s_";

    public static async Task<Outcome<(ShareLink Link, string Secret)>> CreateAsync(AppDbContext db, WorkspaceUser user, Guid planId, ShareLinkInput input, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.FindPlanAsync(user, planId, ct) is null) return Outcome<(ShareLink, string)>.NotFound();
        var errors = FieldErrors.Of(input);
        Stakeholder? person = null;
        if (input.StakeholderId is { } sid)
        {
            person = await db.Stakeholders.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sid && s.PlanId == planId, ct);
            if (person is null) errors.Add("stakeholderId", "Choose a stakeholder of this plan.");
            else if (person.Side == Side.Seller) errors.Add("stakeholderId", "Personal links are for the buyer's side: choose a buyer or partner stakeholder.");
        }
        if (errors.Count > 0) return Outcome<(ShareLink, string)>.Invalid(errors);
        var now = clock.GetUtcNow();
        var secret = Secrets.New(TokenPrefix);
        var link = new ShareLink
        {
            PlanId = planId, Label = string.IsNullOrWhiteSpace(input.Label) ? person!.Name : input.Label.Trim(), TokenHash = Secrets.Hash(secret),
            CreatedBy = user.DisplayName, CreatedAt = now, ExpiresAt = input.Days is { } d ? now.AddDays(d) : null,
            Permission = input.Permission ?? LinkPermission.View, StakeholderId = person?.Id,
            PinHash = string.IsNullOrEmpty(input.Pin) ? null : LinkSecrets.Hash(input.Pin),
        };
        db.ShareLinks.Add(link);
        await db.SaveChangesAsync(ct);
        // Being shared changes what the coach says about the plan: a new revision, so cached
        // renderings of the plan (health included) are not served stale.
        await db.Plans.Where(p => p.Id == planId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Revision, p => p.Revision + 1), ct);
        return Outcome<(ShareLink, string)>.Ok((link, secret));
    }

    public static async Task<Outcome<ShareLink>> UpdateAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid linkId, ShareLinkUpdateInput input, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.FindPlanAsync(user, planId, ct) is null) return Outcome<ShareLink>.NotFound();
        var link = await db.ShareLinks.SingleOrDefaultAsync(l => l.Id == linkId && l.PlanId == planId, ct);
        if (link is null) return Outcome<ShareLink>.NotFound();
        var errors = FieldErrors.Of(input);
        var now = clock.GetUtcNow();
        if (link.RevokedAt is not null) errors.Add("", "This link is revoked; create a new one instead.");
        if (input.ExpiresOn is { } until && until < DateOnly.FromDateTime(now.UtcDateTime))
            errors.Add("expiresOn", "Choose today or a later day, or no expiry.");
        if (errors.Count > 0) return Outcome<ShareLink>.Invalid(errors);

        link.Label = input.Label!.Trim();
        link.ExpiresAt = input.ExpiresOn is { } last ? new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        link.Permission = input.Permission!.Value;
        if (input.RemovePin && link.PinHash is not null) { link.PinHash = null; link.AccessStamp = Guid.NewGuid(); }
        if (!string.IsNullOrEmpty(input.Pin)) { link.PinHash = LinkSecrets.Hash(input.Pin); link.AccessStamp = Guid.NewGuid(); }
        link.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return Outcome<ShareLink>.Ok(link);
    }

    public static async Task<Outcome<List<ShareLink>>> ListAsync(AppDbContext db, WorkspaceUser user, Guid planId, CancellationToken ct = default) =>
        await db.FindPlanAsync(user, planId, ct) is null
            ? Outcome<List<ShareLink>>.NotFound()
            : Outcome<List<ShareLink>>.Ok(await db.ShareLinks.Where(l => l.PlanId == planId).OrderByDescending(l => l.CreatedAt).ToListAsync(ct));

    public static async Task<Outcome<ShareLink>> FindAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid linkId, CancellationToken ct = default)
    {
        if (await db.FindPlanAsync(user, planId, ct) is null) return Outcome<ShareLink>.NotFound();
        var link = await db.ShareLinks.AsNoTracking().SingleOrDefaultAsync(l => l.Id == linkId && l.PlanId == planId, ct);
        return link is null ? Outcome<ShareLink>.NotFound() : Outcome<ShareLink>.Ok(link);
    }

    /// <summary>The names of the stakeholders the plan's personal links belong to.</summary>
    public static async Task<Dictionary<Guid, string>> PeopleAsync(AppDbContext db, Guid planId, CancellationToken ct = default) =>
        await db.Stakeholders.Where(s => s.PlanId == planId).ToDictionaryAsync(s => s.Id, s => s.Name, ct);

    public static async Task<Outcome<ShareLink>> RevokeAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid linkId, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.FindPlanAsync(user, planId, ct) is null) return Outcome<ShareLink>.NotFound();
        var link = await db.ShareLinks.SingleOrDefaultAsync(l => l.Id == linkId && l.PlanId == planId, ct);
        if (link is null) return Outcome<ShareLink>.NotFound();
        link.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Outcome<ShareLink>.Ok(link);
    }

    /// <summary>The active link behind a secret (no view counted); null if unknown, revoked or expired.</summary>
    public static async Task<ShareLink?> FindActiveAsync(AppDbContext db, string secret, DateTimeOffset now, CancellationToken ct = default)
    {
        if (!secret.StartsWith(TokenPrefix, StringComparison.Ordinal) || secret.Length > 100) return null;
        var hash = Secrets.Hash(secret);
        var link = await db.ShareLinks.SingleOrDefaultAsync(l => l.TokenHash == hash, ct);
        return link is not null && link.IsActive(now) ? link : null;
    }

    /// <summary>The active link behind a secret, with the view counted; null if unknown, revoked or expired.</summary>
    public static async Task<ShareLink?> OpenAsync(AppDbContext db, string secret, TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var link = await FindActiveAsync(db, secret, now, ct);
        if (link is null) return null;
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
        g.MapGet("/", async (Guid planId, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var links = await ShareCommands.ListAsync(db, http.Seller(), planId, ct);
                if (!links.IsOk) return links.ToHttp(_ => Results.Empty);
                var people = await ShareCommands.PeopleAsync(db, planId, ct);
                var now = clock.GetUtcNow();
                return TypedResults.Ok(links.Value!.Select(l => ShareLinkDto.From(l, now, null, Person(people, l))).ToList());
            })
            .WithName("ListShareLinks").WithSummary("The plan's buyer links with their settings (their secrets are never shown again).")
            .Produces<List<ShareLinkDto>>().ProducesProblem(404);
        g.MapGet("/{linkId:guid}", async (Guid planId, Guid linkId, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                await DtoAsync(await ShareCommands.FindAsync(db, http.Seller(), planId, linkId, ct), db, planId, clock, null, ct))
            .WithName("GetShareLink").WithSummary("One buyer link with its settings.")
            .Produces<ShareLinkDto>().ProducesProblem(404);
        g.MapPost("/", async (Guid planId, ShareLinkInput input, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var created = await ShareCommands.CreateAsync(db, http.Seller(), planId, input, clock, ct);
                if (!created.IsOk) return created.ToHttp(_ => Results.Empty);
                var (link, secret) = created.Value;
                var people = await ShareCommands.PeopleAsync(db, planId, ct);
                return TypedResults.Created($"/api/v1/plans/{planId}/share-links/{link.Id}",
                    ShareLinkDto.From(link, clock.GetUtcNow(), $"{http.Request.Scheme}://{http.Request.Host}/p/{secret}", Person(people, link)));
            })
            .WithName("CreateShareLink")
            .WithSummary("Create a buyer link (view, comment or edit; optional PIN; optionally personal to a buyer stakeholder); the URL is returned once.")
            .Produces<ShareLinkDto>(201).ProducesValidationProblem().ProducesProblem(404);
        g.MapPut("/{linkId:guid}", async (Guid planId, Guid linkId, ShareLinkUpdateInput input, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                await DtoAsync(await ShareCommands.UpdateAsync(db, http.Seller(), planId, linkId, input, clock, ct), db, planId, clock, null, ct))
            .WithName("UpdateShareLink")
            .WithSummary("Change a link's name, expiry, permission or PIN; takes effect on its visitors' next request (a new PIN asks everyone for it again).")
            .Produces<ShareLinkDto>().ProducesValidationProblem().ProducesProblem(404);
        g.MapPost("/{linkId:guid}/revoke", async (Guid planId, Guid linkId, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                await DtoAsync(await ShareCommands.RevokeAsync(db, http.Seller(), planId, linkId, clock, ct), db, planId, clock, null, ct))
            .WithName("RevokeShareLink").WithSummary("Revoke a buyer link; it stops working at once, also for visitors already inside.")
            .Produces<ShareLinkDto>().ProducesProblem(404);
    }

    private static string? Person(Dictionary<Guid, string> people, ShareLink l) =>
        l.StakeholderId is { } s && people.TryGetValue(s, out var n) ? n : null;

    private static async Task<IResult> DtoAsync(Outcome<ShareLink> outcome, AppDbContext db, Guid planId, TimeProvider clock, string? url, CancellationToken ct)
    {
        if (!outcome.IsOk) return outcome.ToHttp(_ => Results.Empty);
        var people = await ShareCommands.PeopleAsync(db, planId, ct);
        return TypedResults.Ok(ShareLinkDto.From(outcome.Value!, clock.GetUtcNow(), url, Person(people, outcome.Value!)));
    }
}

/// <summary>The seller's page for the plan's buyer links: create, change settings, revoke.</summary>
public sealed class SharePageModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public ShareLinkInput Input { get; set; } = new() { Days = 90, Permission = LinkPermission.Comment };
    public FieldErrors Errors { get; private set; } = new();
    public List<ShareLink> Links { get; private set; } = [];
    public Dictionary<Guid, string> People { get; private set; } = [];
    public List<Stakeholder> BuyerPeople { get; private set; } = [];
    public string? NewUrl { get; private set; }
    public string? NewUrlFor { get; private set; }
    public string? Message { get; private set; }
    /// <summary>The link whose settings form failed validation, with its errors and what was typed.</summary>
    public Guid? EditingId { get; private set; }
    public ShareLinkUpdateInput? EditDraft { get; private set; }
    public FieldErrors EditErrors { get; private set; } = new();
    public Guid PlanId { get; private set; }
    public string PlanTitle { get; private set; } = "";
    public DateTimeOffset Now => clock.GetUtcNow();

    public Task<IActionResult> OnGetAsync(Guid planId) => LoadAsync(planId);

    public async Task<IActionResult> OnPostCreateAsync(Guid planId)
    {
        var unreadable = BindingMessages.From(ModelState);
        var created = unreadable.Count > 0 ? Outcome<(ShareLink, string)>.Invalid(unreadable)
            : await ShareCommands.CreateAsync(db, HttpContext.Seller(), planId, Input, clock);
        if (created.Kind == OutcomeKind.NotFound) return NotFound();
        if (created.IsOk)
        {
            NewUrl = $"{Request.Scheme}://{Request.Host}/p/{created.Value.Item2}";
            NewUrlFor = created.Value.Item1.Label;
            Input = new() { Days = 90, Permission = LinkPermission.Comment };
        }
        else { Errors = created.Errors!; Response.StatusCode = 400; }
        return await LoadAsync(planId);
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid planId, Guid linkId, [FromForm] ShareLinkUpdateInput edit)
    {
        var unreadable = BindingMessages.From(ModelState);
        var updated = unreadable.Count > 0 ? Outcome<ShareLink>.Invalid(unreadable)
            : await ShareCommands.UpdateAsync(db, HttpContext.Seller(), planId, linkId, edit, clock);
        if (updated.Kind == OutcomeKind.NotFound) return NotFound();
        if (updated.IsOk)
        {
            TempData["share"] = $"Settings of “{updated.Value!.Label}” saved.";
            return RedirectToPage(new { planId });
        }
        (EditingId, EditDraft, EditErrors) = (linkId, edit, updated.Errors!);
        Response.StatusCode = 400;
        return await LoadAsync(planId);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid planId, Guid linkId)
    {
        var revoked = await ShareCommands.RevokeAsync(db, HttpContext.Seller(), planId, linkId, clock);
        if (!revoked.IsOk) return NotFound();
        TempData["share"] = $"“{revoked.Value!.Label}” is revoked: it no longer opens the plan.";
        return RedirectToPage(new { planId });
    }

    private async Task<IActionResult> LoadAsync(Guid planId)
    {
        var plan = await db.FindPlanAsync(HttpContext.Seller(), planId);
        if (plan is null) return NotFound();
        PlanId = planId;
        PlanTitle = plan.Title;
        Message ??= TempData["share"] as string;
        Links = (await ShareCommands.ListAsync(db, HttpContext.Seller(), planId)).Value!;
        People = await ShareCommands.PeopleAsync(db, planId);
        BuyerPeople = await db.Stakeholders.Where(s => s.PlanId == planId && s.Side != Side.Seller).OrderBy(s => s.Position).ToListAsync();
        return Page();
    }
}

/// <summary>How link settings read in the seller's and the buyer's pages.</summary>
public static class ShareLabels
{
    public static readonly (LinkPermission Value, string Label)[] Permissions =
    [
        (LinkPermission.View, "View the plan"),
        (LinkPermission.Comment, "View and comment"),
        (LinkPermission.Edit, "Comment and edit the buyer's items"),
    ];

    public static string Of(LinkPermission p) => p switch
    {
        LinkPermission.Edit => "can comment and edit buyer items",
        LinkPermission.Comment => "can view and comment",
        _ => "view only",
    };
}
