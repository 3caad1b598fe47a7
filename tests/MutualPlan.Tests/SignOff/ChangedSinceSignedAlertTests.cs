using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Planning.Plans;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Tests.Integrations;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Integrations;
using MutualPlan.Web.Features.Notifications;
using MutualPlan.Web.Features.SignOff;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Tests.SignOff;

/// <summary>
/// "Changed since signed" at the moment of the edit: the signers of both sides hear of the first
/// material change after everyone signed — by in-app notification, by e-mail as each prefers (a real
/// SMTP server) and as one webhook event — and of no further change until the plan is signed again.
/// </summary>
public abstract class ChangedSinceSignedAlertTests(MailApp app)
{
    private sealed record Deal(TestSeller Owner, TestSeller Colleague, TestSeller Editor, Guid Plan, Guid Priya, string PriyaEmail, Guid Security)
    {
        public string Url => $"/api/v1/plans/{Plan}";
    }

    private async Task<Deal> SignedDealAsync()
    {
        var owner = await app.NewWorkspaceAsync("Brightline");
        var colleague = await app.AddSellerAsync(owner.WorkspaceId);
        var editor = await app.AddSellerAsync(owner.WorkspaceId); // not a signer: everyone who signed hears of the edit
        var plan = await owner.NewPlanAsync("Northwind rollout");
        var url = $"/api/v1/plans/{plan}";
        var email = $"priya-{Guid.NewGuid():N}@northwind.test";
        async Task<Guid> Post(string path, object body)
        {
            var r = await owner.Api.PostJsonAsync(url + path, body);
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            return (await r.JsonAsync()).GetProperty("id").GetGuid();
        }
        var priya = await Post("/stakeholders", new { name = "Priya Shah", title = "Financial Controller", side = "Buyer", role = "Champion", email });
        var security = await Post("/milestones", new { title = "Security review approved", phase = "TechnicalValidation", owner = "Buyer", targetDate = "2026-12-10" });
        await Post("/milestones", new { title = "Contract signed", phase = "Signature", owner = "Joint", targetDate = "2027-01-29" });
        await Post("/share-links", new { label = "Northwind team" });
        var d = new Deal(owner, colleague, editor, plan, priya, email, security);
        Assert.Equal(HttpStatusCode.Created, (await owner.Api.PostJsonAsync($"{url}/sign-off/requests",
            new { stakeholderIds = new[] { priya }, userIds = new[] { owner.UserId, colleague.UserId } })).StatusCode);
        await EveryoneSignsAsync(d);
        return d;
    }

    private async Task EveryoneSignsAsync(Deal d)
    {
        var hash = (await (await d.Owner.Api.GetAsync($"{d.Url}/sign-off")).JsonAsync()).GetProperty("currentContentHash").GetString()!;
        foreach (var seller in new[] { d.Owner, d.Colleague })
            Assert.Equal(HttpStatusCode.Created, (await seller.Api.PostJsonAsync($"{d.Url}/sign-off/signatures", new { fullName = "Sam Seller", title = "Account Executive", contentHash = hash })).StatusCode);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var outcome = await SignOffCommands.SignAsync(db, (await SignOffCommands.LinkScopeAsync(db, d.Plan))!, d.Plan,
            new SignatureInput { FullName = "Priya Shah", Title = "Financial Controller", ContentHash = hash },
            round => round.Signers.FirstOrDefault(s => s.Side == Side.Buyer && s.StakeholderId == d.Priya), "not a signer",
            new SignatureOrigin("203.0.113.7", "Buyer phone"), TimeProvider.System);
        Assert.Equal(OutcomeKind.Ok, outcome.Kind);
        Assert.Equal("Signed", (await (await d.Owner.Api.GetAsync($"{d.Url}/sign-off")).JsonAsync()).GetProperty("status").GetString());
    }

    private async Task<List<Notification>> ChangedAsync(Guid plan)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Notifications.AsNoTracking()
            .Where(n => n.PlanId == plan && n.Kind == NotificationKind.ChangedSinceSigned).OrderBy(n => n.CreatedAt).ToListAsync();
    }

    private async Task<string?> EmailOutcomeAsync(Guid notificationId)
    {
        for (var i = 0; i < 150; i++)
        {
            await using var scope = app.Scope();
            var job = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Key == $"email:{notificationId}");
            if (job?.CompletedAt is not null) return job.Outcome;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The e-mail job of notification {notificationId} did not finish.");
    }

    /// <summary>The e-mail subject of the alert at the edit (a later request to accept again says "… asks you to accept it again").</summary>
    private const string EditSubject = "changed since it was signed: Security review approved";

    private async Task<HttpResponseMessage> RescheduleAsync(Deal d, TestSeller who, string date) =>
        await who.Api.PostJsonAsync($"{d.Url}/milestones/{d.Security}/reschedule", new { newDate = date, reason = "Reviewer on leave" });

    [Fact]
    public async Task The_first_material_edit_after_signing_tells_every_signer_once_and_a_new_signing_starts_over()
    {
        using var receiver = new Receiver();
        var d = await SignedDealAsync();
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.WebhookEndpoints.Add(new WebhookEndpoint { WorkspaceId = d.Owner.WorkspaceId, Url = receiver.Url, Secret = "whsec_test", Events = WebhookEvents.ChangedSinceSigned, CreatedAt = DateTimeOffset.UtcNow.AddSeconds(-5) });
            await db.SaveChangesAsync();
        }
        var worker = app.Services.GetRequiredService<WebhookWorker>();
        async Task PumpAsync() { var at = DateTimeOffset.UtcNow.AddSeconds(1); await worker.DispatchAsync(at, default); await worker.SendDueAsync(at, default); }

        // Signing itself and work that is not a change to the agreement say nothing.
        Assert.Equal(HttpStatusCode.Created, (await d.Editor.Api.PostJsonAsync($"{d.Url}/milestones/{d.Security}/actions", new { description = "Book the reviewer", side = "Seller" })).StatusCode);
        Assert.Empty(await ChangedAsync(d.Plan));

        // A colleague who did not sign moves a date (the reschedule also moves the dependants): every signer is told, once.
        Assert.Equal(HttpStatusCode.OK, (await RescheduleAsync(d, d.Editor, "2026-12-17")).StatusCode);
        var first = await ChangedAsync(d.Plan);
        Assert.Equal(3, first.Count);
        Assert.Equal(new[] { d.Owner.UserId, d.Colleague.UserId, d.Priya }.Order(), first.Select(n => n.RecipientId).Order());
        Assert.All(first, n =>
        {
            Assert.StartsWith("“Northwind rollout” changed since it was signed: Security review approved", n.Text);
            Assert.Contains("Security review approved: Moved 10 Dec 2026 → 17 Dec 2026 (+7 days)", n.Excerpt);
            Assert.Equal($"/plans/{d.Plan}/sign-off", n.Url);
        });
        Assert.Equal(d.PriyaEmail, first.Single(n => n.RecipientId == d.Priya).Email);

        // Sellers are e-mailed at once; the buyer, by default, in tomorrow's summary.
        foreach (var seller in new[] { d.Owner, d.Colleague })
        {
            var mail = Assert.Single(await app.Sink.WaitForAsync(1, m => m.IsFor(seller.Email) && m.Subject.Contains(EditSubject)));
            Assert.Contains("Moved 10 Dec 2026 → 17 Dec 2026", mail.Text);
            Assert.Contains("See what changed", mail.Html);
        }
        Assert.StartsWith("queued for the digest of ", await EmailOutcomeAsync(first.Single(n => n.RecipientId == d.Priya).Id));
        Assert.Empty(app.Sink.To(d.PriyaEmail));
        await PumpAsync();
        var hook = Assert.Single(receiver.Bodies);
        Assert.Equal(WebhookEvents.ChangedSinceSigned, hook.GetProperty("type").GetString());
        Assert.Contains("Moved 10 Dec 2026 → 17 Dec 2026", hook.GetProperty("text").GetString());

        // More changes to the same signed baseline — another date, a new milestone, another owner — stay quiet.
        Assert.Equal(HttpStatusCode.OK, (await RescheduleAsync(d, d.Owner, "2026-12-21")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await d.Colleague.Api.PostJsonAsync($"{d.Url}/milestones", new { title = "Pilot go-live", phase = "Implementation", owner = "Joint", targetDate = "2027-02-15" })).StatusCode);
        var security = await (await d.Owner.Api.GetAsync($"{d.Url}/milestones/{d.Security}")).JsonAsync();
        Assert.Equal(HttpStatusCode.OK, (await d.Owner.Api.PutJsonAsync($"{d.Url}/milestones/{d.Security}", new
        {
            title = "Security review approved", phase = "TechnicalValidation", owner = "Joint", targetDate = "2026-12-21", version = security.GetProperty("version").GetInt32(),
        })).StatusCode);
        Assert.Equal(3, (await ChangedAsync(d.Plan)).Count);
        await PumpAsync();
        Assert.Single(receiver.Bodies);
        Assert.Single(app.Sink.To(d.Colleague.Email), m => m.Subject.Contains(EditSubject));

        // Both sides accept the changed plan (the request itself is a sign-off request, not a new "changed" event) …
        Assert.Equal(HttpStatusCode.Created, (await d.Owner.Api.PostJsonAsync($"{d.Url}/sign-off/requests", new { })).StatusCode);
        await EveryoneSignsAsync(d);
        var afterResign = (await ChangedAsync(d.Plan)).Count;
        await PumpAsync();
        Assert.Single(receiver.Bodies);

        // … so the next material edit is news again, once.
        Assert.Equal(HttpStatusCode.OK, (await RescheduleAsync(d, d.Editor, "2027-01-08")).StatusCode);
        var again = (await ChangedAsync(d.Plan)).Skip(afterResign).ToList();
        Assert.Equal(3, again.Count);
        Assert.All(again, n => Assert.Contains("Moved 21 Dec 2026 → 8 Jan 2027 (+18 days)", n.Excerpt));
        Assert.Equal(2, (await app.Sink.WaitForAsync(2, m => m.IsFor(d.Colleague.Email) && m.Subject.Contains(EditSubject))).Count);
        Assert.Equal(HttpStatusCode.OK, (await RescheduleAsync(d, d.Editor, "2027-01-11")).StatusCode);
        Assert.Equal(afterResign + 3, (await ChangedAsync(d.Plan)).Count);
        await PumpAsync();
        Assert.Equal(2, receiver.Bodies.Count(b => b.GetProperty("type").GetString() == WebhookEvents.ChangedSinceSigned));
    }

    [Fact]
    public async Task A_buyer_who_chose_immediate_email_gets_it_at_once_and_removing_a_signed_milestone_counts()
    {
        var d = await SignedDealAsync();
        await using (var scope = app.Scope())
            await EmailPreferences.SetAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), d.Owner.WorkspaceId, MentionKind.Stakeholder, d.Priya, EmailDelivery.Immediately, DateTimeOffset.UtcNow);
        var contract = (await (await d.Owner.Api.GetAsync($"{d.Url}/milestones")).JsonAsync()).EnumerateArray()
            .Single(m => m.GetProperty("title").GetString() == "Contract signed").GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NoContent, (await d.Owner.Api.DeleteAsync($"{d.Url}/milestones/{contract}")).StatusCode);
        var notes = await ChangedAsync(d.Plan);
        Assert.Equal(new[] { d.Colleague.UserId, d.Priya }.Order(), notes.Select(n => n.RecipientId).Order()); // the owner made the change
        Assert.All(notes, n => Assert.Contains("Contract signed: Removed (was due 29 Jan 2027)", n.Excerpt));
        // Only this alert's message: the earlier sign-off request may reach Priya too, now that she chose "immediately".
        var mail = Assert.Single(await app.Sink.WaitForAsync(1, m => m.IsFor(d.PriyaEmail) && m.Subject.Contains("changed since it was signed")));
        Assert.Contains("Contract signed: Removed (was due 29 Jan 2027)", mail.Text);
        Assert.DoesNotContain("/notifications/open", mail.Html); // the seller's app links are not for buyers
    }
}

public sealed class ChangedSinceSignedAlertTests_Sqlite(SqliteMailApp app) : ChangedSinceSignedAlertTests(app), IClassFixture<SqliteMailApp>;
public sealed class ChangedSinceSignedAlertTests_Postgres(PostgresMailApp app) : ChangedSinceSignedAlertTests(app), IClassFixture<PostgresMailApp>;
