using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Documents;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Features.Sharing;
using MutualPlan.Web.Infrastructure;
using MutualPlan.Web.Infrastructure.Email;
using MutualPlan.Planning.Plans;

namespace MutualPlan.Web.Features.Buyer;

/// <summary>
/// The plan as the buyer sees it through a link: the buyer-audience document (built without any
/// internal item). The link itself was checked by <see cref="BuyerLinkMiddleware"/>; a visitor who
/// has not passed the link's gate yet (PIN) gets the gate instead of the plan.
/// </summary>
public sealed class BuyerViewModel(AppDbContext db, TimeProvider clock, GuessGuard guard, IMailSender mail, ILogger<BuyerViewModel> log) : PageModel
{
    /// <summary>The code step of an e-mail gate: the challenge to answer and where the code went.</summary>
    public LinkChallenge? CodeChallenge { get; private set; }
    public string? GateName { get; private set; }
    public string? GateEmail { get; private set; }
    public DocumentModel? Document { get; private set; }
    public BuyerPlan? View { get; private set; }
    public Settings.Brand Brand { get; private set; } = new("", null, null);
    public string WorkspaceName => Brand.Name;
    /// <summary>Which item a failed edit was about (its form shows the errors), and a message after a change.</summary>
    public Guid? ErrorItem { get; private set; }
    public string? Flash { get; private set; }
    public object? Draft { get; private set; }
    public string BuyerCompany { get; private set; } = "";
    public int Done { get; private set; }
    /// <summary>The plan's revision as rendered (live updates compare it).</summary>
    public int Revision { get; private set; }
    public BuyerSession? Session { get; private set; }
    public LinkVisit? Visit { get; private set; }
    public FieldErrors Errors { get; private set; } = new();
    /// <summary>Where the plan's sign-off stands, for the notice that leads to signing.</summary>
    public Planning.SignOff.SignOffState? SignOff { get; private set; }
    /// <summary>A seller of the plan's workspace previewing the link: their views are not counted as the buyer's.</summary>
    public bool IsOwnSeller { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        Visit = HttpContext.Visit();
        if (Visit is null) return NotFound();
        Session = Visit.Session;
        if (Session is null) return await GateAsync();
        // A live refresh of an open page (see live.js) is not another view.
        if (!Request.Headers.ContainsKey("X-Live-Refresh"))
        {
            Visit.Link.Views++;
            await db.SaveChangesAsync();
        }
        IsOwnSeller = await Engagement.EngagementRecorder.IsOwnSellerAsync(HttpContext, Session.WorkspaceId);
        // A seller previewing their own link, or an open page refreshing itself after a live update, is no new view.
        if (!IsOwnSeller && !Request.Headers.ContainsKey("X-Live-Refresh"))
            await Engagement.EngagementRecorder.RecordViewAsync(db, Session, clock.GetUtcNow(), HttpContext.RequestAborted);
        return await PlanAsync();
    }

    public async Task<IActionResult> OnPostPinAsync(string token, [FromForm] string? pin)
    {
        Visit = HttpContext.Visit();
        if (Visit is null) return NotFound();
        if (Visit.Session is not null) return Redirect(Visit.Session.BasePath);
        if (Visit.Link.RequiresEmail) return await GateAsync();
        if (!LinkGate.CheckPin(HttpContext, Visit.Link, pin, guard))
        {
            Errors.Add("pin", "That PIN is not right. Check it with the person who shared the plan.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await GateAsync();
        }
        await LinkGate.SignInAsync(HttpContext, db, Visit.Link, Visit.WorkspaceId, Visit.Token, null, null, clock.GetUtcNow());
        return Redirect("/p/" + Visit.Token);
    }

    /// <summary>E-mail gate, step 1: name, address (and PIN): sends the code.</summary>
    public async Task<IActionResult> OnPostEmailAsync(string token, [FromForm] string? name, [FromForm] string? email, [FromForm] string? pin)
    {
        Visit = HttpContext.Visit();
        if (Visit is null) return NotFound();
        if (Visit.Session is not null) return Redirect(Visit.Session.BasePath);
        if (!Visit.Link.RequiresEmail) return await GateAsync();
        (GateName, GateEmail) = (name, email);
        var started = await LinkGate.StartAsync(HttpContext, db, mail, guard, Visit.Link, name, email, pin, clock.GetUtcNow(), log);
        if (started.IsOk) CodeChallenge = started.Value;
        else { Errors = started.Errors!; Response.StatusCode = StatusCodes.Status400BadRequest; }
        return await GateAsync();
    }

    /// <summary>E-mail gate, step 2: the 6-digit code.</summary>
    public async Task<IActionResult> OnPostCodeAsync(string token, [FromForm] Guid? challengeId, [FromForm] string? code)
    {
        Visit = HttpContext.Visit();
        if (Visit is null) return NotFound();
        if (Visit.Session is not null) return Redirect(Visit.Session.BasePath);
        var verified = await LinkGate.VerifyAsync(HttpContext, db, guard, Visit, challengeId, code, clock.GetUtcNow());
        if (verified.IsOk) return Redirect("/p/" + Visit.Token);
        Errors = verified.Errors!;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        CodeChallenge = challengeId is { } id ? await db.LinkChallenges.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.LinkId == Visit.Link.Id) : null;
        if (CodeChallenge is not null && !CodeChallenge.IsUsable(clock.GetUtcNow()))
        {
            (GateName, GateEmail) = (CodeChallenge.Name, CodeChallenge.Email);
            CodeChallenge = null;
        }
        return await GateAsync();
    }

    private async Task<IActionResult> GateAsync()
    {
        await HeaderAsync(Visit!.Link.PlanId, Visit.WorkspaceId);
        return Page();
    }

    private async Task HeaderAsync(Guid planId, Guid workspaceId)
    {
        Brand = await Settings.Brand.LoadAsync(db, workspaceId);
        // A logo may live at an https address elsewhere.
        Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
        BuyerCompany = await db.Plans.Where(p => p.Id == planId).Select(p => p.BuyerCompany).SingleAsync();
    }

    private async Task<IActionResult> PlanAsync()
    {
        var s = Session!;
        var whole = await db.LoadWholePlanAsync(s.Scope, s.PlanId, HttpContext.RequestAborted, readOnly: true);
        if (whole is null) return NotFound();
        await HeaderAsync(s.PlanId, s.WorkspaceId);
        var owner = await db.Users.Where(u => u.Id == whole.OwnerId).Select(u => u.DisplayName).SingleOrDefaultAsync();
        SignOff = await Features.SignOff.SignOffCommands.StateOfAsync(db, whole, owner ?? "");
        Document = Planning.SignOff.SignOffBlock.Apply(DocumentBuilder.Build(whole, Audience.Buyer, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
            owner ?? "", Currencies.Format(whole.DealValue, whole.Currency)), SignOff);
        Revision = whole.Revision;
        Done = whole.Milestones.Count(m => m.Status == Planning.Plans.MilestoneStatus.Done);
        var proposals = await db.DateProposals.AsNoTracking().Where(p => p.PlanId == s.PlanId && p.Status == DateProposalStatus.Open).ToListAsync();
        View = BuyerPlan.Build(whole, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), s.StakeholderId, Brand.Name, proposals);
        Flash ??= TempData["buyer"] as string;
        return Page();
    }

    // Buyer edits: only with an edit link; each answers with the page again (errors beside the item) or a redirect.

    private BuyerSession? Editor(out IActionResult? refusal)
    {
        refusal = null;
        var s = HttpContext.BuyerSession();
        Visit = HttpContext.Visit();
        Session = s;
        if (s is null) refusal = Visit is null ? NotFound() : Redirect("/p/" + Visit.Token);
        else if (!s.CanEdit) refusal = StatusCode(StatusCodes.Status403Forbidden);
        return s;
    }

    private async Task<IActionResult> AfterAsync<T>(Outcome<T> outcome, Guid item, string anchor, string ok, object? draft)
    {
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound: return NotFound();
            case OutcomeKind.Ok:
                TempData["buyer"] = ok;
                return Redirect($"{Session!.BasePath}#{anchor}");
            case OutcomeKind.Conflict:
                Flash = "Someone changed this while you were looking at it. The latest version is shown; please try again.";
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            default:
                (Errors, ErrorItem, Draft) = (outcome.Errors!, item, draft);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }
        return await PlanAsync();
    }

    public async Task<IActionResult> OnPostDoneAsync(string token, [FromForm] Guid actionId, [FromForm] bool done, [FromForm] int? version)
    {
        var s = Editor(out var refusal);
        if (refusal is not null) return refusal;
        var outcome = await BuyerEdits.SetDoneAsync(db, s!, actionId, done, version, clock, HttpContext.RequestAborted);
        return await AfterAsync(outcome, actionId, "a-" + actionId, done ? "Marked as done. Thank you!" : "Reopened.", null);
    }

    public async Task<IActionResult> OnPostActionAsync(string token, [FromForm] Guid actionId, [FromForm] BuyerActionInput input)
    {
        var s = Editor(out var refusal);
        if (refusal is not null) return refusal;
        var unreadable = BindingMessages.From(ModelState);
        var outcome = unreadable.Count > 0 ? Outcome<ActionItem>.Invalid(unreadable)
            : await BuyerEdits.UpdateActionAsync(db, s!, actionId, input, clock, HttpContext.RequestAborted);
        return await AfterAsync(outcome, actionId, "a-" + actionId, "Action saved.", input);
    }

    public async Task<IActionResult> OnPostProposeAsync(string token, [FromForm] Guid milestoneId, [FromForm] DateProposals.ProposeDateInput input)
    {
        var s = Editor(out var refusal);
        if (refusal is not null) return refusal;
        var unreadable = BindingMessages.From(ModelState);
        var outcome = unreadable.Count > 0 ? Outcome<DateProposal>.Invalid(unreadable)
            : await BuyerEdits.ProposeDateAsync(db, s!, milestoneId, input, clock, HttpContext.RequestAborted);
        return await AfterAsync(outcome, milestoneId, "m-" + milestoneId, "Your new date is proposed: the seller's team accepts or answers it.", input);
    }

    public async Task<IActionResult> OnPostRespondAsync(string token, [FromForm] Guid proposalId, [FromForm] Guid milestoneId, [FromForm] DateProposals.RespondInput input)
    {
        var s = Editor(out var refusal);
        if (refusal is not null) return refusal;
        var unreadable = BindingMessages.From(ModelState);
        var outcome = unreadable.Count > 0 ? Outcome<DateProposal>.Invalid(unreadable)
            : await BuyerEdits.RespondAsync(db, s!, proposalId, input, clock, HttpContext.RequestAborted);
        return await AfterAsync(outcome, milestoneId, "m-" + milestoneId, "Your answer is recorded.", input);
    }

    public async Task<IActionResult> OnPostBuyInAsync(string token, [FromForm] Guid stakeholderId, [FromForm] BuyIn? buyIn, [FromForm] int? version)
    {
        var s = Editor(out var refusal);
        if (refusal is not null) return refusal;
        var outcome = await BuyerEdits.SetBuyInAsync(db, s!, stakeholderId, buyIn, version, HttpContext.RequestAborted);
        return await AfterAsync(outcome, stakeholderId, "people", "Buy-in updated.", null);
    }

    public async Task<IActionResult> OnPostPersonAsync(string token, [FromForm] BuyerStakeholderInput input)
    {
        var s = Editor(out var refusal);
        if (refusal is not null) return refusal;
        var unreadable = BindingMessages.From(ModelState);
        var outcome = unreadable.Count > 0 ? Outcome<Stakeholder>.Invalid(unreadable)
            : await BuyerEdits.AddStakeholderAsync(db, s!, input, HttpContext.RequestAborted);
        return await AfterAsync(outcome, Guid.Empty, "people", $"{input.Name?.Trim()} is added to the plan.", input);
    }
}
