using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MutualPlan.Planning.Plans;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Cli;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Demo;

namespace MutualPlan.Tests.Settings;

/// <summary>The admin commands, run in-process against the test app's database.</summary>
public abstract class CliAndDemoTests(TestApp app)
{
    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Database:Provider"] = app.Provider.ToString();
        builder.Configuration["Database:ConnectionString"] = app.ConnectionString;
        MutualPlan.Web.Infrastructure.Hosting.AddMutualPlan(builder);
        await using var host = builder.Build();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await AdminCli.RunAsync(host, args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Users_and_tokens_are_created_from_the_command_line()
    {
        var ws = "Cli Co " + Guid.NewGuid().ToString("N")[..6];
        var email = $"cli-{Guid.NewGuid():N}@example.com";
        var created = await RunAsync("users", "create", "--workspace", ws, "--email", email, "--name", "Cli Owner", "--password", "a long enough password");
        Assert.Equal(0, created.Code);
        var second = await RunAsync("users", "create", "--workspace", ws, "--email", "m" + email, "--name", "Cli Member", "--password", "a long enough password", "--role", "admin");
        Assert.Equal(0, second.Code);

        var token = await RunAsync("tokens", "create", "--email", email, "--name", "laptop", "--days", "30");
        Assert.Equal(0, token.Code);
        var secret = token.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Trim();
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        var me = await (await api.GetAsync("/api/v1/me")).JsonAsync();
        Assert.Equal(ws, me.GetProperty("workspaceName").GetString());
        Assert.Equal("Owner", me.GetProperty("role").GetString());

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(WorkspaceRole.Admin, (await db.Users.SingleAsync(u => u.Email == "m" + email)).Role);
    }

    [Fact]
    public async Task Failures_and_usage_errors_have_distinct_exit_codes()
    {
        Assert.Equal(1, (await RunAsync("tokens", "create", "--email", "nobody@example.com")).Code);
        Assert.Equal(2, (await RunAsync("users", "create", "--email", "x@example.com")).Code);
        Assert.Equal(2, (await RunAsync("tokens", "delete")).Code);
        Assert.Equal(2, (await RunAsync("users", "create", "--workspace", "W", "--email", "x@example.com", "--name", "N", "--password", "long enough pw", "--role", "king")).Code);
        var weak = await RunAsync("users", "create", "--workspace", "New " + Guid.NewGuid(), "--email", $"w-{Guid.NewGuid():N}@example.com", "--name", "N", "--password", "short");
        Assert.Equal(1, weak.Code);
        Assert.Contains("password", weak.Err);
        var help = await RunAsync("help");
        Assert.Equal(0, help.Code);
        Assert.Contains("seed-demo", help.Out);
    }

    [Fact]
    public async Task The_demo_plan_is_complete_and_seeding_twice_does_not_duplicate_it()
    {
        var email = $"demo-{Guid.NewGuid():N}@example.com";
        Assert.Equal(0, (await RunAsync("seed-demo", "--email", email, "--password", "demo password 123")).Code);
        var again = await RunAsync("seed-demo", "--email", email, "--password", "demo password 123");
        Assert.Contains("already exists", again.Out);

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var owner = await db.Users.SingleAsync(u => u.Email == email);
        var plans = await db.Plans.Where(p => p.WorkspaceId == owner.WorkspaceId)
            .Include(p => p.Milestones).ThenInclude(m => m.Actions).Include(p => p.Milestones).ThenInclude(m => m.Assumptions)
            .Include(p => p.Stakeholders).Include(p => p.Risks).Include(p => p.Metrics).ThenInclude(m => m.Measurements)
            .Include(p => p.Objectives).Include(p => p.Resources).AsSplitQuery().ToListAsync();
        var plan = Assert.Single(plans);
        Assert.Equal(DemoPlan.PlanTitle, plan.Title);
        Assert.InRange(plan.Milestones.Count, 6, 8);
        Assert.All(plan.Milestones, m =>
        {
            Assert.Contains(m.Actions, a => a.Side == Side.Buyer);
            Assert.Contains(m.Actions, a => a.Side == Side.Seller);
            Assert.NotEmpty(m.Assumptions);
        });
        Assert.Contains(plan.Stakeholders, s => s.Side == Side.Buyer);
        Assert.Contains(plan.Stakeholders, s => s.Side == Side.Seller);
        Assert.Contains(plan.Risks, r => r.IsInternal);
        Assert.NotEmpty(plan.Metrics.SelectMany(m => m.Measurements));
        Assert.False(string.IsNullOrEmpty(plan.Context.CustomerLanguage));
    }
}

public sealed class CliAndDemoTests_Sqlite(SqliteApp app) : CliAndDemoTests(app), IClassFixture<SqliteApp>;
public sealed class CliAndDemoTests_Postgres(PostgresApp app) : CliAndDemoTests(app), IClassFixture<PostgresApp>;
