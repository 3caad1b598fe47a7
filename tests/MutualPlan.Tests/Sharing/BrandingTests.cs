using System.Net;
using System.Net.Http.Headers;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Data;

namespace MutualPlan.Tests.Sharing;

/// <summary>Workspace branding on the settings page and on the buyer's pages.</summary>
public abstract class BrandingTests(TestApp app)
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient web, Dictionary<string, string> fields, byte[]? logo = null, string logoName = "logo.png")
    {
        var page = await web.GetStringAsync("/settings/workspace");
        var form = new MultipartFormDataContent();
        foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
        form.Add(new StringContent(Html.AntiforgeryToken(page)), "__RequestVerificationToken");
        if (logo is not null)
        {
            var file = new ByteArrayContent(logo);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "logo", logoName);
        }
        return await web.PostAsync("/settings/workspace", form);
    }

    [Fact]
    public async Task The_owner_brands_the_workspace_and_buyers_see_its_colour_and_logo()
    {
        var s = await SharedPlan.CreateAsync(app, "Brightline");
        var web = await s.Seller.LoginAsync();

        var bad = await SaveAsync(web, new() { ["name"] = "Brightline", ["brandColor"] = "blue", ["logoUrl"] = "http://insecure.example/logo.png" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("Write the colour as # and six hex digits", html);
        Assert.Contains("starting with https://", html);

        var notImage = await SaveAsync(web, new() { ["name"] = "Brightline", ["brandColor"] = "#0A7D5A" }, System.Text.Encoding.UTF8.GetBytes("<svg onload=alert(1)>"), "logo.svg");
        Assert.Equal(HttpStatusCode.BadRequest, notImage.StatusCode);
        Assert.Contains("Upload a PNG, JPEG, GIF or WebP image", await notImage.Content.ReadAsStringAsync());

        var saved = await SaveAsync(web, new() { ["name"] = "Brightline Software", ["brandColor"] = "#0a7d5a" }, Png);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var (_, path) = await s.LinkAsync(new { label = "Northwind" });
        var buyerPage = await s.Browser().GetStringAsync(path);
        Assert.Contains("--brand:#0A7D5A;--brand-ink:#ffffff", buyerPage);
        Assert.Contains("Brightline Software", buyerPage);
        var logoSrc = System.Text.RegularExpressions.Regex.Match(buyerPage, "src=\"(/brand/[^\"]+)\"").Groups[1].Value;
        var logo = await s.Browser().GetAsync(System.Net.WebUtility.HtmlDecode(logoSrc));
        Assert.Equal("image/png", logo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await logo.Content.ReadAsByteArrayAsync());

        // A light colour gets dark text; an https logo address is allowed by the page's policy.
        var light = await SaveAsync(web, new() { ["name"] = "Brightline Software", ["brandColor"] = "#FFE066", ["logoUrl"] = "https://cdn.example.com/logo.png" });
        Assert.Equal(HttpStatusCode.Redirect, light.StatusCode);
        var response = await s.Browser().GetAsync(path);
        var lightPage = await response.Content.ReadAsStringAsync();
        Assert.Contains("--brand-ink:#111827", lightPage);
        Assert.Contains("https://cdn.example.com/logo.png", lightPage);
        Assert.Contains("img-src 'self' data: https:", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task A_member_cannot_change_the_branding()
    {
        var owner = await app.NewWorkspaceAsync("Brightline");
        var member = await app.AddSellerAsync(owner.WorkspaceId, WorkspaceRole.Member);
        var web = await member.LoginAsync();
        Assert.Contains("Only the workspace's owners and admins", await web.GetStringAsync("/settings/workspace"));
        var tried = await SaveAsync(web, new() { ["name"] = "Hacked", ["brandColor"] = "#000000" });
        Assert.Equal(HttpStatusCode.Forbidden, tried.StatusCode);
    }
}

public sealed class BrandingTests_Sqlite(SqliteApp app) : BrandingTests(app), IClassFixture<SqliteApp>;
public sealed class BrandingTests_Postgres(PostgresApp app) : BrandingTests(app), IClassFixture<PostgresApp>;
