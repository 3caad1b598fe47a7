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
    public string WorkspaceName { get; private set; } = "";
    public string BuyerCompany { get; private set; } = "";
    public int Done { get; private set; }
    public BuyerSession? Session { get; private set; }
    public LinkVisit? Visit { get; private set; }
    public FieldErrors Errors { get; private set; } = new();
    /// <summary>Where the plan's sign-off stands, for the notice that leads to signing.</summary>
    public Planning.SignOff.SignOffState? SignOff { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        Visit = HttpContext.Visit();
        if (Visit is null) return NotFound();
        Session = Visit.Session;
        if (Session is null) return await GateAsync();
        Visit.Link.Views++;
        await db.SaveChangesAsync();
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
        WorkspaceName = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.Name).SingleAsync();
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
        Done = whole.Milestones.Count(m => m.Status == Planning.Plans.MilestoneStatus.Done);
        return Page();
    }
}
