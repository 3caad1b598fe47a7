using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Data;

namespace MutualPlan.Tests.Sharing;

/// <summary>E-mail-required and domain links (one-time codes read from a real SMTP sink) and personal invitations.</summary>
public abstract class LinkEmailTests(MailApp app)
{
    private readonly Dictionary<string, int> _sent = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The code of the e-mail the last start for this address sent.</summary>
    private Task<string> CodeAsync(string address) => MailCodes.CodeForAsync(app.Sink, address, _sent[address]);

    private Task<HttpResponseMessage> StartAsync(HttpClient buyer, string path, string? name, string email, string? pin = null)
    {
        _sent[email] = MailCodes.Count(app.Sink, email) + 1;
        var fields = new Dictionary<string, string> { ["email"] = email };
        if (name is not null) fields["name"] = name;
        if (pin is not null) fields["pin"] = pin;
        return SharedPlan.PostFormAsync(buyer, path, path + "?handler=email", fields);
    }

    private static async Task<HttpResponseMessage> CodeAsync(HttpClient buyer, string path, string afterStartHtml, string code)
    {
        var challenge = System.Text.RegularExpressions.Regex.Match(afterStartHtml, "name=\"challengeId\" value=\"([^\"]+)\"").Groups[1].Value;
        return await SharedPlan.PostFormAsync(buyer, path, path + "?handler=code", new() { ["challengeId"] = challenge, ["code"] = code }, afterStartHtml);
    }

    [Fact]
    public async Task A_visitor_proves_their_address_with_an_emailed_code_and_is_matched_to_their_stakeholder()
    {
        var s = await SharedPlan.CreateAsync(app);
        var (id, path) = await s.LinkAsync(new { label = "Northwind team", access = "Email", permission = "Comment" });
        var buyer = s.Browser();

        var gate = await buyer.GetStringAsync(path);
        Assert.Contains("Confirm your e-mail address", gate);
        Assert.DoesNotContain("Security approved", gate);

        var bad = await StartAsync(buyer, path, "Priya", "not-an-address");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Enter a valid e-mail address", await bad.Content.ReadAsStringAsync());

        var started = await StartAsync(buyer, path, "Priya S.", "Priya@Northwind.example");
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var startedHtml = await started.Content.ReadAsStringAsync();
        Assert.Contains("We sent a 6-digit code to", startedHtml);
        var code = await CodeAsync("priya@northwind.example");

        var wrongCode = code == "000000" ? "111111" : "000000";
        var wrong = await CodeAsync(buyer, path, startedHtml, wrongCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("That code is not right", wrongHtml);
        Assert.DoesNotContain("Security approved", wrongHtml);

        var right = await CodeAsync(buyer, path, wrongHtml, code);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        var plan = await buyer.GetStringAsync(path);
        Assert.Contains("Security approved", plan);
        SharingAsserts.NoSecrets(plan, "buyer view after e-mail");

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var visitor = await db.LinkVisitors.SingleAsync(v => v.LinkId == id);
        Assert.Equal("priya@northwind.example", visitor.Email);
        Assert.Equal(s.Champion, visitor.StakeholderId);
        Assert.NotNull(visitor.VerifiedAt);
        var challenge = await db.LinkChallenges.SingleAsync(c => c.LinkId == id);
        Assert.DoesNotContain(code, challenge.CodeHash);
        Assert.NotNull(challenge.UsedAt);

        // The code works once only.
        var again = await CodeAsync(s.Browser(), path, startedHtml, code);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task A_code_is_used_up_after_five_wrong_tries_and_expires_after_ten_minutes()
    {
        var s = await SharedPlan.CreateAsync(app);
        var (id, path) = await s.LinkAsync(new { label = "Northwind team", access = "Email" });
        var buyer = s.Browser();
        var startedHtml = await (await StartAsync(buyer, path, "Ann", "ann@northwind.example")).Content.ReadAsStringAsync();
        var code = await CodeAsync("ann@northwind.example");
        var wrongCode = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.BadRequest, (await CodeAsync(buyer, path, startedHtml, wrongCode)).StatusCode);
        var late = await CodeAsync(buyer, path, startedHtml, code);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("Ask for a new one", await late.Content.ReadAsStringAsync());

        app.Services.GetRequiredService<MutualPlan.Web.Features.Sharing.GuessGuard>().Reset(null);
        var second = await (await StartAsync(buyer, path, "Ann", "ann@northwind.example")).Content.ReadAsStringAsync();
        var code2 = await CodeAsync("ann@northwind.example");
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            foreach (var c in db.LinkChallenges.Where(c => c.LinkId == id)) c.ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1);
            await db.SaveChangesAsync();
        }
        var expired = await CodeAsync(buyer, path, second, code2);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Contains("has expired", await expired.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_domain_link_accepts_only_addresses_of_its_domains_and_checks_the_pin_first()
    {
        var s = await SharedPlan.CreateAsync(app);
        var (_, path) = await s.LinkAsync(new { label = "Northwind", access = "Domains", allowedDomains = new[] { "@Northwind.example" }, pin = "5555" });
        var buyer = s.Browser();
        Assert.Contains("at northwind.example", await buyer.GetStringAsync(path));

        var outsider = await StartAsync(buyer, path, "Eve", "eve@gmail.example", "5555");
        Assert.Equal(HttpStatusCode.BadRequest, outsider.StatusCode);
        Assert.Contains("This link is for addresses at northwind.example", await outsider.Content.ReadAsStringAsync());

        var wrongPin = await StartAsync(buyer, path, "Ben", "ben@eu.northwind.example", "1234");
        Assert.Equal(HttpStatusCode.BadRequest, wrongPin.StatusCode);
        Assert.Contains("That PIN is not right", await wrongPin.Content.ReadAsStringAsync());
        Assert.Empty(app.Sink.To("ben@eu.northwind.example"));

        var ok = await StartAsync(buyer, path, "Ben", "ben@eu.northwind.example", "5555");
        var html = await ok.Content.ReadAsStringAsync();
        var code = await CodeAsync("ben@eu.northwind.example");
        Assert.Equal(HttpStatusCode.Redirect, (await CodeAsync(buyer, path, html, code)).StatusCode);
        Assert.Contains("Security approved", await buyer.GetStringAsync(path));
    }

    [Fact]
    public async Task An_invited_stakeholder_opens_their_personal_link_from_the_email_as_themselves()
    {
        var s = await SharedPlan.CreateAsync(app);
        var created = await s.Seller.Api.PostJsonAsync($"{s.Api}/share-links",
            new { stakeholderId = s.Champion, permission = "Edit", sendInvitation = true, invitationNote = "Here is our plan <b>draft</b>." });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.JsonAsync();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, json.GetProperty("invitedAt").ValueKind);

        var mail = (await app.Sink.WaitForAsync(1, m => m.IsFor("priya@northwind.example") && m.Subject.Contains("shared"))).Single();
        Assert.Contains("Northwind rollout", mail.Subject);
        Assert.Contains("&lt;b&gt;draft&lt;/b&gt;", mail.Html);
        var url = System.Text.RegularExpressions.Regex.Match(mail.Text!, @"http\S+/p/s_\S+").Value;
        Assert.Equal(json.GetProperty("url").GetString(), url);

        var buyer = s.Browser();
        var page = await buyer.GetStringAsync(new Uri(url).AbsolutePath);
        Assert.Contains("Security approved", page);
        await using var scope = app.Scope();
        var visitor = await scope.ServiceProvider.GetRequiredService<AppDbContext>().LinkVisitors.SingleAsync(v => v.LinkId == json.GetProperty("id").GetGuid());
        Assert.Equal(s.Champion, visitor.StakeholderId);
    }

    [Fact]
    public async Task A_personal_link_that_asks_for_email_accepts_only_the_stakeholders_own_address()
    {
        var s = await SharedPlan.CreateAsync(app);
        var (_, path) = await s.LinkAsync(new { stakeholderId = s.Champion, access = "Email" });
        var buyer = s.Browser();
        var gate = await buyer.GetStringAsync(path);
        Assert.DoesNotContain("Your name", gate);
        var other = await StartAsync(buyer, path, null, "someone@northwind.example");
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Contains("p•••@northwind.example", System.Net.WebUtility.HtmlDecode(await other.Content.ReadAsStringAsync()));
        var own = await (await StartAsync(buyer, path, null, "priya@northwind.example")).Content.ReadAsStringAsync();
        var code = await CodeAsync("priya@northwind.example");
        Assert.Equal(HttpStatusCode.Redirect, (await CodeAsync(buyer, path, own, code)).StatusCode);
    }

    [Fact]
    public async Task Changing_a_link_to_email_access_sends_everyone_inside_back_to_the_gate()
    {
        var s = await SharedPlan.CreateAsync(app);
        var (id, path) = await s.LinkAsync(new { label = "Northwind team" });
        var buyer = s.Browser();
        Assert.Contains("Security approved", await buyer.GetStringAsync(path));
        var bad = await s.UpdateLinkAsync(id, new { label = "Northwind team", permission = "View", access = "Domains", allowedDomains = new[] { "not a domain" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.JsonAsync()).GetProperty("errors").TryGetProperty("allowedDomains", out _));
        Assert.Equal(HttpStatusCode.OK, (await s.UpdateLinkAsync(id, new { label = "Northwind team", permission = "View", access = "Email" })).StatusCode);
        var gate = await buyer.GetStringAsync(path);
        Assert.Contains("Confirm your e-mail address", gate);
        Assert.DoesNotContain("Security approved", gate);
    }
}

public sealed class LinkEmailTests_Sqlite(SqliteMailApp app) : LinkEmailTests(app), IClassFixture<SqliteMailApp>;
public sealed class LinkEmailTests_Postgres(PostgresMailApp app) : LinkEmailTests(app), IClassFixture<PostgresMailApp>;
