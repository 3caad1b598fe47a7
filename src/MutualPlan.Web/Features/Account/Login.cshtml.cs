using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Account;

public sealed class LoginModel(SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public FieldErrors Errors { get; private set; } = new();
    public string? Message { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email)) Errors.Add("email", "Enter your e-mail address.");
        if (string.IsNullOrEmpty(Password)) Errors.Add("password", "Enter your password.");
        if (Errors.Count > 0) { Response.StatusCode = 400; return Page(); }

        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: true, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/plans");
        Message = result.IsLockedOut
            ? "Too many failed attempts. This account is locked for a few minutes."
            : "That e-mail and password do not match an account.";
        Response.StatusCode = 400;
        return Page();
    }
}
