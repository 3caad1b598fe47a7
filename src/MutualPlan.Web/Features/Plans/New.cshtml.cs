using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Plans;

public sealed class NewModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public PlanInput Input { get; set; } = new();
    public FieldErrors Errors { get; private set; } = new();
    public List<SellerRef> Sellers { get; private set; } = [];

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task OnGetAsync()
    {
        Input = new PlanInput { Currency = "USD", PreparedOn = Today, OwnerId = HttpContext.Seller().UserId };
        Sellers = await db.SellersAsync(HttpContext.Seller());
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = HttpContext.Seller();
        // Invalid numbers or dates in the form never reach the input object: report them by field.
        Errors = BindingMessages.From(ModelState);
        if (Errors.Count == 0)
        {
            var outcome = await PlanCommands.CreateAsync(db, user, Input, Today);
            if (outcome.IsOk) return Redirect($"/plans/{outcome.Value!.Id}");
            Errors = outcome.Errors!;
        }
        Sellers = await db.SellersAsync(user);
        Response.StatusCode = 400;
        return Page();
    }
}
