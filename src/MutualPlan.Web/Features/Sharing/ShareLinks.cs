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
using MutualPlan.Web.Infrastructure.Email;

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

    /// <summary>Anyone with the link (the default), Email (visitors prove an address with a code), or Domains (an address in <see cref="AllowedDomains"/>).</summary>
    public LinkAccess? Access { get; set; }

    /// <summary>For Domains access: e.g. ["northwind.com"]; subdomains are included.</summary>
    public List<string>? AllowedDomains { get; set; }

    /// <summary>For a personal link: e-mail the link to the stakeholder now.</summary>
    public bool SendInvitation { get; set; }

    /// <summary>A personal note for the invitation e-mail.</summary>
    [StringLength(1000, ErrorMessage = "Keep the note under 1000 characters.")]
    public string? InvitationNote { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (StakeholderId is null && string.IsNullOrWhiteSpace(Label))
            yield return new("Name the link after who receives it, e.g. \"Northwind buying team\".", [nameof(Label)]);
        if (ShareRules.PinError(Pin) is { } pin) yield return new(pin, [nameof(Pin)]);
        foreach (var e in ShareRules.DomainErrors(Access, AllowedDomains)) yield return new(e, [nameof(AllowedDomains)]);
        if (SendInvitation && StakeholderId is null) yield return new("Invitations go to a person: choose whom the personal link is for.", [nameof(StakeholderId)]);
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

    /// <summary>Anyone, Email or Domains; leave out to keep the current access.</summary>
    public LinkAccess? Access { get; set; }

    /// <summary>For Domains access; leave out to keep the current domains.</summary>
    public List<string>? AllowedDomains { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (ShareRules.PinError(Pin) is { } pin) yield return new(pin, [nameof(Pin)]);
        if (Access is not null) foreach (var e in ShareRules.DomainErrors(Access, AllowedDomains)) yield return new(e, [nameof(AllowedDomains)]);
        if (RemovePin && !string.IsNullOrEmpty(Pin)) yield return new("Either set a new PIN or remove it, not both.", [nameof(Pin)]);
    }
}

public sealed record ShareLinkDto(Guid Id, string Label, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt, int Views, DateTimeOffset? LastViewedAt, string? Url,
    LinkPermission Permission, LinkAccess Access, IReadOnlyList<string> AllowedDomains, bool HasPin, Guid? StakeholderId, string? StakeholderName,
    DateTimeOffset? InvitedAt, bool Active)
{
    /// <summary>Set on creation when an invitation was asked for but could not be sent (the link itself works).</summary>
    public string? InvitationProblem { get; init; }

    public static ShareLinkDto From(ShareLink l, DateTimeOffset now, string? url = null, string? stakeholderName = null) =>
        new(l.Id, l.Label, l.CreatedBy, l.CreatedAt, l.ExpiresAt, l.RevokedAt, l.Views, l.LastViewedAt, url,
            l.Permission, l.Access, l.Domains, l.HasPin, l.StakeholderId, stakeholderName, l.InvitedAt, l.IsActive(now));
}

/// <summary>A link just created: its secret (shown once) and, if an invitation was asked for and failed, why.</summary>
public sealed record CreatedLink(ShareLink Link, string Secret, string? InvitationProblem);

public static class ShareRules
{
    public const int MaxDomains = 20;

    /// <summary>"@Northwind.COM " → "northwind.com".</summary>
    public static string NormaliseDomain(string d) => d.Trim().TrimStart('@').TrimEnd('.').ToLowerInvariant();

    public static IEnumerable<string> DomainErrors(LinkAccess? access, List<string>? domains)
    {
        var list = (domains ?? []).Select(NormaliseDomain).Where(d => d.Length > 0).ToList();
        if (access == LinkAccess.Domains && list.Count == 0) yield return "Name at least one e-mail domain, like northwind.com.";
        if (list.Count > MaxDomains) yield return $"Name at most {MaxDomains} domains.";
        foreach (var d in list.Where(d => !System.Text.RegularExpressions.Regex.IsMatch(d, @"^(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")))
            yield return $"“{d}” is not a domain: write it like northwind.com.";
    }

    /// <summary>The domains as stored: normalised, unique, space-separated; null when none.</summary>
    public static string? StoreDomains(List<string>? domains)
    {
        var list = (domains ?? []).Select(NormaliseDomain).Where(d => d.Length > 0).Distinct().ToList();
        return list.Count == 0 ? null : string.Join(' ', list);
    }

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

    public static async Task<Outcome<CreatedLink>> CreateAsync(AppDbContext db, WorkspaceUser user, Guid planId, ShareLinkInput input,
        TimeProvider clock, IMailSender mail, string baseUrl, CancellationToken ct = default)
    {
        var plan = await db.FindPlanAsync(user, planId, ct);
        if (plan is null) return Outcome<CreatedLink>.NotFound();
        var errors = FieldErrors.Of(input);
        Stakeholder? person = null;
        if (input.StakeholderId is { } sid)
        {
            person = await db.Stakeholders.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sid && s.PlanId == planId, ct);
            if (person is null) errors.Add("stakeholderId", "Choose a stakeholder of this plan.");
            else if (person.Side == Side.Seller) errors.Add("stakeholderId", "Personal links are for the buyer's side: choose a buyer or partner stakeholder.");
            else if ((input.SendInvitation || (input.Access ?? LinkAccess.Anyone) != LinkAccess.Anyone) && string.IsNullOrWhiteSpace(person.Email))
                errors.Add("stakeholderId", $"{person.Name} has no e-mail address in the plan: add it to the stakeholder first.");
        }
        var access = input.Access ?? LinkAccess.Anyone;
        if (access != LinkAccess.Anyone && !mail.IsEnabled) errors.Add("access", NoMail(mail));
        if (input.SendInvitation && !mail.IsEnabled) errors.Add("sendInvitation", NoMail(mail));
        if (errors.Count > 0) return Outcome<CreatedLink>.Invalid(errors);
        var now = clock.GetUtcNow();
        var secret = Secrets.New(TokenPrefix);
        var link = new ShareLink
        {
            PlanId = planId, Label = string.IsNullOrWhiteSpace(input.Label) ? person!.Name : input.Label.Trim(), TokenHash = Secrets.Hash(secret),
            CreatedBy = user.DisplayName, CreatedAt = now, ExpiresAt = input.Days is { } d ? now.AddDays(d) : null,
            Permission = input.Permission ?? LinkPermission.View, StakeholderId = person?.Id,
            PinHash = string.IsNullOrEmpty(input.Pin) ? null : LinkSecrets.Hash(input.Pin),
            Access = access, AllowedDomains = access == LinkAccess.Domains ? ShareRules.StoreDomains(input.AllowedDomains) : null,
        };
        db.ShareLinks.Add(link);
        await db.SaveChangesAsync(ct);
        // Being shared changes what the coach says about the plan: a new revision, so cached
        // renderings of the plan (health included) are not served stale.
        await db.Plans.Where(p => p.Id == planId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Revision, p => p.Revision + 1), ct);

        string? problem = null;
        if (input.SendInvitation && person is not null)
        {
            var workspace = await db.Workspaces.Where(w => w.Id == user.WorkspaceId).Select(w => w.Name).SingleAsync(ct);
            try
            {
                await mail.SendAsync(LinkMail.Invitation(person.Email!.Trim(), person.Name, $"{baseUrl}/p/{secret}", plan.Title, plan.BuyerCompany,
                    workspace, user.DisplayName, input.InvitationNote), ct);
                link.InvitedAt = now;
                await db.SaveChangesAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problem = $"The link was created, but the invitation to {person.Email} could not be sent ({e.Message}). Copy the link and send it yourself.";
            }
        }
        return Outcome<CreatedLink>.Ok(new CreatedLink(link, secret, problem));
    }

    private static string NoMail(IMailSender mail) =>
        "E-mail is not set up on this server, so visitors could not receive a code or an invitation. " + (mail.DisabledReason ?? "");

    public static async Task<Outcome<ShareLink>> UpdateAsync(AppDbContext db, WorkspaceUser user, Guid planId, Guid linkId, ShareLinkUpdateInput input,
        TimeProvider clock, IMailSender mail, CancellationToken ct = default)
    {
        if (await db.FindPlanAsync(user, planId, ct) is null) return Outcome<ShareLink>.NotFound();
        var link = await db.ShareLinks.SingleOrDefaultAsync(l => l.Id == linkId && l.PlanId == planId, ct);
        if (link is null) return Outcome<ShareLink>.NotFound();
        var errors = FieldErrors.Of(input);
        var now = clock.GetUtcNow();
        if (link.RevokedAt is not null) errors.Add("", "This link is revoked; create a new one instead.");
        if (input.ExpiresOn is { } until && until < DateOnly.FromDateTime(now.UtcDateTime))
            errors.Add("expiresOn", "Choose today or a later day, or no expiry.");
        var access = input.Access ?? link.Access;
        if (access != LinkAccess.Anyone && access != link.Access && !mail.IsEnabled) errors.Add("access", NoMail(mail));
        if (access != LinkAccess.Anyone && link.StakeholderId is { } sid
            && await db.Stakeholders.Where(s => s.Id == sid).Select(s => s.Email).SingleOrDefaultAsync(ct) is not { Length: > 0 })
            errors.Add("access", "The stakeholder of this personal link has no e-mail address in the plan: add it first.");
        if (errors.Count > 0) return Outcome<ShareLink>.Invalid(errors);

        link.Label = input.Label!.Trim();
        link.ExpiresAt = input.ExpiresOn is { } last ? new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        link.Permission = input.Permission!.Value;
        var domains = access == LinkAccess.Domains ? (input.AllowedDomains is null ? link.AllowedDomains : ShareRules.StoreDomains(input.AllowedDomains)) : null;
        if (access != link.Access || domains != link.AllowedDomains)
        {
            // A different way in: everyone inside must pass the new gate.
            (link.Access, link.AllowedDomains) = (access, domains);
            link.AccessStamp = Guid.NewGuid();
        }
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

    /// <summary>Forgets an address's failures (an operator unblocking a shared office address; tests).</summary>
    public void Reset(string? address) => cache.Remove(Key(address));

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
        g.MapPost("/", async (Guid planId, ShareLinkInput input, HttpContext http, AppDbContext db, TimeProvider clock, IMailSender mail, CancellationToken ct) =>
            {
                var created = await ShareCommands.CreateAsync(db, http.Seller(), planId, input, clock, mail, BaseUrl(http), ct);
                if (!created.IsOk) return created.ToHttp(_ => Results.Empty);
                var (link, secret, problem) = created.Value!;
                var people = await ShareCommands.PeopleAsync(db, planId, ct);
                return TypedResults.Created($"/api/v1/plans/{planId}/share-links/{link.Id}",
                    ShareLinkDto.From(link, clock.GetUtcNow(), $"{BaseUrl(http)}/p/{secret}", Person(people, link)) with { InvitationProblem = problem });
            })
            .WithName("CreateShareLink")
            .WithSummary("Create a buyer link: access (anyone, a verified e-mail, or addresses of allowed domains), optional PIN, permission (view, comment, edit), expiry; optionally personal to a buyer stakeholder and e-mailed to them. The URL is returned once.")
            .Produces<ShareLinkDto>(201).ProducesValidationProblem().ProducesProblem(404);
        g.MapPut("/{linkId:guid}", async (Guid planId, Guid linkId, ShareLinkUpdateInput input, HttpContext http, AppDbContext db, TimeProvider clock, IMailSender mail, CancellationToken ct) =>
                await DtoAsync(await ShareCommands.UpdateAsync(db, http.Seller(), planId, linkId, input, clock, mail, ct), db, planId, clock, null, ct))
            .WithName("UpdateShareLink")
            .WithSummary("Change a link's name, expiry, permission, access or PIN; takes effect on its visitors' next request (a new PIN or access asks everyone to pass again).")
            .Produces<ShareLinkDto>().ProducesValidationProblem().ProducesProblem(404);
        g.MapPost("/{linkId:guid}/revoke", async (Guid planId, Guid linkId, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                await DtoAsync(await ShareCommands.RevokeAsync(db, http.Seller(), planId, linkId, clock, ct), db, planId, clock, null, ct))
            .WithName("RevokeShareLink").WithSummary("Revoke a buyer link; it stops working at once, also for visitors already inside.")
            .Produces<ShareLinkDto>().ProducesProblem(404);
    }

    public static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";

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
public sealed class SharePageModel(AppDbContext db, TimeProvider clock, IMailSender mail) : PageModel
{
    [BindProperty] public ShareLinkInput Input { get; set; } = new() { Days = 90, Permission = LinkPermission.Comment };
    /// <summary>The allowed domains as typed in the form: separated by commas or spaces.</summary>
    [BindProperty(Name = "allowedDomainsText")] public string? DomainsText { get; set; }
    public bool MailEnabled => mail.IsEnabled;
    public string? MailProblem => mail.DisabledReason;
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
        Input.AllowedDomains = SplitDomains(DomainsText);
        var created = unreadable.Count > 0 ? Outcome<CreatedLink>.Invalid(unreadable)
            : await ShareCommands.CreateAsync(db, HttpContext.Seller(), planId, Input, clock, mail, ShareLinksApi.BaseUrl(HttpContext));
        if (created.Kind == OutcomeKind.NotFound) return NotFound();
        if (created.IsOk)
        {
            var (link, secret, problem) = created.Value!;
            NewUrl = $"{ShareLinksApi.BaseUrl(HttpContext)}/p/{secret}";
            NewUrlFor = link.Label;
            Message = problem ?? (link.InvitedAt is not null ? $"Invitation sent to {NewUrlFor}." : null);
            Input = new() { Days = 90, Permission = LinkPermission.Comment };
            DomainsText = null;
        }
        else { Errors = created.Errors!; Response.StatusCode = 400; }
        return await LoadAsync(planId);
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid planId, Guid linkId, [FromForm] ShareLinkUpdateInput edit, [FromForm(Name = "allowedDomainsText")] string? domains)
    {
        var unreadable = BindingMessages.From(ModelState);
        edit.AllowedDomains = SplitDomains(domains);
        // The form's first choice ("Anyone with the link") is the empty value.
        if (Request.Form.TryGetValue("access", out var a) && string.IsNullOrEmpty(a)) edit.Access = LinkAccess.Anyone;
        var updated = unreadable.Count > 0 ? Outcome<ShareLink>.Invalid(unreadable)
            : await ShareCommands.UpdateAsync(db, HttpContext.Seller(), planId, linkId, edit, clock, mail);
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

    private static List<string>? SplitDomains(string? text) =>
        text is null ? null : [.. text.Split([',', ' ', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)];

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

    public static readonly (LinkAccess Value, string Label)[] Accesses =
    [
        (LinkAccess.Anyone, "Anyone with the link"),
        (LinkAccess.Email, "People who confirm their e-mail address"),
        (LinkAccess.Domains, "People with an address at these domains"),
    ];

    /// <summary>The form's domains field is named allowedDomainsText; its errors come back under allowedDomains.</summary>
    public static FieldErrors DomainErrorsAsText(FieldErrors errors)
    {
        var copy = new FieldErrors();
        foreach (var (k, v) in errors) foreach (var m in v) copy.Add(k == "allowedDomains" ? "allowedDomainsText" : k, m);
        return copy;
    }

    public static string Of(LinkAccess a) => a switch
    {
        LinkAccess.Email => "verified e-mail",
        LinkAccess.Domains => "verified e-mail at allowed domains",
        _ => "anyone with the link",
    };

    public static string Of(LinkPermission p) => p switch
    {
        LinkPermission.Edit => "can comment and edit buyer items",
        LinkPermission.Comment => "can view and comment",
        _ => "view only",
    };
}
