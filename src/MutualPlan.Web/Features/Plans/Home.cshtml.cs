using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MutualPlan.Web.Features.Plans;

/// <summary>The start page is the plan list.</summary>
public sealed class HomeModel : PageModel
{
    public IActionResult OnGet() => Redirect("/plans");
}
