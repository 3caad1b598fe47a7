using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure.Email;

namespace MutualPlan.Web.Features.Notifications;

/// <summary>The three choices, as people read them.</summary>
public static class DeliveryChoices
{
    public static readonly (EmailDelivery Value, string Label, string Hint)[] All =
    [
        (EmailDelivery.Immediately, "Each notification at once", "An e-mail as soon as something happens."),
        (EmailDelivery.DailyDigest, "One summary a day", "At most one e-mail a day, listing everything new."),
        (EmailDelivery.Off, "No e-mail", "Nothing by e-mail. Sellers still see notifications in the app."),
    ];

    public static bool TryParse(string? value, out EmailDelivery delivery) =>
        Enum.TryParse(value, ignoreCase: false, out delivery) && Enum.IsDefined(delivery);
}

/// <summary>Settings → Notifications: the seller's own choice of notification e-mail.</summary>
public sealed class NotificationSettingsModel(AppDbContext db, IMailSender mail, TimeProvider clock) : PageModel
{
    public EmailDelivery Delivery { get; private set; }
    public string? Email { get; private set; }
    public string? MailOff => mail.DisabledReason;
    public string? Error { get; private set; }
    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool saved = false)
    {
        var user = HttpContext.Seller();
        Delivery = await EmailPreferences.GetAsync(db, MentionKind.Seller, user.UserId);
        Email = await db.Users.Where(u => u.Id == user.UserId).Select(u => u.Email).SingleOrDefaultAsync();
        Saved = saved;
    }

    public async Task<IActionResult> OnPostAsync(string? delivery)
    {
        var user = HttpContext.Seller();
        if (!DeliveryChoices.TryParse(delivery, out var choice))
        {
            await OnGetAsync();
            Error = "Choose how you want notification e-mails.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await EmailPreferences.SetAsync(db, user.WorkspaceId, MentionKind.Seller, user.UserId, choice, clock.GetUtcNow());
        return Redirect("/settings/notifications?saved=true");
    }
}

/// <summary>Who a signed e-mail link is for, with the names the pages show.</summary>
public sealed record LinkedPerson(PreferenceSubject Subject, string Name, string Email, string WorkspaceName);

public static class LinkedPeople
{
    /// <summary>The person a preferences token names, if the token is genuine and the person still exists in that workspace.</summary>
    public static async Task<LinkedPerson?> FindAsync(AppDbContext db, PreferenceTokens tokens, string? token, CancellationToken ct)
    {
        if (tokens.Read(token) is not { } s) return null;
        var workspace = await db.Workspaces.Where(w => w.Id == s.WorkspaceId).Select(w => w.Name).SingleOrDefaultAsync(ct);
        if (workspace is null) return null;
        if (s.Kind == MentionKind.Seller)
        {
            var u = await db.Users.Where(x => x.Id == s.RecipientId && x.WorkspaceId == s.WorkspaceId).Select(x => new { x.DisplayName, x.Email }).SingleOrDefaultAsync(ct);
            return u is null ? null : new LinkedPerson(s, u.DisplayName, u.Email ?? "", workspace);
        }
        var st = await (from x in db.Stakeholders
                        join p in db.Plans on x.PlanId equals p.Id
                        where x.Id == s.RecipientId && p.WorkspaceId == s.WorkspaceId
                        select new { x.Name, x.Email }).SingleOrDefaultAsync(ct);
        return st is null ? null : new LinkedPerson(s, st.Name, st.Email ?? "", workspace);
    }
}

/// <summary>/email/preferences/{token}: the e-mail choice of whoever the link was sent to, without logging in.</summary>
[AllowAnonymous]
public sealed class EmailPreferencesModel(AppDbContext db, PreferenceTokens tokens, TimeProvider clock) : PageModel
{
    public LinkedPerson? Person { get; private set; }
    public EmailDelivery Delivery { get; private set; }
    public string? Error { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, bool saved = false)
    {
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        Person = await LinkedPeople.FindAsync(db, tokens, token, HttpContext.RequestAborted);
        if (Person is null) return NotFound();
        Delivery = await EmailPreferences.GetAsync(db, Person.Subject.Kind, Person.Subject.RecipientId);
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, string? delivery)
    {
        Person = await LinkedPeople.FindAsync(db, tokens, token, HttpContext.RequestAborted);
        if (Person is null) return NotFound();
        if (!DeliveryChoices.TryParse(delivery, out var choice))
        {
            Delivery = await EmailPreferences.GetAsync(db, Person.Subject.Kind, Person.Subject.RecipientId);
            Error = "Choose how you want notification e-mails.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await EmailPreferences.SetAsync(db, Person.Subject.WorkspaceId, Person.Subject.Kind, Person.Subject.RecipientId, choice, clock.GetUtcNow());
        return Redirect($"/email/preferences/{Uri.EscapeDataString(token)}?saved=true");
    }
}

/// <summary>
/// /email/unsubscribe/{token}: the link in every e-mail and its List-Unsubscribe header. GET asks
/// (link scanners open links; they must not unsubscribe anyone); POST unsubscribes at once, also
/// as RFC 8058 one-click from the mail client, which sends no antiforgery token: the signed token
/// in the address is the proof.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(AppDbContext db, PreferenceTokens tokens, TimeProvider clock) : PageModel
{
    public LinkedPerson? Person { get; private set; }
    public bool Done { get; private set; }
    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token)
    {
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        Person = await LinkedPeople.FindAsync(db, tokens, token, HttpContext.RequestAborted);
        Token = token;
        if (Person is null) return NotFound();
        Done = await EmailPreferences.GetAsync(db, Person.Subject.Kind, Person.Subject.RecipientId) == EmailDelivery.Off;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        Person = await LinkedPeople.FindAsync(db, tokens, token, HttpContext.RequestAborted);
        Token = token;
        if (Person is null) return NotFound();
        await EmailPreferences.SetAsync(db, Person.Subject.WorkspaceId, Person.Subject.Kind, Person.Subject.RecipientId, EmailDelivery.Off, clock.GetUtcNow());
        Done = true;
        return Page();
    }
}
