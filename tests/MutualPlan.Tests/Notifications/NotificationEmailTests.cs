using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Notifications;
using MutualPlan.Web.Infrastructure.Jobs;

namespace MutualPlan.Tests.Notifications;

/// <summary>Notification e-mails end to end: the app's own worker delivers to a real SMTP server (aiosmtpd).</summary>
public abstract partial class NotificationEmailTests(MailApp app)
{
    private SmtpSink Sink => app.Sink;

    private async Task<(TestSeller Owner, TestSeller Colleague, Guid Plan)> TeamAsync()
    {
        var owner = await app.NewWorkspaceAsync("Acme Software");
        var colleague = await app.AddSellerAsync(owner.WorkspaceId);
        return (owner, colleague, await owner.NewPlanAsync());
    }

    private static async Task MentionAsync(TestSeller author, Guid plan, TestSeller who, string text = "can you check the security questionnaire?")
    {
        var r = await author.Api.PostJsonAsync($"/api/v1/plans/{plan}/comments", new
        {
            body = $"@Sam Seller {text}", mentions = new[] { new { kind = "Seller", id = who.UserId } },
        });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
    }

    private async Task<List<Job>> JobsOfAsync(Func<Job, bool> where)
    {
        await using var scope = app.Scope();
        return (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Jobs.AsNoTracking().ToListAsync()).Where(where).ToList();
    }

    private async Task<List<Notification>> NotificationsOfAsync(Guid recipient)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Notifications.AsNoTracking()
            .Where(n => n.RecipientId == recipient).OrderBy(n => n.CreatedAt).ToListAsync();
    }

    /// <summary>Waits until every e-mail job of these notifications is finished.</summary>
    private async Task<List<Job>> SettledAsync(IEnumerable<Guid> notificationIds)
    {
        var keys = notificationIds.Select(id => $"email:{id}").ToHashSet();
        for (var i = 0; i < 150; i++)
        {
            var jobs = await JobsOfAsync(j => keys.Contains(j.Key));
            if (jobs.Count == keys.Count && jobs.All(j => j.CompletedAt is not null)) return jobs;
            await Task.Delay(100);
        }
        throw new TimeoutException("The e-mail jobs did not finish: " + string.Join(", ", (await JobsOfAsync(j => keys.Contains(j.Key))).Select(j => $"{j.Key} {j.Outcome} {j.LastError}")));
    }

    [GeneratedRegex("""/email/unsubscribe/[A-Za-z0-9_\-.]+""")]
    private static partial Regex UnsubscribePath();

    [Fact]
    public async Task A_mention_is_emailed_at_once_with_both_parts_a_link_to_the_comment_and_a_one_click_unsubscribe_that_stops_further_mail()
    {
        var (owner, colleague, plan) = await TeamAsync();
        await MentionAsync(owner, plan, colleague);

        var mail = Assert.Single(await Sink.WaitForAsync(1, m => m.IsFor(colleague.Email)));
        Assert.Equal([colleague.Email], mail.To);
        Assert.Equal("Sam Seller mentioned you on the plan “Northwind rollout”", mail.Subject);
        Assert.Equal("plans@mutualplan.test", mail.From.Address);
        var n = Assert.Single(await NotificationsOfAsync(colleague.UserId));
        Assert.NotNull(n.EmailedAt);
        var link = $"http://plans.test/notifications/open?id={n.Id}";
        Assert.Contains("Acme Software", mail.Html);
        Assert.Contains("You were mentioned", mail.Html);
        Assert.Contains("can you check the security questionnaire?", mail.Html);
        Assert.Contains($"href=\"{link}\"", mail.Html);
        Assert.Contains("Open the comment", mail.Html);
        Assert.Contains("can you check the security questionnaire?", mail.Text);
        Assert.Contains("Open the comment: " + link, mail.Text);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Header("List-Unsubscribe-Post"));
        var unsubscribe = UnsubscribePath().Match(mail.Header("List-Unsubscribe")!).Value;
        Assert.Contains("http://plans.test" + unsubscribe, mail.Html);
        Assert.Contains("Unsubscribe: http://plans.test" + unsubscribe, mail.Text);

        // The action link opens the comment (after login) and marks the notification read.
        var browser = await colleague.LoginAsync();
        var open = await browser.GetAsync(link["http://plans.test".Length..]);
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Equal($"/plans/{plan}?comments=plan#comments-plan", open.Headers.Location!.OriginalString);
        Assert.NotNull((await NotificationsOfAsync(colleague.UserId)).Single().ReadAt);

        // One click from the mail client (RFC 8058): a POST without login or antiforgery token.
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var confirm = await anonymous.GetStringAsync(unsubscribe);
        Assert.Contains("Unsubscribe?", confirm);
        var done = await anonymous.PostAsync(unsubscribe, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("You are unsubscribed", await done.Content.ReadAsStringAsync());
        var prefs = await anonymous.GetStringAsync(unsubscribe.Replace("/unsubscribe/", "/preferences/"));
        Assert.Matches("""id="delivery-off"[^>]*checked""", prefs);

        // Preference off: the next mention is recorded in the app but sends nothing.
        await MentionAsync(owner, plan, colleague, "one more thing");
        var second = (await NotificationsOfAsync(colleague.UserId)).Last();
        var job = Assert.Single(await SettledAsync([second.Id]));
        Assert.Equal("skipped: the recipient turned e-mail off", job.Outcome);
        Assert.Single(Sink.To(colleague.Email));
    }

    [Fact]
    public async Task A_forged_or_altered_preferences_link_is_not_found()
    {
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/email/unsubscribe/not-a-token")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsync("/email/unsubscribe/not-a-token", new StringContent(""))).StatusCode);

        // A genuine token made by another instance of the app works here; the same token naming someone else does not.
        var (owner, colleague, _) = await TeamAsync();
        var other = app.WithWebHostBuilder(_ => { });
        var token = other.Services.GetRequiredService<PreferenceTokens>().For(MentionKind.Seller, colleague.UserId, colleague.WorkspaceId);
        Assert.Contains(colleague.Email, await anonymous.GetStringAsync($"/email/preferences/{token}"));
        var payload = System.Buffers.Text.Base64Url.DecodeFromChars(token.AsSpan(0, token.IndexOf('.')));
        var forged = System.Text.Encoding.ASCII.GetBytes("u" + owner.UserId.ToString("N") + colleague.WorkspaceId.ToString("N"));
        Assert.Equal(payload.Length, forged.Length);
        var altered = System.Buffers.Text.Base64Url.EncodeToString(forged) + token[token.IndexOf('.')..];
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/email/preferences/{altered}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsync($"/email/unsubscribe/{altered}", new StringContent(""))).StatusCode);
        await other.DisposeAsync();
    }

    [Fact]
    public async Task A_buyer_gets_one_digest_a_day_with_the_assignment_the_status_update_and_the_mention()
    {
        var (owner, _, plan) = await TeamAsync();
        var buyerEmail = $"priya-{Guid.NewGuid():N}@northwind.test";
        var priya = (await (await owner.Api.PostJsonAsync($"/api/v1/plans/{plan}/stakeholders", new { name = "Priya Shah", side = "Buyer", role = "Champion", email = buyerEmail })).JsonAsync()).GetProperty("id").GetGuid();
        var milestone = (await (await owner.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones", new { title = "Security review", phase = "Evaluation", owner = "Joint", targetDate = "2026-12-04" })).JsonAsync()).GetProperty("id").GetGuid();

        // Before the plan is shared, the buyer side hears nothing about it.
        await owner.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones/{milestone}/actions", new { description = "Draft questionnaire", side = "Buyer", assigneeId = priya });
        Assert.DoesNotContain(await NotificationsOfAsync(priya), n => n.Kind == NotificationKind.ActionAssigned);

        Assert.Equal(HttpStatusCode.Created, (await owner.Api.PostJsonAsync($"/api/v1/plans/{plan}/share-links", new { label = "Northwind team" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await owner.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones/{milestone}/actions", new { description = "Send the security questionnaire", side = "Buyer", assigneeId = priya, dueDate = "2026-12-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await owner.Api.PostJsonAsync($"/api/v1/plans/{plan}/status-updates", new { from = "2026-11-01", to = "2026-11-15", body = "## Highlights\n- Security review **on track**" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await owner.Api.PostJsonAsync($"/api/v1/plans/{plan}/comments", new { body = "@Priya Shah could you confirm the reviewer?", mentions = new[] { new { kind = "Stakeholder", id = priya } } })).StatusCode);

        var notes = await NotificationsOfAsync(priya);
        Assert.Equal([NotificationKind.ActionAssigned, NotificationKind.StatusUpdatePublished, NotificationKind.Mention], notes.Select(n => n.Kind));
        var jobs = await SettledAsync(notes.Select(n => n.Id));
        Assert.All(jobs, j => Assert.StartsWith("queued for the digest of ", j.Outcome));
        var digest = Assert.Single(await JobsOfAsync(j => j.Kind == NotificationWorker.DigestJob && j.Key.Contains(priya.ToString())));
        Assert.True(digest.DueAt > DateTimeOffset.UtcNow);
        Assert.Empty(Sink.To(buyerEmail));

        // The digest hour comes.
        await using (var scope = app.Scope())
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Jobs.Where(j => j.Id == digest.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.DueAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        var mail = Assert.Single(await Sink.WaitForAsync(1, m => m.IsFor(buyerEmail)));
        Assert.Equal("Your daily summary: 3 updates on “Northwind rollout”", mail.Subject);
        Assert.Equal(owner.Email, mail.Mime.ReplyTo.Mailboxes.Single().Address);
        Assert.Contains("Sam Seller assigned you an action in “Northwind rollout”: Send the security questionnaire", mail.Html);
        Assert.Contains("published a status update on “Northwind rollout”", mail.Html);
        Assert.Contains("could you confirm the reviewer?", mail.Text);
        Assert.Contains("Highlights Security review on track", mail.Text); // the update's Markdown read as plain text
        Assert.DoesNotContain("##", mail.Text);
        Assert.Contains("Open the plan with the link Acme Software shared with you", mail.Text);
        Assert.DoesNotContain("/notifications/open", mail.Html); // the seller's app links are not for buyers
        Assert.NotNull(mail.Header("List-Unsubscribe"));

        // Something new after today's digest waits for tomorrow's: at most one digest a day.
        await owner.Api.PostJsonAsync($"/api/v1/plans/{plan}/comments", new { body = "@Priya Shah thanks!", mentions = new[] { new { kind = "Stakeholder", id = priya } } });
        await SettledAsync([(await NotificationsOfAsync(priya)).Last().Id]);
        var digests = await JobsOfAsync(j => j.Kind == NotificationWorker.DigestJob && j.Key.Contains(priya.ToString()));
        Assert.Equal(2, digests.Count);
        var next = digests.Single(d => d.Id != digest.Id);
        Assert.Equal(digest.DueAt.AddDays(1), next.DueAt);
        Assert.NotEqual(digest.Key, next.Key);
        Assert.Single(Sink.To(buyerEmail));
    }

    [Fact]
    public async Task Due_soon_and_overdue_reminders_are_raised_once_per_action_and_due_date_and_emailed_to_the_owner()
    {
        var (owner, _, plan) = await TeamAsync();
        var milestone = (await (await owner.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones", new { title = "Security review", phase = "Evaluation", owner = "Joint", targetDate = "2027-03-04" })).JsonAsync()).GetProperty("id").GetGuid();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await owner.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones/{milestone}/actions", new { description = "Book the kickoff", side = "Seller", dueDate = today.AddDays(1).ToString("yyyy-MM-dd") });
        await owner.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones/{milestone}/actions", new { description = "Return the DPA", side = "Seller", dueDate = today.AddDays(-3).ToString("yyyy-MM-dd") });
        await owner.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones/{milestone}/actions", new { description = "Later work", side = "Seller", dueDate = today.AddDays(20).ToString("yyyy-MM-dd") });

        // Two scans (two instances, or the next hour): the idempotency keys keep each reminder single.
        for (var i = 0; i < 2; i++)
        {
            var scan = new Job { Kind = NotificationWorker.ReminderJob, Key = $"reminders:test-{Guid.NewGuid():N}", Payload = "", DueAt = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow };
            await using (var scope = app.Scope()) await JobQueue.EnsureAsync(scope.ServiceProvider, scan, default);
            for (var t = 0; t < 100 && (await JobsOfAsync(j => j.Id == scan.Id)).Single().CompletedAt is null; t++) await Task.Delay(100);
        }
        var reminders = (await NotificationsOfAsync(owner.UserId)).Where(n => n.Kind is NotificationKind.ActionDueSoon or NotificationKind.ActionOverdue).ToList();
        Assert.Equal(2, reminders.Count);
        Assert.Contains(reminders, n => n.Kind == NotificationKind.ActionDueSoon && n.Text == "Due tomorrow in “Northwind rollout”: Book the kickoff");
        Assert.Contains(reminders, n => n.Kind == NotificationKind.ActionOverdue && n.Text == "Overdue in “Northwind rollout”: Return the DPA");

        var mails = await Sink.WaitForAsync(2, m => m.IsFor(owner.Email));
        Assert.Equal(2, mails.Count);
        Assert.Contains(mails, m => m.Subject.StartsWith("Overdue") && m.Html!.Contains("Open the action"));
    }

    [Fact]
    public async Task A_seller_chooses_a_daily_digest_in_settings_and_bad_input_is_answered_beside_the_field()
    {
        var (_, colleague, _) = await TeamAsync();
        var browser = await colleague.LoginAsync();
        var page = await browser.GetStringAsync("/settings/notifications");
        Assert.Matches("""id="delivery-immediately"[^>]*checked""", page);
        Assert.DoesNotContain("E-mail is turned off", page);
        var token = Html.AntiforgeryToken(page);

        var bad = await browser.PostAsync("/settings/notifications", new FormUrlEncodedContent(new Dictionary<string, string> { ["delivery"] = "Hourly", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Choose how you want notification e-mails.", await bad.Content.ReadAsStringAsync());

        var ok = await browser.PostAsync("/settings/notifications", new FormUrlEncodedContent(new Dictionary<string, string> { ["delivery"] = "DailyDigest", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Matches("""id="delivery-dailydigest"[^>]*checked""", await browser.GetStringAsync("/settings/notifications"));
        await using var scope = app.Scope();
        Assert.Equal(EmailDelivery.DailyDigest, await EmailPreferences.GetAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), MentionKind.Seller, colleague.UserId));
    }
}

public sealed class NotificationEmailTests_Sqlite(SqliteMailApp app) : NotificationEmailTests(app), IClassFixture<SqliteMailApp>;
public sealed class NotificationEmailTests_Postgres(PostgresMailApp app) : NotificationEmailTests(app), IClassFixture<PostgresMailApp>;
