using System.Diagnostics;
using System.Net;
using System.Text.Json;
using MutualPlan.Tests.Infrastructure;

namespace MutualPlan.Tests.Api;

/// <summary>
/// The README's API section, run as a reader would: its shell examples in order, in bash with the
/// real curl and jq, against the app started as its own process (Kestrel) with the demo plan.
/// Each example must exit 0, its curl calls must answer the statuses its comment names, and its
/// output must contain the response the README shows below it.
/// </summary>
public abstract class ReadmeCurlExamplesTests(AppProcess app)
{
    private const string ReadmeBaseUrl = "http://localhost:5000";
    private const string ReadmeAdminCommand = "dotnet run --project src/MutualPlan.Web --";

    [Fact]
    public async Task The_API_examples_in_the_README_work_as_written()
    {
        var examples = ReadmeExamples.Parse(await File.ReadAllTextAsync(Path.Combine(Tools.RepoRoot, "README.md")));
        Assert.True(examples.Count >= 8, $"The README's API section shows {examples.Count} examples; expected the whole token flow.");
        var session = new BashSession(app);
        var outputs = new Dictionary<ReadmeExample, string>();
        foreach (var example in examples)
        {
            var result = await session.RunAsync(example);
            Assert.True(result.ExitCode == 0,
                $"{example}: exit code {result.ExitCode}\n--- stdout\n{result.Stdout}\n--- stderr\n{result.Stderr}\n--- app log\n{app.Log}");
            if (example.Script.Contains("curl ", StringComparison.Ordinal))
            {
                Assert.True(example.ExpectedStatuses is not null, $"{example}: a curl example needs \"expect HTTP …\" in its comment.");
                Assert.True(example.ExpectedStatuses!.SequenceEqual(result.Statuses),
                    $"{example}: HTTP {string.Join(' ', result.Statuses)}, the README says {string.Join(' ', example.ExpectedStatuses!)}\n{result.Stdout}\n{result.Stderr}");
            }
            if (example.Claim is not null) AssertShows(example, result.Stdout);
            outputs[example] = result.Stdout;
        }

        // "with sendInvitation to e-mail it to them": the personal link reached Priya's inbox.
        var shareLink = outputs.Single(o => o.Key.Script.Contains("/share-links", StringComparison.Ordinal)).Value;
        var link = JsonDocument.Parse(shareLink).RootElement.GetProperty("url").GetString()!;
        var invitations = await app.Sink.WaitForAsync(1, m => m.IsFor("priya@fabrikam.example"));
        var invitation = Assert.Single(invitations);
        Assert.Contains(link, invitation.Text);
        // "dryRun: true returns the e-mail without sending it": the invitation is all she got.
        Assert.DoesNotContain(app.Sink.Messages(), m => m.Subject.StartsWith("Recap", StringComparison.Ordinal));

        // "A missing, unknown, expired or revoked token is answered with 401 (a problem document too)."
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var anonymous = await http.GetAsync("/api/v1/plans");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        http.DefaultRequestHeaders.Authorization = new("Bearer", "mp_not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/plans")).StatusCode);
    }

    private void AssertShows(ReadmeExample example, string stdout)
    {
        var claim = Localise(example.Claim!);
        string body;
        if (example.ClaimLanguage == "http")
        {
            // Status line and the headers shown, then the body after the blank line.
            var (claimHead, claimBody) = SplitHead(claim);
            var (head, actualBody) = SplitHead(stdout.Replace("\r\n", "\n"));
            var headLines = head.Split('\n');
            var claimLines = claimHead.Split('\n');
            Assert.True(headLines[0].Trim() == claimLines[0].Trim(), $"{example}: the response starts with \"{headLines[0]}\", the README shows \"{claimLines[0]}\"");
            foreach (var header in claimLines.Skip(1))
                Assert.True(headLines.Any(h => h.StartsWith(header.Trim(), StringComparison.OrdinalIgnoreCase)),
                    $"{example}: no \"{header}\" header in\n{head}");
            claim = claimBody;
            body = actualBody;
        }
        else body = stdout;

        JsonElement actual;
        try { actual = JsonDocument.Parse(body).RootElement; }
        catch (JsonException e) { throw new Xunit.Sdk.XunitException($"{example}: the output is not JSON ({e.Message}):\n{body}"); }
        var difference = ReadmeExamples.Difference(JsonDocument.Parse(claim).RootElement, actual);
        Assert.True(difference is null, $"{example}: the response differs from the README at {difference}\n{body}");
    }

    private string Localise(string text) => text.Replace(ReadmeBaseUrl, app.BaseUrl, StringComparison.Ordinal);

    private static (string Head, string Body) SplitHead(string text)
    {
        var blank = text.IndexOf("\n\n", StringComparison.Ordinal);
        return blank < 0 ? (text, "") : (text[..blank], text[(blank + 2)..]);
    }

    private sealed record Result(int ExitCode, string Stdout, string Stderr, IReadOnlyList<int> Statuses);

    /// <summary>
    /// One reader's shell: each example runs in a new bash that first restores the variables the
    /// earlier examples set (TOKEN, PLAN, …) and saves its own afterwards.
    /// </summary>
    private sealed class BashSession(AppProcess app)
    {
        private const string StatusMark = "readme-http-status ";
        private readonly string _state = Path.Combine(Path.GetTempPath(), $"mp-readme-{Guid.NewGuid():N}.sh");
        private readonly SortedSet<string> _variables = [];

        public async Task<Result> RunAsync(ReadmeExample example)
        {
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(example.Script, @"(?m)^\s*([A-Z][A-Z0-9_]*)="))
                _variables.Add(m.Groups[1].Value);
            // The README's commands, with two differences a reader would not notice: the app's
            // real address instead of localhost:5000, and the already built program instead of
            // `dotnet run --project` (which would build it again). curl reports each status on
            // stderr, so the examples' own output stays exactly what the reader sees.
            var script = string.Join('\n',
                "set -euo pipefail",
                $"[ -f '{_state}' ] && source '{_state}'",
                $"curl() {{ command /usr/bin/curl -w '%{{stderr}}{StatusMark}%{{http_code}}\\n' \"$@\"; }}",
                example.Script.Replace(ReadmeBaseUrl, app.BaseUrl, StringComparison.Ordinal)
                    .Replace(ReadmeAdminCommand, $"dotnet '{AppProcess.Dll}'", StringComparison.Ordinal),
                $"declare -p {string.Join(' ', _variables)} > '{_state}'");
            var start = new ProcessStartInfo("/bin/bash", ["-c", script])
            {
                WorkingDirectory = Tools.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var (key, value) in app.DatabaseSettings) start.Environment[key] = value;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{example} did not finish within 2 minutes.");
            }
            var errors = await stderr;
            var statuses = errors.Split('\n').Where(l => l.StartsWith(StatusMark, StringComparison.Ordinal))
                .Select(l => int.Parse(l[StatusMark.Length..].Trim())).ToList();
            return new Result(process.ExitCode, await stdout, errors, statuses);
        }
    }
}

public sealed class ReadmeCurlExamplesTests_Sqlite(SqliteAppProcess app) : ReadmeCurlExamplesTests(app), IClassFixture<SqliteAppProcess>;
public sealed class ReadmeCurlExamplesTests_Postgres(PostgresAppProcess app) : ReadmeCurlExamplesTests(app), IClassFixture<PostgresAppProcess>;
