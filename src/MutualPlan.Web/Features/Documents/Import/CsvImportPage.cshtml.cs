using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Documents.Import;

/// <summary>
/// Import from CSV in the browser: upload or paste, see every row checked (nothing written), then
/// confirm. The confirmed text travels back in the form and is checked again before it is written.
/// </summary>
public sealed class CsvImportPageModel(AppDbContext db, CsvImporter importer) : PageModel
{
    public Plan? Plan { get; private set; }
    [BindProperty] public ImportKind Kind { get; set; } = ImportKind.Milestones;
    [BindProperty] public string? Csv { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    public ImportResult? Result { get; private set; }
    public FieldErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(Guid planId)
    {
        Plan = await db.FindPlanAsync(HttpContext.Seller(), planId, HttpContext.RequestAborted);
        return Plan is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid planId, [FromForm] bool confirm)
    {
        var user = HttpContext.Seller();
        Plan = await db.FindPlanAsync(user, planId, HttpContext.RequestAborted);
        if (Plan is null) return NotFound();
        if (Upload is { Length: > 0 })
        {
            if (Upload.Length > CsvImportApi.MaxBytes) { Errors.Add("file", "The file is larger than 1 MB; split it into several imports."); return Page(); }
            using var reader = new StreamReader(Upload.OpenReadStream(), Encoding.UTF8);
            Csv = await reader.ReadToEndAsync(HttpContext.RequestAborted);
        }
        if (string.IsNullOrWhiteSpace(Csv))
        {
            Errors.Add("file", "Choose a CSV file, or paste the CSV text below.");
            return Page();
        }
        var outcome = await importer.ImportAsync(db, user, planId, Kind, Csv, confirm, HttpContext.RequestAborted);
        if (!outcome.IsOk) return NotFound();
        Result = outcome.Value;
        if (Result!.Written)
        {
            TempData["drafted"] = $"Imported {Result.Rows.Count} {Labels.Of(Kind).ToLowerInvariant()}.";
            return Redirect($"/plans/{planId}#{(Kind == ImportKind.Stakeholders ? "stakeholders" : "milestones")}");
        }
        return Page();
    }

    /// <summary>The errors of one row, for the preview table.</summary>
    public IEnumerable<ImportError> ErrorsOf(int row) => Result?.Errors.Where(e => e.Row == row) ?? [];
}
