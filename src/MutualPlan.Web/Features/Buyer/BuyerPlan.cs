using MutualPlan.Planning.Plans;

namespace MutualPlan.Web.Features.Buyer;

public sealed record BuyerAction(Guid Id, Guid MilestoneId, string Milestone, string Description, Side Side, Guid? AssigneeId, string Who,
    DateOnly? Due, ActionStatus Status, DateOnly? CompletedOn, string? Notes, int Version, bool Overdue)
{
    public bool IsDone => Status == ActionStatus.Done;
    /// <summary>Buyer-side items are the ones a link with edit permission may change.</summary>
    public bool IsBuyerSide => Side != Side.Seller;
}

public sealed record BuyerMilestone(Guid Id, string Title, string? Description, DateOnly Target, DateOnly? Baseline, MilestoneStatus Status,
    OwnerSide Owner, string? Bridge, DateOnly? CompletedOn, IReadOnlyList<BuyerAction> Actions, DateProposal? OpenProposal)
{
    public bool IsDone => Status == MilestoneStatus.Done;
}

public sealed record BuyerPerson(Guid Id, string Name, string? Title, StakeholderRole Role, BuyIn BuyIn, Side Side, int Version);

/// <summary>
/// The plan as a link visitor sees it, built from the whole plan with every internal item left
/// out here, once: internal actions and risks, the internal notes and the seller's stakeholders'
/// contact details never reach the page. "Your next actions" are the open actions assigned to the
/// identified stakeholder.
/// </summary>
public sealed record BuyerPlan(string Title, string BuyerCompany, string Solution,
    IReadOnlyList<BuyerMilestone> Milestones, IReadOnlyList<BuyerAction> Yours, IReadOnlyList<BuyerAction> UpNext,
    IReadOnlyList<BuyerPerson> BuyerPeople, IReadOnlyList<BuyerPerson> SellerPeople, DateOnly Today)
{
    public int MilestonesDone => Milestones.Count(m => m.IsDone);
    public IEnumerable<BuyerAction> AllActions => Milestones.SelectMany(m => m.Actions);
    public int ActionsDone => AllActions.Count(a => a.IsDone);
    public int ActionsTotal => AllActions.Count();
    public BuyerMilestone? NextMilestone => Milestones.Where(m => !m.IsDone).OrderBy(m => m.Target).FirstOrDefault();
    public IReadOnlyList<BuyerMilestone> DoneMilestones => [.. Milestones.Where(m => m.IsDone).OrderByDescending(m => m.CompletedOn ?? m.Target)];
    public IReadOnlyList<BuyerAction> RecentlyDone => [.. AllActions.Where(a => a.IsDone).OrderByDescending(a => a.CompletedOn).Take(5)];

    public static int Percent(int done, int total) => total == 0 ? 0 : (int)Math.Round(100.0 * done / total);

    public static BuyerPlan Build(Plan plan, DateOnly today, Guid? stakeholderId, string sellerCompany, IEnumerable<DateProposal> openProposals)
    {
        var people = plan.Stakeholders.ToDictionary(s => s.Id);
        var proposals = openProposals.Where(p => p.IsOpen).GroupBy(p => p.MilestoneId).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.ProposedAt).First());
        string Who(ActionItem a) =>
            a.AssigneeId is { } id && people.TryGetValue(id, out var s) ? s.Name
            : a.Side == Side.Seller ? sellerCompany : a.Side == Side.Partner ? "Partner" : plan.BuyerCompany;

        var milestones = plan.Milestones.OrderBy(m => m.TargetDate).ThenBy(m => m.Position).Select(m => new BuyerMilestone(
            m.Id, m.Title, m.Description, m.TargetDate, m.BaselineDate, m.Status, m.Owner, m.Bridge, m.CompletedOn,
            [.. m.Actions.Where(a => !a.IsInternal).OrderBy(a => a.Position).Select(a => new BuyerAction(
                a.Id, m.Id, m.Title, a.Description, a.Side, a.AssigneeId, Who(a), a.DueDate, a.Status, a.CompletedOn, a.Notes, a.Version,
                a.Status != ActionStatus.Done && a.DueDate is { } d && d < today))],
            proposals.GetValueOrDefault(m.Id))).ToList();
        var open = milestones.SelectMany(m => m.Actions).Where(a => !a.IsDone).ToList();
        var yours = stakeholderId is { } me ? open.Where(a => a.AssigneeId == me).OrderBy(a => a.Due ?? DateOnly.MaxValue).ToList() : [];
        var next = open.OrderBy(a => a.Due ?? DateOnly.MaxValue).ThenBy(a => a.Milestone).Take(6).ToList();
        BuyerPerson P(Stakeholder s) => new(s.Id, s.Name, s.Title, s.Role, s.BuyIn, s.Side, s.Version);
        return new BuyerPlan(plan.Title, plan.BuyerCompany, plan.Solution, milestones, yours, next,
            [.. plan.Stakeholders.Where(s => s.Side != Side.Seller).OrderBy(s => s.Position).Select(P)],
            [.. plan.Stakeholders.Where(s => s.Side == Side.Seller).OrderBy(s => s.Position).Select(P)], today);
    }
}
