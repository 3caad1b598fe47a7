using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.SignOff;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.SignOff;

/// <summary>The seller's sign-off page: where it stands, the difference from the baseline, requesting and signing.</summary>
public sealed class SignOffPageModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public SignOffContext? Sign { get; private set; }
    public List<SellerRef> Sellers { get; private set; } = [];
    public SignOffRequestInput RequestDraft { get; private set; } = new();
    public SignatureInput SignatureDraft { get; private set; } = new();
    public FieldErrors RequestErrors { get; private set; } = new();
    public FieldErrors SignErrors { get; private set; } = new();
    public SignOffCancelInput CancelDraft { get; private set; } = new();
    public FieldErrors CancelErrors { get; private set; } = new();
    /// <summary>Why a signature was not taken (stale version, no open request…).</summary>
    public string? Refusal { get; private set; }
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    public Guid Me => HttpContext.Seller().UserId;

    /// <summary>The caller's own unsigned place in the open request, if the request can still be signed.</summary>
    public SignOffSigner? MySignature => Sign?.State is { Open: { } open } s && open.ContentHash == s.CurrentHash
        ? open.Signers.FirstOrDefault(x => x.Side == Side.Seller && x.UserId == Me && !x.HasSigned) : null;

    public Task<IActionResult> OnGetAsync(Guid planId) => LoadAsync(planId);

    /// <summary>The canonical signed content, to verify a hash with any SHA-256 tool.</summary>
    public async Task<IActionResult> OnGetContentAsync(Guid planId, int? round)
    {
        var ctx = await SignOffCommands.LoadAsync(db, HttpContext.Seller(), planId, ct: HttpContext.RequestAborted);
        if (ctx is null) return NotFound();
        var text = round is null ? SignedContent.Render(ctx.Plan, ctx.OwnerName) : ctx.State.Rounds.FirstOrDefault(r => r.Number == round)?.Content;
        if (text is null) return NotFound();
        return File(System.Text.Encoding.UTF8.GetBytes(text), "application/json; charset=utf-8",
            PlanDocumentsName(ctx.Plan.Title, round is null ? "-signed-content.json" : $"-sign-off-round-{round}.json"));
    }

    public async Task<IActionResult> OnPostRequestAsync(Guid planId, [FromForm] SignOffRequestInput input)
    {
        input.StakeholderIds ??= [];
        input.UserIds ??= [];
        var outcome = await SignOffCommands.RequestAsync(db, HttpContext.Seller(), planId, input, clock, HttpContext.RequestAborted);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk)
        {
            TempData["signoff"] = $"Sign-off requested from {Names(outcome.Value!)}.";
            return RedirectToPage(new { planId });
        }
        RequestDraft = input;
        RequestErrors = outcome.Errors!;
        Response.StatusCode = 400;
        return await LoadAsync(planId, keepDrafts: true);
    }

    /// <summary>Ask the signers of the last request to accept the plan as it is now.</summary>
    public async Task<IActionResult> OnPostReacceptAsync(Guid planId, string? message)
    {
        var outcome = await SignOffCommands.RequestAsync(db, HttpContext.Seller(), planId, new SignOffRequestInput { Message = message }, clock, HttpContext.RequestAborted);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk) TempData["signoff"] = $"Re-acceptance requested from {Names(outcome.Value!)}.";
        else TempData["signoff-error"] = string.Join(" ", outcome.Errors!.Values.SelectMany(v => v));
        return RedirectToPage(new { planId });
    }

    /// <summary>Withdraw the open request; the reason (optional) goes into the trail.</summary>
    public async Task<IActionResult> OnPostCancelAsync(Guid planId, [FromForm] SignOffCancelInput input)
    {
        var outcome = await SignOffCommands.CancelAsync(db, HttpContext.Seller(), planId, input, clock, HttpContext.RequestAborted);
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound:
                return NotFound();
            case OutcomeKind.Ok:
                TempData["signoff"] = $"Round {outcome.Value!.Number} is cancelled: nobody can sign it any more. It stays in the signing trail.";
                return RedirectToPage(new { planId });
            case OutcomeKind.Conflict:
                TempData["signoff-error"] = outcome.Current as string;
                return RedirectToPage(new { planId });
            default:
                CancelDraft = input;
                CancelErrors = outcome.Errors!;
                Response.StatusCode = 400;
                return await LoadAsync(planId);
        }
    }

    public async Task<IActionResult> OnPostSignAsync(Guid planId, [FromForm] SignatureInput input)
    {
        var me = HttpContext.Seller();
        var outcome = await SignOffCommands.SignAsync(db, me, planId, input,
            round => round.Signers.FirstOrDefault(s => s.Side == Side.Seller && s.UserId == me.UserId),
            "You are not among the signers of this request.", SignatureOrigin.Of(HttpContext), clock, HttpContext.RequestAborted);
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound:
                return NotFound();
            case OutcomeKind.Ok:
                TempData["signoff"] = "You signed the plan. Your signature is in the certificate below.";
                return RedirectToPage(new { planId });
            case OutcomeKind.Conflict:
                Refusal = (outcome.Current as SignRefusal)?.Detail;
                Response.StatusCode = 409;
                break;
            case OutcomeKind.Forbidden:
                Refusal = outcome.Errors!.For("");
                Response.StatusCode = 403;
                break;
            default:
                SignErrors = outcome.Errors!;
                Response.StatusCode = 400;
                break;
        }
        SignatureDraft = input;
        return await LoadAsync(planId, keepDrafts: true);
    }

    private async Task<IActionResult> LoadAsync(Guid planId, bool keepDrafts = false)
    {
        var user = HttpContext.Seller();
        Sign = await SignOffCommands.LoadAsync(db, user, planId, ct: HttpContext.RequestAborted);
        if (Sign is null) return NotFound();
        Sellers = await db.SellersAsync(user, HttpContext.RequestAborted);
        if (!keepDrafts)
        {
            // Prefill: the people of the last request, or the buyer's champion and the plan owner.
            var last = Sign.State.Rounds.LastOrDefault();
            RequestDraft = new SignOffRequestInput
            {
                StakeholderIds = last?.Signers.Where(s => s.StakeholderId is not null).Select(s => s.StakeholderId!.Value).ToList()
                    ?? Sign.Plan.Stakeholders.Where(s => s.Side == Side.Buyer && s.Role == StakeholderRole.Champion).Select(s => s.Id).ToList(),
                UserIds = last?.Signers.Where(s => s.UserId is not null).Select(s => s.UserId!.Value).ToList()
                    ?? (Sign.Plan.OwnerId is { } o ? [o] : []),
            };
        }
        return Page();
    }

    private static string Names(SignOffRound r) => string.Join(", ", r.Signers.Select(s => s.Name));

    private static string PlanDocumentsName(string title, string suffix) =>
        new string(title.Select(ch => char.IsLetterOrDigit(ch) ? ch : '-').ToArray()).Trim('-').ToLowerInvariant() + suffix;
}

/// <summary>The signing certificate for the seller: every round, every signature, printable.</summary>
public sealed class CertificatePageModel(AppDbContext db) : PageModel
{
    public SignOffContext? Sign { get; private set; }
    public string SellerCompany { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid planId)
    {
        var user = HttpContext.Seller();
        Sign = await SignOffCommands.LoadAsync(db, user, planId, ct: HttpContext.RequestAborted);
        if (Sign is null) return NotFound();
        SellerCompany = await SignOffCommands.WorkspaceNameAsync(db, user.WorkspaceId, HttpContext.RequestAborted);
        return Page();
    }
}

/// <summary>What the certificate shows: the plan's sign-off state and the seller's company name.</summary>
public sealed record CertificateView(SignOffContext Sign, string SellerCompany);
