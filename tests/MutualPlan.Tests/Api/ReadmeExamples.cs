using System.Text.Json;
using System.Text.RegularExpressions;

namespace MutualPlan.Tests.Api;

/// <summary>
/// One shell example of the README's API section: the commands, the HTTP statuses its curl calls
/// must answer (from the invisible <c>&lt;!-- api-example: expect HTTP 201 409 --&gt;</c> comment above
/// it) and, when the README shows one right below it, the response it claims (a <c>json</c> or
/// <c>http</c> block).
/// </summary>
public sealed record ReadmeExample(int Line, string Script, IReadOnlyList<int>? ExpectedStatuses, string? ClaimLanguage, string? Claim)
{
    public override string ToString() => $"README.md line {Line}";
}

public static partial class ReadmeExamples
{
    public const string Section = "## The API";

    /// <summary>Every <c>sh</c> block of the API section, in reading order.</summary>
    public static IReadOnlyList<ReadmeExample> Parse(string readme)
    {
        var lines = readme.Replace("\r\n", "\n").Split('\n');
        var start = Array.IndexOf(lines, Section);
        if (start < 0) throw new InvalidOperationException($"README.md has no \"{Section}\" section.");
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        if (end < 0) end = lines.Length;

        var examples = new List<ReadmeExample>();
        for (var i = start + 1; i < end; i++)
        {
            if (lines[i] != "```sh") continue;
            var (script, after) = Fenced(lines, i);
            var marker = PreviousNonBlank(lines, i);
            var statuses = marker is not null && ExpectHttp().Match(marker) is { Success: true } m
                ? m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList()
                : null;
            if (marker is null || !marker.StartsWith("<!-- api-example:", StringComparison.Ordinal))
                throw new InvalidOperationException($"README.md line {i + 1}: an example of the API section needs an <!-- api-example: … --> comment above it.");

            string? language = null, claim = null;
            var next = after;
            while (next < end && lines[next].Trim().Length == 0) next++;
            if (next < end && lines[next] is "```json" or "```http")
            {
                language = lines[next][3..];
                (claim, _) = Fenced(lines, next);
            }
            examples.Add(new ReadmeExample(i + 1, script, statuses, language, claim));
            i = after - 1;
        }
        return examples;
    }

    /// <summary>The text of the fenced block opening at <paramref name="open"/>, and the line after its closing fence.</summary>
    private static (string Text, int After) Fenced(string[] lines, int open)
    {
        var close = Array.IndexOf(lines, "```", open + 1);
        if (close < 0) throw new InvalidOperationException($"README.md line {open + 1}: the block is not closed.");
        return (string.Join('\n', lines[(open + 1)..close]), close + 1);
    }

    private static string? PreviousNonBlank(string[] lines, int i)
    {
        for (var j = i - 1; j >= 0; j--)
            if (lines[j].Trim().Length > 0) return lines[j].Trim();
        return null;
    }

    [GeneratedRegex(@"expect HTTP ((?:\d{3}\s*)+)")]
    private static partial Regex ExpectHttp();

    /// <summary>
    /// Whether the README's JSON is contained in the actual JSON: every property it shows has the
    /// value shown (objects recursively, arrays item by item from the start). A string with "…"
    /// stands for any non-null value starting with the text before the "…". Returns the first
    /// difference, or null.
    /// </summary>
    public static string? Difference(JsonElement claimed, JsonElement actual, string path = "$")
    {
        switch (claimed.ValueKind)
        {
            case JsonValueKind.Object:
                if (actual.ValueKind != JsonValueKind.Object) return $"{path}: expected an object, got {actual}";
                foreach (var property in claimed.EnumerateObject())
                {
                    if (!actual.TryGetProperty(property.Name, out var value)) return $"{path}.{property.Name}: missing";
                    if (Difference(property.Value, value, $"{path}.{property.Name}") is { } d) return d;
                }
                return null;
            case JsonValueKind.Array:
                if (actual.ValueKind != JsonValueKind.Array) return $"{path}: expected an array, got {actual}";
                if (actual.GetArrayLength() < claimed.GetArrayLength()) return $"{path}: {claimed.GetArrayLength()} items expected, got {actual}";
                for (var k = 0; k < claimed.GetArrayLength(); k++)
                    if (Difference(claimed[k], actual[k], $"{path}[{k}]") is { } d) return d;
                return null;
            case JsonValueKind.String when claimed.GetString()!.Contains('…'):
                var prefix = claimed.GetString()![..claimed.GetString()!.IndexOf('…')];
                return actual.ValueKind != JsonValueKind.Null && actual.ToString().StartsWith(prefix, StringComparison.Ordinal)
                    ? null : $"{path}: expected {claimed}, got {actual.GetRawText()}";
            default:
                return JsonElement.DeepEquals(claimed, actual) ? null : $"{path}: expected {claimed.GetRawText()}, got {actual.GetRawText()}";
        }
    }
}
