using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace MutualPlan.Web.Infrastructure;

/// <summary>
/// Turns a request body that cannot be read (malformed JSON, a wrong type, an unknown enum value)
/// into a 400 problem that names the offending field, instead of an empty 400 or a 500.
/// </summary>
public sealed partial class BadRequestProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var json = FindJsonException(bad);
        var errors = new FieldErrors();
        string detail;
        if (json is not null)
        {
            var field = FieldFromPath(json.Path);
            detail = json.Path is null or "$"
                ? "The request body is not valid JSON."
                : $"The value of '{field}' is not valid: {Describe(json)}";
            errors.Add(field, detail);
        }
        else if (BindFailure().Match(bad.Message) is { Success: true } m)
        {
            // A query or route value of the wrong type, e.g. ?stage=Haggling or ?page=abc.
            var field = m.Groups["name"].Value;
            detail = $"\"{m.Groups["value"].Value}\" is not a valid value for '{field}'.";
            errors.Add(field, detail);
        }
        else if (bad.Message.Contains("no body was provided", StringComparison.Ordinal))
        {
            detail = "Send the request's fields as a JSON object in the body.";
            errors.Add("body", detail);
        }
        else
        {
            detail = bad.Message;
            errors.Add("body", bad.Message);
        }
        ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = ctx,
            ProblemDetails = new Microsoft.AspNetCore.Http.HttpValidationProblemDetails(errors)
            {
                Status = 400, Title = "The request could not be read.", Detail = detail,
            },
        });
    }

    private static JsonException? FindJsonException(Exception? e)
    {
        for (; e is not null; e = e.InnerException) if (e is JsonException j) return j;
        return null;
    }

    private static string Describe(JsonException e) =>
        e.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? "it has the wrong type or is not one of the allowed values."
            : "it could not be read.";

    /// <summary>"$.milestones[0].targetDate" → "milestones[0].targetDate"; "$" → "body".</summary>
    internal static string FieldFromPath(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    [System.Text.RegularExpressions.GeneratedRegex("parameter \"(?:[^\"]* )?(?<name>\\w+)\" from \"(?<value>[^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex BindFailure();
}
