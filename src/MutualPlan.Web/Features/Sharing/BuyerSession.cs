using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;

namespace MutualPlan.Web.Features.Sharing;

/// <summary>
/// A visitor inside one plan through one share link, checked on this request: the link is active,
/// the visitor passed its gate (PIN, e-mail) under the link's current access stamp. The permission
/// is the link's current one, so a seller's change applies to open sessions at once.
/// </summary>
public sealed record BuyerSession(ShareLink Link, Guid WorkspaceId, string Token, Guid VisitorId, string Name, string? Email, Guid? StakeholderId)
{
    public Guid PlanId => Link.PlanId;
    public LinkPermission Permission => Link.Permission;
    public bool CanComment => Link.Allows(LinkPermission.Comment);
    public bool CanEdit => Link.Allows(LinkPermission.Edit);
    public Actor Actor => new(ActorKind.Buyer, VisitorId, Name);

    /// <summary>The plan's workspace as a query scope: a link grants exactly this one plan.</summary>
    public WorkspaceUser Scope => new(Guid.Empty, WorkspaceId, WorkspaceRole.Member, Name);

    public string BasePath => "/p/" + Token;
}

/// <summary>Where a link visitor stands on this request, when the link itself is good.</summary>
public sealed record LinkVisit(ShareLink Link, Guid WorkspaceId, string Token, BuyerSession? Session);

public static class BuyerLink
{
    public const string Scheme = "BuyerLink";
    public const string CookieName = "mp.buyer";
    public const string StampClaim = "mp:stamp";
    private const string VisitKey = "mp:link-visit";

    /// <summary>The checked visit of the current /p/{token} request (set by <see cref="BuyerLinkMiddleware"/>).</summary>
    public static LinkVisit? Visit(this HttpContext http) => http.Items[VisitKey] as LinkVisit;

    /// <summary>The signed-in link visitor of the current request, if the link's gate was passed.</summary>
    public static BuyerSession? BuyerSession(this HttpContext http) => http.Visit()?.Session;

    internal static void SetVisit(HttpContext http, LinkVisit visit) => http.Items[VisitKey] = visit;

    public static AuthenticationBuilder AddBuyerLinkCookie(this AuthenticationBuilder auth) =>
        auth.AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.Path = "/p";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(30);
        });

    /// <summary>Reads the token out of /p/{token}[/…]; null for any other path.</summary>
    public static string? TokenOf(PathString path, out bool isMainPage)
    {
        isMainPage = false;
        var value = path.Value;
        if (value is null || !value.StartsWith("/p/", StringComparison.Ordinal)) return null;
        var rest = value[3..];
        var slash = rest.IndexOf('/');
        var token = slash < 0 ? rest : rest[..slash];
        isMainPage = slash < 0 || slash == rest.Length - 1;
        return token.Length == 0 ? null : token;
    }

    public static ClaimsPrincipal Principal(ShareLink link, LinkVisitor visitor, string name)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, visitor.Id.ToString()),
            new(Actors.VisitorClaim, visitor.Id.ToString()),
            new(Actors.LinkClaim, link.Id.ToString()),
            new(Actors.PlanClaim, link.PlanId.ToString()),
            new(Actors.PermissionClaim, link.Permission.ToString().ToLowerInvariant()),
            new(StampClaim, link.AccessStamp.ToString()),
            new("name", name),
        };
        if (visitor.Email is { } email) claims.Add(new Claim("email", email));
        if (visitor.StakeholderId is { } s) claims.Add(new Claim(Actors.StakeholderClaim, s.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, "name", ClaimTypes.Role));
    }

    /// <summary>The name a visitor acts under: their own, their stakeholder's, or the link's label.</summary>
    public static string DisplayName(ShareLink link, LinkVisitor visitor) =>
        !string.IsNullOrWhiteSpace(visitor.Name) ? visitor.Name! : $"{link.Label} (link)";
}

/// <summary>Hashes for the low-entropy secrets of links (PINs, one-time codes): salted and slow.</summary>
public static class LinkSecrets
{
    private static readonly PasswordHasher<ShareLink> Hasher = new();

    public static string Hash(string secret) => Hasher.HashPassword(null!, secret);

    public static bool Verify(string? hash, string attempt) =>
        hash is not null && Hasher.VerifyHashedPassword(null!, hash, attempt) != PasswordVerificationResult.Failed;
}

/// <summary>
/// Guards every /p/{token} request: unknown, revoked or expired links are 404 (and count as failed
/// guesses, 429 after repeated ones); a visitor whose cookie is for another link, or was issued
/// under an older access stamp, must pass the gate again. On success the request runs as the
/// link visitor (HttpContext.User is the "BuyerLink" principal), so every change it makes is
/// attributed to that visitor. Links without a gate sign their visitors in at once.
/// </summary>
public sealed class BuyerLinkMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext ctx, AppDbContext db, GuessGuard guard, TimeProvider clock)
    {
        var token = BuyerLink.TokenOf(ctx.Request.Path, out var mainPage);
        if (token is null) { await next(ctx); return; }

        ctx.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        ctx.Response.Headers.CacheControl = "no-store";
        var address = ctx.Connection.RemoteIpAddress?.ToString();
        if (guard.IsBlocked(address)) { await TooManyAsync(ctx); return; }
        var now = clock.GetUtcNow();
        var link = await ShareCommands.FindActiveAsync(db, token, now, ctx.RequestAborted);
        if (link is null)
        {
            guard.RecordFailure(address);
            await UnavailableAsync(ctx);
            return;
        }
        var workspaceId = await db.Plans.Where(p => p.Id == link.PlanId).Select(p => (Guid?)p.WorkspaceId).SingleOrDefaultAsync(ctx.RequestAborted);
        if (workspaceId is null) { await UnavailableAsync(ctx); return; }

        // Whatever else the browser carries (a seller's own session), on a link's pages it is only this link's visitor.
        ctx.User = new ClaimsPrincipal(new ClaimsIdentity());
        var session = await CurrentAsync(ctx, db, link, workspaceId.Value, token, now);
        if (session is null && !link.RequiresEmail && !link.HasPin)
            session = await LinkGate.SignInAsync(ctx, db, link, workspaceId.Value, token, name: null, email: null, now);
        BuyerLink.SetVisit(ctx, new LinkVisit(link, workspaceId.Value, token, session));

        if (session is null && !mainPage)
        {
            // The gate lives on the link's main page: everything else waits until it is passed.
            if (ctx.Request.Headers.ContainsKey("HX-Request"))
            {
                ctx.Response.Headers["HX-Redirect"] = "/p/" + token;
                ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
            }
            else if (HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method)) ctx.Response.Redirect("/p/" + token);
            else ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        await next(ctx);
    }

    private static async Task<BuyerSession?> CurrentAsync(HttpContext ctx, AppDbContext db, ShareLink link, Guid workspaceId, string token, DateTimeOffset now)
    {
        var auth = await ctx.AuthenticateAsync(BuyerLink.Scheme);
        var p = auth.Principal;
        if (p is null
            || p.FindFirstValue(Actors.LinkClaim) != link.Id.ToString()
            || p.FindFirstValue(Actors.PlanClaim) != link.PlanId.ToString()
            || p.FindFirstValue(BuyerLink.StampClaim) != link.AccessStamp.ToString()
            || !Guid.TryParse(p.FindFirstValue(Actors.VisitorClaim), out var visitorId)) return null;
        var visitor = await db.LinkVisitors.SingleOrDefaultAsync(v => v.Id == visitorId && v.LinkId == link.Id, ctx.RequestAborted);
        if (visitor is null) return null;
        if (link.StakeholderId is { } personal && visitor.StakeholderId != personal) return null;
        if (now - visitor.LastSeenAt > TimeSpan.FromMinutes(1))
        {
            visitor.LastSeenAt = now;
            link.LastViewedAt = now;
            await db.SaveChangesAsync(ctx.RequestAborted);
        }
        ctx.User = p;
        return LinkGate.SessionOf(link, workspaceId, token, visitor);
    }

    private static async Task UnavailableAsync(HttpContext ctx)
    {
        ctx.Response.StatusCode = StatusCodes.Status404NotFound;
        if (!HttpMethods.IsGet(ctx.Request.Method) || ctx.Request.Headers.ContainsKey("HX-Request")) return;
        ctx.Response.ContentType = "text/html; charset=utf-8";
        await ctx.Response.WriteAsync(SimplePage("This link does not work",
            "The link is unknown, has expired or was revoked. Ask the person who shared the plan with you for a new one."));
    }

    private static async Task TooManyAsync(HttpContext ctx)
    {
        ctx.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        ctx.Response.Headers.RetryAfter = ((int)GuessGuard.Window.TotalSeconds).ToString();
        if (!HttpMethods.IsGet(ctx.Request.Method) || ctx.Request.Headers.ContainsKey("HX-Request")) return;
        ctx.Response.ContentType = "text/html; charset=utf-8";
        await ctx.Response.WriteAsync(SimplePage("Too many attempts",
            "There were too many failed attempts from your network. Please wait ten minutes and try again."));
    }

    private static string SimplePage(string title, string text) =>
        $"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex, nofollow"><title>{title}</title><link rel="stylesheet" href="/css/app.css"></head>
        <body><main id="main" class="narrow"><div class="card"><h1>{title}</h1><p>{text}</p></div></main></body></html>
        """;
}
