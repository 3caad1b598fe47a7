using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Documents;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Documents.Pdf;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Documents;

/// <summary>The plan document for the caller's plan, for one audience.</summary>
public static class PlanDocuments
{
    public static async Task<DocumentModel?> BuildAsync(AppDbContext db, WorkspaceUser user, Guid planId, Audience audience, TimeProvider clock, CancellationToken ct = default)
    {
        var data = await PlanPageData.LoadAsync(db, user, planId, clock, ct);
        if (data is null) return null;
        var plan = data.Plan;
        var seller = await db.Workspaces.Where(w => w.Id == user.WorkspaceId).Select(w => w.Name).SingleAsync(ct);
        var doc = DocumentBuilder.Build(plan, audience, data.Today, data.SellerName(plan.OwnerId), Currencies.Format(plan.DealValue, plan.Currency))
            with { SellerCompany = seller };
        var owner = data.Sellers.FirstOrDefault(s => s.Id == plan.OwnerId)?.Name ?? "";
        return Planning.SignOff.SignOffBlock.Apply(doc, await SignOff.SignOffCommands.StateOfAsync(db, plan, owner, ct));
    }

    /// <summary>"Northwind: rollout" → "northwind--rollout" + extension: safe in any file system.</summary>
    /// <summary>"Northwind: finance automation" → "northwind-finance-automation.pdf": one hyphen between words.</summary>
    public static string FileName(string title, string extension)
    {
        var name = new System.Text.StringBuilder();
        foreach (var ch in title)
        {
            if (char.IsLetterOrDigit(ch)) name.Append(char.ToLowerInvariant(ch));
            else if (name.Length > 0 && name[^1] != '-') name.Append('-');
        }
        var text = name.ToString().TrimEnd('-');
        return (text.Length == 0 ? "plan" : text) + extension;
    }

    /// <summary>"buyer" or "seller" from a query string; anything else is a field error.</summary>
    public static bool TryAudience(string? value, out Audience audience) =>
        Enum.TryParse(value ?? "seller", ignoreCase: true, out audience) && Enum.IsDefined(audience);
}

public sealed class DocumentsApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/plans/{planId:guid}/document", async (Guid planId, string? format, string? audience, HttpContext http, AppDbContext db, TimeProvider clock, IConfiguration config, CancellationToken ct) =>
            {
                var errors = new FieldErrors();
                if (!PlanDocuments.TryAudience(audience, out var who)) errors.Add("audience", "Choose seller (everything) or buyer (without internal items).");
                if (format is not (null or "markdown" or "text" or "pdf")) errors.Add("format", "Choose markdown, text or pdf.");
                if (errors.Count > 0) return (IResult)ApiResults.Invalid(errors);
                if (format == "pdf" && !PdfSupport.IsEnabled(config)) return ApiResults.NotFound("PDF documents are not enabled on this server (setting Pdf:License).");
                var doc = await PlanDocuments.BuildAsync(db, http.Seller(), planId, who, clock, ct);
                if (doc is null) return ApiResults.NotFound();
                return format switch
                {
                    "text" => Results.Text(PlainTextWriter.Write(doc), "text/plain; charset=utf-8"),
                    "pdf" => Results.File(PlanPdfWriter.Write(doc, Today(clock)), "application/pdf", PlanDocuments.FileName(doc.Title, ".pdf")),
                    _ => Results.Text(MarkdownWriter.Write(doc), "text/markdown; charset=utf-8"),
                };
            })
            .WithTags("Documents").WithName("GetPlanDocument")
            .WithSummary("The plan document as Markdown, plain text or PDF.")
            .WithDescription("`format`: markdown (default), text or pdf. `audience`: seller (default, everything) or buyer (never contains internal notes, actions or risks).")
            .Produces<string>(200, "text/markdown", "text/plain", "application/pdf").ProducesValidationProblem().ProducesProblem(404);

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}

/// <summary>The print-friendly plan document page, and its Markdown and text downloads.</summary>
public sealed class DocumentPageModel(AppDbContext db, TimeProvider clock, IConfiguration config) : PageModel
{
    public DocumentModel? Document { get; private set; }
    public Guid PlanId { get; private set; }
    public bool PdfAvailable => PdfSupport.IsEnabled(config);

    public async Task<IActionResult> OnGetAsync(Guid planId, string? audience, string? format)
    {
        if (!PlanDocuments.TryAudience(audience, out var who)) return BadRequest();
        PlanId = planId;
        Document = await PlanDocuments.BuildAsync(db, HttpContext.Seller(), planId, who, clock, HttpContext.RequestAborted);
        if (Document is null) return NotFound();
        return format switch
        {
            "markdown" => File(System.Text.Encoding.UTF8.GetBytes(MarkdownWriter.Write(Document)), "text/markdown; charset=utf-8", PlanDocuments.FileName(Document.Title, ".md")),
            "text" => File(System.Text.Encoding.UTF8.GetBytes(PlainTextWriter.Write(Document)), "text/plain; charset=utf-8", PlanDocuments.FileName(Document.Title, ".txt")),
            null => Page(),
            _ => BadRequest(),
        };
    }
}
