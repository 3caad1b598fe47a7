using System.Text;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Documents.Import;

public sealed record ImportResultDto(string Kind, bool Written, int Rows, IReadOnlyList<ImportRow> Items);

public sealed class CsvImportApi : IApiEndpoints
{
    /// <summary>Large enough for any real plan list, small enough that a wrong upload is refused quickly.</summary>
    public const int MaxBytes = 1_000_000;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/plans/{planId:guid}/import/{kind}", async (Guid planId, string kind, bool? dryRun, HttpContext http, AppDbContext db, CsvImporter importer, CancellationToken ct) =>
            {
                if (!Enum.TryParse<ImportKind>(kind, ignoreCase: true, out var k) || !Enum.IsDefined(k))
                    return ApiResults.NotFound("Import milestones, actions or stakeholders.");
                var (csv, problem) = await ReadBodyAsync(http.Request, ct);
                if (problem is not null) return problem;
                var outcome = await importer.ImportAsync(db, http.Seller(), planId, k, csv!, confirm: dryRun == false, ct);
                return outcome.ToHttp(r => r.IsValid
                    ? TypedResults.Ok(new ImportResultDto(r.Kind.ToString(), r.Written, r.Rows.Count, r.Rows))
                    : Invalid(r));
            })
            .WithTags("Documents").WithName("ImportCsv")
            .WithSummary("Import milestones, actions or stakeholders from CSV (the export's columns).")
            .WithDescription("The body is the CSV text (`Content-Type: text/csv`, UTF-8, a header row). By default (`dryRun=true`) every row is checked and nothing is written; " +
                             "with `dryRun=false` all rows are written, or none when any row is invalid. Invalid rows are a 400 problem whose `errors` name the row and column.")
            .Accepts<string>("text/csv")
            .Produces<ImportResultDto>().ProducesValidationProblem().ProducesProblem(404);

    private static async Task<(string? Csv, IResult? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes) return (null, TooLarge());
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[MaxBytes + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        if (read > MaxBytes) return (null, TooLarge());
        var text = new string(buffer, 0, read);
        return text.Trim().Length == 0
            ? (null, ApiResults.Invalid(new FieldErrors().Add("body", "Send the CSV text as the request body (Content-Type: text/csv).")))
            : (text, null);
    }

    private static IResult TooLarge() =>
        ApiResults.Invalid(new FieldErrors().Add("body", $"The file is larger than {MaxBytes / 1_000_000} MB; split it into several imports."));

    /// <summary>Every bad row as a field error named "row N: Column", so clients can show each beside its row.</summary>
    private static IResult Invalid(ImportResult r)
    {
        var errors = new FieldErrors();
        foreach (var e in r.Errors)
        {
            var key = e.Column is null ? $"row {e.Row}" : $"row {e.Row}: {e.Column}";
            errors[key] = errors.TryGetValue(key, out var m) ? [.. m, e.Message] : [e.Message];
        }
        return TypedResults.ValidationProblem(errors, title: "Some rows cannot be imported; nothing was written.",
            detail: $"{r.Errors.Select(e => e.Row).Distinct().Count()} of {Math.Max(r.Rows.Count, 1)} rows have problems.");
    }
}
