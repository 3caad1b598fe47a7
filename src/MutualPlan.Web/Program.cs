using MutualPlan.Web.Cli;
using MutualPlan.Web.Infrastructure;

// "--demo" is a switch, not a setting: left in, the configuration reader would take the next
// argument (say "--urls") as its value.
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--demo").ToArray());
// Admin commands print results (such as a new API token) on standard output: keep log lines off it.
if (AdminCli.IsCommand(args))
    builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.AddMutualPlan();
var app = builder.Build();

// `dotnet run -- <command>` runs an admin command (migrate, users, tokens, seed-demo) and exits.
if (AdminCli.IsCommand(args)) return await AdminCli.RunAsync(app, args);

await app.MigrateAsync();
// `-- --demo` seeds the demo workspace and plan (once) before serving, for a first look.
if (args.Contains("--demo")) await AdminCli.RunAsync(app, ["seed-demo"]);
app.UseMutualPlan();
await app.RunAsync();
return 0;

/// <summary>Entry point type, public so integration tests can host the app.</summary>
public partial class Program;
