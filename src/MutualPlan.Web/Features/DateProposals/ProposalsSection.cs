using Microsoft.AspNetCore.Mvc;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.DateProposals;

/// <summary>The seller answers the buyer's date proposals inside the milestones section.</summary>
public sealed class ProposalsSectionModel(AppDbContext db, TimeProvider clock) : PlanSectionPage(db, clock)
{
    protected override string SectionPartial => "/Features/Milestones/_Milestones.cshtml";
    protected override string Anchor => "milestones";

    public Task<IActionResult> OnGetCounterAsync(Guid proposalId) =>
        RenderAsync(new SectionState(EditingId: proposalId, Kind: "counter"));

    public async Task<IActionResult> OnPostRespondAsync(Guid proposalId, [FromForm] RespondInput input)
    {
        var unreadable = BindingMessages.From(ModelState);
        var kind = input.Decision == ProposalDecision.Counter ? "counter" : "respond";
        var state = new SectionState(EditingId: proposalId, Kind: kind, Draft: input);
        if (unreadable.Count > 0) return await RenderAsync(state with { Errors = unreadable });
        var outcome = await DateProposalCommands.RespondAsync(Db, Seller, PlanId, proposalId, input, new Party(Side.Seller, Seller.DisplayName), Clock);
        var message = input.Decision switch
        {
            ProposalDecision.Accept => "Date accepted: the milestone and its dependents moved, and the change is recorded.",
            ProposalDecision.Counter => "Counter-proposal sent to the buyer.",
            _ => "Proposal declined; the date stays.",
        };
        return await AfterChangeAsync(outcome, state, message);
    }
}
