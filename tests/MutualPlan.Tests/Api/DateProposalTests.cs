using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Planning.Plans;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.DateProposals;

namespace MutualPlan.Tests.Api;

/// <summary>Proposing, countering, accepting and declining milestone dates between the two sides.</summary>
public abstract class DateProposalTests(TestApp app)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    private static async Task<Guid> MilestoneAsync(TestSeller s, Guid plan, string title, string phase, DateOnly date, params Guid[] after) =>
        (await (await s.Api.PostJsonAsync($"/api/v1/plans/{plan}/milestones", new { title, phase, owner = "Joint", targetDate = Iso(date), dependsOn = after })).JsonAsync()).GetProperty("id").GetGuid();

    /// <summary>What the buyer does through an edit link: the same use case with the buyer as party.</summary>
    private async Task<Guid> BuyerProposesAsync(TestSeller seller, Guid plan, Guid milestone, DateOnly date, string reason)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var linkScope = new WorkspaceUser(Guid.Empty, seller.WorkspaceId, WorkspaceRole.Member, "buyer link");
        var outcome = await DateProposalCommands.ProposeAsync(db, linkScope, plan, milestone,
            new ProposeDateInput { ProposedDate = date, Reason = reason }, new Party(Side.Buyer, "Priya Shah"), clock);
        Assert.True(outcome.IsOk);
        return outcome.Value!.Id;
    }

    [Fact]
    public async Task Accepting_the_buyers_date_moves_the_milestone_and_its_dependents_and_records_both_names()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var security = await MilestoneAsync(seller, plan, "Security approved", "TechnicalValidation", Today.AddDays(14));
        var signature = await MilestoneAsync(seller, plan, "Contract signed", "Signature", Today.AddDays(28), security);
        var proposal = await BuyerProposesAsync(seller, plan, security, Today.AddDays(21), "Our CISO is away until then");

        var mode = await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/mode")).JsonAsync();
        Assert.Equal("Renegotiating", mode.GetProperty("mode").GetString());
        var list = await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/date-proposals")).JsonAsync();
        Assert.Equal("Open", list[0].GetProperty("status").GetString());
        Assert.Equal("Security approved", list[0].GetProperty("milestoneTitle").GetString());

        var accepted = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/date-proposals/{proposal}/response", new { decision = "Accept" });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("Accepted", (await accepted.JsonAsync()).GetProperty("status").GetString());

        var dates = (await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/milestones")).JsonAsync()).EnumerateArray()
            .ToDictionary(m => m.GetProperty("id").GetGuid(), m => DateOnly.Parse(m.GetProperty("targetDate").GetString()!));
        Assert.Equal(Today.AddDays(21), dates[security]);
        Assert.True(dates[signature] > Today.AddDays(28)); // moved with it
        var changes = (await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/date-changes")).JsonAsync()).EnumerateArray().ToList();
        var own = changes.Single(c => c.GetProperty("milestoneId").GetGuid() == security);
        Assert.Equal("Proposed by Priya Shah: Our CISO is away until then", own.GetProperty("reason").GetString());
        Assert.StartsWith("Priya Shah and ", own.GetProperty("agreedBy").GetString());

        var again = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/date-proposals/{proposal}/response", new { decision = "Decline" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task A_counter_closes_the_proposal_and_opens_one_for_the_other_side_and_nobody_answers_their_own()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var security = await MilestoneAsync(seller, plan, "Security approved", "TechnicalValidation", Today.AddDays(14));
        var proposal = await BuyerProposesAsync(seller, plan, security, Today.AddDays(30), "Budget review first");

        var noDate = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/date-proposals/{proposal}/response", new { decision = "Counter", note = "Sooner?" });
        Assert.Equal(HttpStatusCode.BadRequest, noDate.StatusCode);
        Assert.True((await noDate.JsonAsync()).GetProperty("errors").TryGetProperty("counterDate", out _));

        var counter = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/date-proposals/{proposal}/response",
            new { decision = "Counter", counterDate = Iso(Today.AddDays(20)), note = "We can run the review in parallel" });
        Assert.Equal(HttpStatusCode.OK, counter.StatusCode);
        var counterBody = await counter.JsonAsync();
        Assert.Equal("Seller", counterBody.GetProperty("proposedBySide").GetString());
        Assert.Equal(proposal, counterBody.GetProperty("counterToId").GetGuid());

        var list = (await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/date-proposals")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal("Countered", list.Single(p => p.GetProperty("id").GetGuid() == proposal).GetProperty("status").GetString());
        var own = counterBody.GetProperty("id").GetGuid();
        var self = await seller.Api.PostJsonAsync($"/api/v1/plans/{plan}/date-proposals/{own}/response", new { decision = "Accept" });
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        // Nothing moved yet.
        var m = await (await seller.Api.GetAsync($"/api/v1/plans/{plan}/milestones/{security}")).JsonAsync();
        Assert.Equal(Iso(Today.AddDays(14)), m.GetProperty("targetDate").GetString());
    }

    [Fact]
    public async Task Proposals_are_validated_and_invisible_to_another_workspace()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var security = await MilestoneAsync(seller, plan, "Security approved", "TechnicalValidation", Today.AddDays(14));
        var url = $"/api/v1/plans/{plan}/milestones/{security}/date-proposals";

        var same = await seller.Api.PostJsonAsync(url, new { proposedDate = Iso(Today.AddDays(14)), reason = "x" });
        Assert.True((await same.JsonAsync()).GetProperty("errors").TryGetProperty("proposedDate", out _));
        var past = await seller.Api.PostJsonAsync(url, new { proposedDate = Iso(Today.AddDays(-1)), reason = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        var noReason = await seller.Api.PostJsonAsync(url, new { proposedDate = Iso(Today.AddDays(20)) });
        Assert.True((await noReason.JsonAsync()).GetProperty("errors").TryGetProperty("reason", out _));
        var created = await seller.Api.PostJsonAsync(url, new { proposedDate = Iso(Today.AddDays(20)), reason = "Vendor security pack ready earlier" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();

        var stranger = await app.NewWorkspaceAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"/api/v1/plans/{plan}/date-proposals")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.PostJsonAsync(url, new { proposedDate = Iso(Today.AddDays(22)), reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.PostJsonAsync($"/api/v1/plans/{plan}/date-proposals/{id}/response", new { decision = "Accept" })).StatusCode);
        // A proposal of one plan cannot be answered through another plan of the same workspace.
        var other = await seller.NewPlanAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await seller.Api.PostJsonAsync($"/api/v1/plans/{other}/date-proposals/{id}/response", new { decision = "Decline" })).StatusCode);
    }

    [Fact]
    public async Task The_seller_answers_a_buyer_proposal_from_the_milestone_card()
    {
        var seller = await app.NewWorkspaceAsync();
        var plan = await seller.NewPlanAsync();
        var security = await MilestoneAsync(seller, plan, "Security approved", "TechnicalValidation", Today.AddDays(14));
        var proposal = await BuyerProposesAsync(seller, plan, security, Today.AddDays(21), "CISO away");
        var web = await seller.LoginAsync();
        var page = await web.GetStringAsync($"/plans/{plan}");
        var doc = Html.Parse(page);
        Assert.NotNull(doc.QuerySelector($"#milestone-{security} [data-proposal='{proposal}'] button[value='Accept']"));

        var request = new HttpRequestMessage(HttpMethod.Post, $"/plans/{plan}/date-proposals/respond?proposalId={proposal}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "Decline", ["version"] = "1" }),
        };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", Html.AntiforgeryToken(page));
        var response = await web.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var section = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Null(section.QuerySelector("[data-proposal]"));
        Assert.Contains("Proposal declined", section.QuerySelector(".flash")!.TextContent);
    }
}

public sealed class DateProposalTests_Sqlite(SqliteApp app) : DateProposalTests(app), IClassFixture<SqliteApp>;
public sealed class DateProposalTests_Postgres(PostgresApp app) : DateProposalTests(app), IClassFixture<PostgresApp>;
