using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.Sharing;

/// <summary>A plan with buyer and internal items, its seller, and helpers to share it and open links as a buyer.</summary>
public sealed record SharedPlan(TestApp App, TestSeller Seller, Guid Plan, Guid Milestone, Guid BuyerAction, Guid InternalAction, Guid Champion, Guid SellerPerson)
{
    /// <summary>Every internal item of the plan carries this marker; no buyer response may contain it.</summary>
    public const string Secret = "SECRET";

    public string Api => $"/api/v1/plans/{Plan}";

    public static async Task<SharedPlan> CreateAsync(TestApp app, string workspace = "Brightline")
    {
        // All test requests come from one (unknown) address: start each test with a clean guessing record.
        app.Services.GetRequiredService<MutualPlan.Web.Features.Sharing.GuessGuard>().Reset(null);
        var seller = await app.NewWorkspaceAsync(workspace);
        var plan = await seller.NewPlanAsync("Northwind rollout");
        var url = $"/api/v1/plans/{plan}";
        async Task<Guid> Post(string path, object body)
        {
            var r = await seller.Api.PostJsonAsync(url + path, body);
            if (r.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"{path}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            return (await r.JsonAsync()).GetProperty("id").GetGuid();
        }
        var champion = await Post("/stakeholders", new { name = "Priya Shah", side = "Buyer", role = "Champion", email = "priya@northwind.example" });
        var sellerPerson = await Post("/stakeholders", new { name = "Sam Seller", side = "Seller", role = "Other" });
        var m = await Post("/milestones", new { title = "Security approved", phase = "TechnicalValidation", owner = "Buyer", targetDate = DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd") });
        var buyerAction = await Post($"/milestones/{m}/actions", new { description = "Send the questionnaire", side = "Buyer", assigneeId = champion, dueDate = DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd") });
        var internalAction = await Post($"/milestones/{m}/actions", new { description = "SECRET discount approval", side = "Seller", isInternal = true });
        await Post("/risks", new { description = "SECRET competitor favoured", isInternal = true });
        await seller.Api.PutJsonAsync($"{url}/internal-notes", new { notes = "SECRET pricing floor", version = 1 });
        await seller.Api.PostJsonAsync($"{url}/comments", new { body = "SECRET internal comment on price", target = "Plan", @internal = true });
        return new SharedPlan(app, seller, plan, m, buyerAction, internalAction, champion, sellerPerson);
    }

    /// <summary>Creates a link through the API; returns its id and path (/p/…).</summary>
    public async Task<(Guid Id, string Path)> LinkAsync(object settings)
    {
        var created = await Seller.Api.PostJsonAsync($"{Api}/share-links", settings);
        if (created.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"link: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        var json = await created.JsonAsync();
        return (json.GetProperty("id").GetGuid(), new Uri(json.GetProperty("url").GetString()!).AbsolutePath);
    }

    public Task<HttpResponseMessage> UpdateLinkAsync(Guid id, object settings) => Seller.Api.PutJsonAsync($"{Api}/share-links/{id}", settings);

    public Task<HttpResponseMessage> RevokeAsync(Guid id) => Seller.Api.PostAsync($"{Api}/share-links/{id}/revoke", null);

    /// <summary>A browser-like client: keeps cookies, does not follow redirects.</summary>
    public HttpClient Browser() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, string action, Dictionary<string, string> fields, string? htmlForToken = null)
    {
        var html = htmlForToken ?? await (await client.GetAsync(pageUrl)).Content.ReadAsStringAsync();
        fields["__RequestVerificationToken"] = Html.AntiforgeryToken(html);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Opens a PIN-protected link with the right PIN; the client then holds the link's cookie.</summary>
    public static async Task PassPinAsync(HttpClient client, string path, string pin)
    {
        var r = await PostFormAsync(client, path, path + "?handler=pin", new() { ["pin"] = pin });
        if (r.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"PIN refused: {(int)r.StatusCode}");
    }
}

public static class MailCodes
{
    public static int Count(SmtpSink sink, string address) => sink.Messages().Count(m => m.IsFor(address) && m.Subject.Contains("is your code"));

    /// <summary>The 6-digit code of the <paramref name="nth"/> access-code e-mail to an address (waits for it).</summary>
    public static async Task<string> CodeForAsync(SmtpSink sink, string address, int nth = 1)
    {
        var mails = await sink.WaitForAsync(nth, m => m.IsFor(address) && m.Subject.Contains("is your code"));
        if (mails.Count < nth) throw new InvalidOperationException($"No code e-mail #{nth} for {address}.");
        var m = System.Text.RegularExpressions.Regex.Match(mails[nth - 1].Text ?? "", @"\b(\d{6})\b");
        return m.Success ? m.Groups[1].Value : throw new InvalidOperationException("No code in the e-mail.");
    }
}

public static class SharingAsserts
{
    public static void NoSecrets(string body, string where)
    {
        if (body.Contains(SharedPlan.Secret, StringComparison.Ordinal))
            throw new Xunit.Sdk.XunitException($"{where} leaked an internal item: …{Excerpt(body)}…");
    }

    private static string Excerpt(string body)
    {
        var i = body.IndexOf(SharedPlan.Secret, StringComparison.Ordinal);
        return body.Substring(Math.Max(0, i - 80), Math.Min(160, body.Length - Math.Max(0, i - 80)));
    }

    public static JsonElement Problem(string json) => JsonDocument.Parse(json).RootElement;
}
