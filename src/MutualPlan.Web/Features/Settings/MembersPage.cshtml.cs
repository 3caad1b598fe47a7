using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Settings;

public sealed class MembersPageModel(AppDbContext db, UserManager<AppUser> users, TimeProvider clock) : PageModel
{
    [BindProperty] public InviteInput Invite { get; set; } = new();
    public FieldErrors Errors { get; private set; } = new();
    public List<AppUser> People { get; private set; } = [];
    public List<Invitation> Pending { get; private set; } = [];
    public string WorkspaceName { get; private set; } = "";
    public string? InviteLink { get; private set; }
    public string? Message { get; private set; }
    public bool IsError { get; private set; }
    public WorkspaceUser Me => HttpContext.Seller();

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostInviteAsync()
    {
        var outcome = await Members.InviteAsync(db, Me, Invite, clock);
        if (outcome.IsOk)
        {
            InviteLink = $"{Request.Scheme}://{Request.Host}/invite/{outcome.Value!.Token}";
            Invite = new InviteInput();
        }
        else
        {
            Errors = outcome.Errors!;
            if (Errors.For("form") is { } m) { Message = m; IsError = true; Response.StatusCode = 403; }
            else Response.StatusCode = 400;
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid userId, WorkspaceRole role) =>
        await AfterAsync(await Members.ChangeRoleAsync(db, Me, userId, role), "Role changed.");

    public async Task<IActionResult> OnPostRemoveAsync(Guid userId) =>
        await AfterAsync(await Members.RemoveAsync(db, users, Me, userId), "Member removed.");

    public async Task<IActionResult> OnPostRevokeInvitationAsync(Guid id) =>
        await AfterAsync(await Members.RevokeInvitationAsync(db, Me, id, clock), "Invitation withdrawn.");

    private async Task<IActionResult> AfterAsync<T>(Outcome<T> outcome, string ok)
    {
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk) Message = ok;
        else
        {
            Message = string.Join(" ", outcome.Errors!.Values.SelectMany(v => v));
            IsError = true;
            Response.StatusCode = Me.IsAdmin ? 400 : 403;
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        People = await Members.ListAsync(db, Me);
        Pending = await Members.PendingAsync(db, Me, clock.GetUtcNow());
        WorkspaceName = (await db.Workspaces.SingleAsync(w => w.Id == Me.WorkspaceId)).Name;
    }
}
