using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.Recaps;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Features.Recaps;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.StatusUpdates;

/// <summary>One sending of a status update: when, by whom, to whom.</summary>
public sealed record StatusUpdateSendingDto(Guid Id, DateTimeOffset SentAt, string SentBy, IReadOnlyList<SentRecipient> Recipients, bool PdfAttached)
{
    public static StatusUpdateSendingDto From(SentEmail m) => new(m.Id, m.SentAt, m.SentBy, m.Recipients, m.PdfAttached);
}

/// <summary>A saved status update sent by e-mail to people on both sides; each sending is kept with the update.</summary>
public static class StatusUpdateEmail
{
    public static string Subject(Plan plan, StatusUpdate u) =>
        $"Status update: {plan.Title}, {u.PeriodFrom.ToString("d MMM", CultureInfo.InvariantCulture)} – {u.PeriodTo.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";

    public static async Task<MailOutcome> SendAsync(AppDbContext db, PlanMailer mailer, WorkspaceUser user, Guid planId, Guid updateId, MailRecipientsInput input, CancellationToken ct = default)
    {
        var plan = await db.LoadWholePlanAsync(user, planId, ct, readOnly: true);
        if (plan is null) return MailOutcome.NotFound();
        var update = await db.StatusUpdates.AsNoTracking().SingleOrDefaultAsync(u => u.Id == updateId && u.PlanId == planId, ct);
        if (update is null) return MailOutcome.NotFound();
        return await mailer.SendAsync(user, plan, new PlanMail(SentEmailKind.StatusUpdate, "Status update", Subject(plan, update), update.Body, StatusUpdateId: update.Id),
            input, new FieldErrors(), ct);
    }

    /// <summary>Every sending of the plan's status updates, by update, newest first.</summary>
    public static async Task<ILookup<Guid, SentEmail>> SendingsAsync(AppDbContext db, Guid planId, CancellationToken ct = default) =>
        (await db.SentEmails.Where(m => m.PlanId == planId && m.Kind == SentEmailKind.StatusUpdate && m.StatusUpdateId != null)
            .OrderByDescending(m => m.SentAt).ToListAsync(ct)).ToLookup(m => m.StatusUpdateId!.Value);
}

public sealed class StatusUpdateEmailApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/plans/{planId:guid}/status-updates/{updateId:guid}/send",
                async (Guid planId, Guid updateId, MailRecipientsInput input, HttpContext http, AppDbContext db, PlanMailer mailer, CancellationToken ct) =>
                    (await StatusUpdateEmail.SendAsync(db, mailer, http.Seller(), planId, updateId, input, ct))
                        .ToHttp(m => TypedResults.Created($"/api/v1/plans/{planId}/status-updates/{updateId}", StatusUpdateSendingDto.From(m))))
            .WithTags("Status updates").WithName("SendStatusUpdate")
            .WithSummary("Send a saved status update by e-mail (HTML and plain text) to people on both sides, or preview it with dryRun.")
            .WithDescription("Recipients: `sellerIds`, `stakeholderIds` (see GET …/email-recipients) and `addresses`. `attachPdf` attaches the buyer's version of the plan document. The sending is recorded with the update (`sendings` in the list of status updates). `dryRun: true` returns the e-mail without sending. 503 when e-mail is turned off on the server, 502 when the mail server fails.")
            .Produces<StatusUpdateSendingDto>(201).Produces<EmailPreviewDto>(200).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(502).ProducesProblem(503);
}
