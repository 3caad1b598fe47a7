using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Planning.Documents;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Documents;

/// <summary>CSV exports of a plan's milestones, actions, stakeholders and risks, for the API and the browser.</summary>
public static class CsvExports
{
    public static async Task<IResult> ResultAsync(AppDbContext db, WorkspaceUser user, Guid planId, string kind, CancellationToken ct)
    {
        if (!Enum.TryParse<CsvKind>(kind, ignoreCase: true, out var k) || !Enum.IsDefined(k))
            return ApiResults.NotFound("Export milestones, actions, stakeholders or risks.");
        var plan = await db.LoadWholePlanAsync(user, planId, ct, readOnly: true);
        if (plan is null) return ApiResults.NotFound();
        var name = PlanDocuments.FileName(plan.Title, $"-{k.ToString().ToLowerInvariant()}.csv");
        return Results.File(System.Text.Encoding.UTF8.GetBytes(CsvExport.Write(plan, k)), "text/csv; charset=utf-8", name);
    }
}

public sealed class CsvExportApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/plans/{planId:guid}/export/{kind}", (Guid planId, string kind, HttpContext http, AppDbContext db, CancellationToken ct) =>
                CsvExports.ResultAsync(db, http.Seller(), planId, kind, ct))
            .WithTags("Documents").WithName("ExportCsv")
            .WithSummary("One of the plan's lists as CSV: milestones, actions, stakeholders or risks.")
            .Produces<string>(200, "text/csv").ProducesProblem(404);
}

/// <summary>The same exports for a signed-in seller in the browser.</summary>
public sealed class CsvExportPageModel(AppDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid planId, string kind)
    {
        var result = await CsvExports.ResultAsync(db, HttpContext.Seller(), planId, kind, HttpContext.RequestAborted);
        await result.ExecuteAsync(HttpContext);
        return new EmptyResult();
    }
}
