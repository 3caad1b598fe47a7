using System.ComponentModel.DataAnnotations;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Features.Items;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Stakeholders;

public sealed class StakeholderInput : IVersionedInput
{
    [Required(ErrorMessage = "Enter the person's name.")]
    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep the name under 200 characters.")]
    public string? Name { get; set; }

    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep the title under 200 characters.")]
    public string? Title { get; set; }

    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep the function under 200 characters.")]
    public string? Function { get; set; }

    [EmailAddress(ErrorMessage = "Enter a valid e-mail address, like name@company.com.")]
    [StringLength(Plan.ShortTextMax)]
    public string? Email { get; set; }

    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep the phone number under 200 characters.")]
    public string? Phone { get; set; }

    [Required(ErrorMessage = "Choose the side this person is on.")]
    public Side? Side { get; set; }

    [Required(ErrorMessage = "Choose the person's role in the deal.")]
    public StakeholderRole? Role { get; set; }

    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep the primary concern under 200 characters.")]
    public string? PrimaryConcern { get; set; }

    public BuyIn? BuyIn { get; set; }

    [StringLength(Plan.LongTextMax, ErrorMessage = "Keep this under 4000 characters.")]
    public string? Involvement { get; set; }

    public EngagementTiming? Engagement { get; set; }
    public DecisionRole? DecisionRole { get; set; }
    public Guid? ReportsToId { get; set; }
    public int? Version { get; set; }

    public static StakeholderInput From(Stakeholder s) => new()
    {
        Name = s.Name, Title = s.Title, Function = s.Function, Email = s.Email, Phone = s.Phone, Side = s.Side,
        Role = s.Role, PrimaryConcern = s.PrimaryConcern, BuyIn = s.BuyIn, Involvement = s.Involvement,
        Engagement = s.Engagement, DecisionRole = s.DecisionRole, ReportsToId = s.ReportsToId, Version = s.Version,
    };
}

public sealed record StakeholderDto(
    Guid Id, int Position, Side Side, string Name, string? Title, string? Function, string? Email, string? Phone,
    StakeholderRole Role, string? PrimaryConcern, BuyIn BuyIn, string? Involvement, EngagementTiming Engagement,
    DecisionRole DecisionRole, Guid? ReportsToId, int Version);

/// <summary>Stakeholders on both sides, with the org chart (reports-to) kept free of cycles.</summary>
public sealed class StakeholderFeature(TimeProvider clock) : PlanItemFeature<Stakeholder, StakeholderInput, StakeholderDto>(clock)
{
    public override string Singular => "stakeholder";

    public static readonly StakeholderRole[] BuyerRoles =
    [
        StakeholderRole.Champion, StakeholderRole.EconomicBuyer, StakeholderRole.TechnicalBuyer, StakeholderRole.Procurement,
        StakeholderRole.Legal, StakeholderRole.ImplementationLead, StakeholderRole.ExecutiveSponsor, StakeholderRole.EndUser,
    ];

    public static readonly StakeholderRole[] SellerRoles =
    [
        StakeholderRole.AccountExecutive, StakeholderRole.SalesEngineer, StakeholderRole.CustomerSuccessManager, StakeholderRole.SellerExecutive,
    ];

    /// <summary>Whether a role makes sense for a side ("Other" and partner leads fit anywhere).</summary>
    public static bool RoleFits(StakeholderRole role, Side side) => role is StakeholderRole.Other or StakeholderRole.PartnerLead
        || (side == Side.Buyer && BuyerRoles.Contains(role))
        || (side == Side.Seller && SellerRoles.Contains(role))
        || (side == Side.Partner && (BuyerRoles.Contains(role) || role == StakeholderRole.ImplementationLead));

    /// <summary>Key buyer roles that nobody on the buyer side fills yet.</summary>
    public static IReadOnlyList<StakeholderRole> RoleGaps(Plan plan) =>
        BuyerRoles.Where(r => r != StakeholderRole.EndUser && !plan.Stakeholders.Any(s => s.Side == Side.Buyer && s.Role == r)).ToList();

    public override StakeholderDto ToDto(Stakeholder s) => new(s.Id, s.Position, s.Side, s.Name, s.Title, s.Function, s.Email, s.Phone,
        s.Role, s.PrimaryConcern, s.BuyIn, s.Involvement, s.Engagement, s.DecisionRole, s.ReportsToId, s.Version);

    protected override Task ValidateAsync(StakeholderInput input, Stakeholder? existing, ItemContext ctx, FieldErrors errors)
    {
        if (input.Role is { } role && input.Side is { } side && !RoleFits(role, side))
            errors.Add("role", $"“{Labels.Of(role)}” is not a {Labels.Of(side).ToLowerInvariant()}-side role; choose a role of that side or “Other”.");
        if (input.ReportsToId is { } boss)
        {
            var manager = ctx.Plan.Stakeholders.FirstOrDefault(s => s.Id == boss);
            if (manager is null) errors.Add("reportsToId", "Choose someone from this plan's stakeholders.");
            else if (existing is not null && boss == existing.Id) errors.Add("reportsToId", "A person cannot report to themselves.");
            else if (existing is not null && ReportsChain(ctx.Plan, boss).Contains(existing.Id))
                errors.Add("reportsToId", $"{manager.Name} already reports (directly or indirectly) to {existing.Name}; that would make a loop.");
        }
        return Task.CompletedTask;
    }

    /// <summary>The chain of managers above a person (stops at a loop, which validation prevents anyway).</summary>
    private static HashSet<Guid> ReportsChain(Plan plan, Guid start)
    {
        var seen = new HashSet<Guid>();
        for (Guid? id = start; id is { } cur && seen.Add(cur);)
            id = plan.Stakeholders.FirstOrDefault(s => s.Id == cur)?.ReportsToId;
        return seen;
    }

    protected override void Apply(StakeholderInput i, Stakeholder s, ItemContext ctx)
    {
        s.Name = i.Name!.Trim();
        s.Title = i.Title?.Trim();
        s.Function = i.Function?.Trim();
        s.Email = i.Email?.Trim();
        s.Phone = i.Phone?.Trim();
        s.Side = i.Side!.Value;
        s.Role = i.Role!.Value;
        s.PrimaryConcern = i.PrimaryConcern?.Trim();
        s.BuyIn = i.BuyIn ?? BuyIn.Unknown;
        s.Involvement = i.Involvement?.Trim();
        s.Engagement = i.Engagement ?? EngagementTiming.Early;
        s.DecisionRole = i.DecisionRole ?? DecisionRole.Influences;
        s.ReportsToId = i.ReportsToId;
    }

    protected override Task BeforeDeleteAsync(Stakeholder item, ItemContext ctx)
    {
        // The database clears references too (ON DELETE SET NULL); doing it here keeps the
        // tracked entities consistent within this unit of work.
        foreach (var s in ctx.Plan.Stakeholders.Where(s => s.ReportsToId == item.Id)) s.ReportsToId = null;
        return Task.CompletedTask;
    }
}

public sealed class StakeholdersApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapItems("/plans/{planId:guid}/stakeholders", "Stakeholders", "Stakeholder", "Stakeholders",
            sp => sp.GetRequiredService<StakeholderFeature>());
}
