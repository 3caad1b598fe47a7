using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Documents;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.SignOff;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Features.Sharing;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.SignOff;

/// <summary>
/// Sign-off through the buyer's link: the plan as the buyer sees it (no internal items), the open
/// request, a signature form for the buyer signers who have not signed yet, and the signing trail.
/// Any link may be used to sign (the signer proves who they are by typing their full name); a
/// personal link signs only as its own stakeholder.
/// </summary>
public abstract class BuyerLinkPage(AppDbContext db, TimeProvider clock) : PageModel
{
    public SignOffContext? Sign { get; private set; }
    public string WorkspaceName { get; private set; } = "";
    public string Token { get; private set; } = "";
    protected AppDbContext Db => db;
    protected TimeProvider Clock => clock;
    protected BuyerSession? Session { get; private set; }
    protected WorkspaceUser? Scope => Session?.Scope;

    /// <summary>
    /// Loads the plan's sign-off for the link visitor of this request. The link middleware has
    /// already answered unknown, revoked and expired links (404, 429 after repeated guesses) and
    /// sent visitors who have not passed the link's gate to it; null means go on.
    /// </summary>
    protected async Task<IActionResult?> OpenAsync()
    {
        Session = HttpContext.BuyerSession();
        if (Session is null) return NotFound();
        Token = Session.Token;
        Sign = await SignOffCommands.LoadAsync(db, Session.Scope, Session.PlanId, ct: HttpContext.RequestAborted);
        if (Sign is null) return NotFound();
        WorkspaceName = await SignOffCommands.WorkspaceNameAsync(db, Session.WorkspaceId, HttpContext.RequestAborted);
        return null;
    }
}

public sealed class BuyerSignOffModel(AppDbContext db, TimeProvider clock) : BuyerLinkPage(db, clock)
{
    public DocumentModel? Document { get; private set; }
    public SignatureInput Draft { get; private set; } = new();
    public FieldErrors Errors { get; private set; } = new();
    public string? Refusal { get; private set; }
    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The buyer signers this visitor may sign as: every unsigned buyer signer of a request that can
    /// still be signed, or only their own place when the link is personal to a stakeholder.
    /// </summary>
    public List<SignOffSigner> Signable()
    {
        if (Sign?.State is not { Open: { } open } state || open.ContentHash != state.CurrentHash) return [];
        var personal = PersonalStakeholder();
        return open.Signers.Where(s => s.Side == Side.Buyer && !s.HasSigned && (personal is null || s.StakeholderId == personal)).ToList();
    }

    /// <summary>The stakeholder a personal buyer link belongs to (its "BuyerLink" sign-in), if any.</summary>
    private Guid? PersonalStakeholder() => Session?.Link.StakeholderId ?? Session?.StakeholderId;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await OpenAsync() is { } fail) return fail;
        BuildDocument();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm] SignatureInput input)
    {
        if (await OpenAsync() is { } fail) return fail;
        var allowed = Signable().Select(s => s.Id).ToHashSet();
        if (input.SignerId is null && allowed.Count == 1) input.SignerId = allowed.Single();
        Outcome<SignOffSigner> outcome;
        if (input.SignerId is null && allowed.Count > 1)
            outcome = Outcome<SignOffSigner>.Invalid("signerId", "Choose who you are.");
        else
            outcome = await SignOffCommands.SignAsync(Db, Scope!, Sign!.Plan.Id, input,
                round => round.Signers.FirstOrDefault(s => s.Id == input.SignerId && s.Side == Side.Buyer && (PersonalStakeholder() is not { } p || s.StakeholderId == p)),
                "Choose one of the buyer's signers of this request.", SignatureOrigin.Of(HttpContext), Clock, HttpContext.RequestAborted);
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound:
                return NotFound();
            case OutcomeKind.Ok:
                TempData["signoff"] = $"Thank you, {outcome.Value!.SignedName}: your signature is recorded below.";
                return Redirect($"/p/{Token}/sign-off");
            case OutcomeKind.Conflict:
                Refusal = (outcome.Current as SignRefusal)?.Detail;
                Response.StatusCode = 409;
                break;
            case OutcomeKind.Forbidden:
                Errors = new FieldErrors().Add("signerId", outcome.Errors!.For("") ?? "Choose who you are.");
                Response.StatusCode = 400;
                break;
            default:
                Errors = outcome.Errors!;
                Response.StatusCode = 400;
                break;
        }
        Draft = input;
        // The state may have moved on (someone signed meanwhile): show it as it is now.
        if (await OpenAsync() is { } gone) return gone;
        BuildDocument();
        return Page();
    }

    private void BuildDocument()
    {
        var plan = Sign!.Plan;
        Document = DocumentBuilder.Build(plan, Audience.Buyer, Today, Sign.OwnerName, Currencies.Format(plan.DealValue, plan.Currency))
            with { SellerCompany = WorkspaceName };
        Document = SignOffBlock.Apply(Document, Sign.State);
    }
}

/// <summary>The signing certificate for the buyer, printable: the trail only, nothing internal.</summary>
public sealed class BuyerCertificateModel(AppDbContext db, TimeProvider clock) : BuyerLinkPage(db, clock)
{
    public async Task<IActionResult> OnGetAsync() => await OpenAsync() ?? Page();
}
