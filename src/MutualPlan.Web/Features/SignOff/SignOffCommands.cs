using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.SignOff;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.SignOff;

public sealed class SignOffRequestInput
{
    [StringLength(SignOffRound.MessageMax, ErrorMessage = "Keep the message under 2000 characters.")]
    public string? Message { get; set; }

    /// <summary>Buyer stakeholders who sign. Omit both lists to ask the signers of the last request again.</summary>
    public List<Guid>? StakeholderIds { get; set; }

    /// <summary>Sellers of the workspace who sign; the plan owner must be one of them.</summary>
    public List<Guid>? UserIds { get; set; }
}

public sealed class SignOffCancelInput
{
    /// <summary>Why the request is withdrawn (optional); it stays in the signing trail.</summary>
    [StringLength(SignOffRound.CancelReasonMax, ErrorMessage = "Keep the reason under 1000 characters.")]
    public string? Reason { get; set; }

    /// <summary>The round you mean to cancel (optional): when given and it is no longer the open one, nothing is cancelled.</summary>
    public Guid? RoundId { get; set; }
}

public sealed class SignatureInput
{
    [Required(ErrorMessage = "Type your full name as it appears on the request.")]
    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep your name under 200 characters.")]
    public string? FullName { get; set; }

    [Required(ErrorMessage = "Give your job title, e.g. \"Financial Controller\".")]
    [StringLength(Plan.ShortTextMax, ErrorMessage = "Keep your title under 200 characters.")]
    public string? Title { get; set; }

    /// <summary>The content hash of the version you read: you sign that version, and only while it is current.</summary>
    [Required(ErrorMessage = "Send the contentHash of the version you read (GET …/sign-off): you sign what you have read.")]
    [StringLength(64, ErrorMessage = "A content hash is 64 hexadecimal characters.")]
    public string? ContentHash { get; set; }

    /// <summary>Which signer of the open request you are (buyer side; a seller signs as themself).</summary>
    public Guid? SignerId { get; set; }
}

/// <summary>Where the signature came from, recorded with it.</summary>
public sealed record SignatureOrigin(string? IpAddress, string? UserAgent)
{
    public static SignatureOrigin Of(HttpContext http) => new(
        http.Connection.RemoteIpAddress?.ToString(),
        http.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null);
}

/// <summary>Why a signature was not taken although the input was well-formed (409 in the API).</summary>
public sealed record SignRefusal(string Detail, string CurrentContentHash, int CurrentRevision);

/// <summary>A plan with its sign-off rounds and where its sign-off stands.</summary>
public sealed record SignOffContext(Plan Plan, string OwnerName, SignOffState State);

/// <summary>
/// Requesting and giving sign-off. The seller requests it from named signers; each signs by typing
/// their full name and title while the plan is still exactly what was put up for signature (its
/// content hash). The last signature freezes the baseline: every milestone's current date becomes
/// its baseline date, and the signed content is what later changes are compared with.
/// </summary>
public static class SignOffCommands
{
    /// <summary>The plan (tracked when it will be changed), its owner's name and its sign-off state, within the scope's workspace.</summary>
    public static async Task<SignOffContext?> LoadAsync(AppDbContext db, WorkspaceUser scope, Guid planId, bool track = false, CancellationToken ct = default)
    {
        var plan = await db.LoadWholePlanAsync(scope, planId, ct, readOnly: !track);
        if (plan is null) return null;
        var owner = plan.OwnerId is { } id ? await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) : null;
        if (!track) return new SignOffContext(plan, owner ?? "", await StateOfAsync(db, plan, owner ?? "", ct));
        var list = await db.SignOffRounds.Include(r => r.Signers).Where(r => r.PlanId == planId).AsSplitQuery().ToListAsync(ct);
        foreach (var r in list) r.Signers = [.. r.Signers.OrderBy(s => s.Position)];
        return new SignOffContext(plan, owner ?? "", SignOffState.Assess(plan, owner ?? "", list));
    }

    public static Task<string> WorkspaceNameAsync(AppDbContext db, Guid workspaceId, CancellationToken ct = default) =>
        db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.Name).SingleAsync(ct);

    /// <summary>The sign-off state of an already loaded plan (the plan page), with its rounds read separately.</summary>
    public static async Task<SignOffState> StateOfAsync(AppDbContext db, Plan plan, string ownerName, CancellationToken ct = default)
    {
        var list = await db.SignOffRounds.AsNoTracking().Include(r => r.Signers).Where(r => r.PlanId == plan.Id).AsSplitQuery().ToListAsync(ct);
        foreach (var r in list) r.Signers = [.. r.Signers.OrderBy(s => s.Position)];
        return SignOffState.Assess(plan, ownerName, list);
    }

    /// <summary>The state for the plan page, worked out once per request for the sections that show it.</summary>
    public static async Task<SignOffState> StateForPageAsync(HttpContext http, AppDbContext db, PlanPageData data)
    {
        var key = "signoff-state:" + data.Plan.Id;
        if (http.Items[key] is SignOffState cached) return cached;
        var owner = data.Sellers.FirstOrDefault(s => s.Id == data.Plan.OwnerId)?.Name ?? "";
        var state = await StateOfAsync(db, data.Plan, owner, http.RequestAborted);
        http.Items[key] = state;
        return state;
    }

    /// <summary>The workspace scope a buyer link reaches its plan through.</summary>
    public static async Task<WorkspaceUser?> LinkScopeAsync(AppDbContext db, Guid planId, CancellationToken ct = default)
    {
        var workspaceId = await db.Plans.Where(p => p.Id == planId).Select(p => (Guid?)p.WorkspaceId).SingleOrDefaultAsync(ct);
        return workspaceId is { } w ? new WorkspaceUser(Guid.Empty, w, WorkspaceRole.Member, "buyer link") : null;
    }

    public static async Task<Outcome<SignOffRound>> RequestAsync(AppDbContext db, WorkspaceUser user, Guid planId, SignOffRequestInput input,
        TimeProvider clock, CancellationToken ct = default)
    {
        var ctx = await LoadAsync(db, user, planId, track: true, ct);
        if (ctx is null) return Outcome<SignOffRound>.NotFound();
        var errors = FieldErrors.Of(input);
        var plan = ctx.Plan;
        var sellers = await db.SellersAsync(user, ct);

        var stakeholderIds = input.StakeholderIds;
        var userIds = input.UserIds;
        if (stakeholderIds is null && userIds is null)
        {
            // Re-acceptance: the same people as last time (those still on the plan).
            var last = ctx.State.Rounds.LastOrDefault();
            if (last is null) errors.Add("stakeholderIds", "Choose who signs for the buyer (usually the champion) and for your side.");
            stakeholderIds = last?.Signers.Where(s => s.StakeholderId is not null).Select(s => s.StakeholderId!.Value).ToList() ?? [];
            userIds = last?.Signers.Where(s => s.UserId is not null).Select(s => s.UserId!.Value).ToList() ?? [];
            stakeholderIds = [.. stakeholderIds.Where(id => plan.Stakeholders.Any(s => s.Id == id))];
            userIds = [.. userIds.Where(id => sellers.Any(s => s.Id == id))];
        }
        stakeholderIds = [.. (stakeholderIds ?? []).Distinct()];
        userIds = [.. (userIds ?? []).Distinct()];

        var buyers = plan.Stakeholders.Where(s => stakeholderIds.Contains(s.Id)).ToList();
        if (buyers.Count != stakeholderIds.Count || buyers.Any(s => s.Side != Side.Buyer))
            errors.Add("stakeholderIds", "Buyer signers must be buyer-side stakeholders of this plan.");
        else if (buyers.Count == 0 && !errors.ContainsKey("stakeholderIds"))
            errors.Add("stakeholderIds", "Choose at least one buyer stakeholder to sign — usually the champion.");
        var team = sellers.Where(s => userIds.Contains(s.Id)).ToList();
        if (team.Count != userIds.Count)
            errors.Add("userIds", "Seller signers must be members of your workspace.");
        else if (plan.OwnerId is { } owner && !userIds.Contains(owner))
            errors.Add("userIds", $"The plan owner, {ctx.OwnerName}, signs for your side: include them.");
        else if (team.Count == 0)
            errors.Add("userIds", "Choose at least one person to sign for your side.");
        if (errors.Count > 0) return Outcome<SignOffRound>.Invalid(errors);

        var now = clock.GetUtcNow();
        foreach (var open in ctx.State.Rounds.Where(r => r.IsOpen))
        {
            open.Status = SignOffRoundStatus.Superseded;
            open.EndedAt = now;
        }
        var content = SignedContent.Render(plan, ctx.OwnerName);
        var round = new SignOffRound
        {
            PlanId = planId, Number = ctx.State.Rounds.Select(r => r.Number).DefaultIfEmpty(0).Max() + 1,
            Message = string.IsNullOrWhiteSpace(input.Message) ? null : input.Message.Trim(),
            RequestedBy = user.DisplayName, RequestedById = user.UserId, RequestedAt = now, PlanRevision = plan.Revision,
            Content = content, ContentHash = SignedContent.Hash(content),
        };
        var position = 0;
        foreach (var s in buyers.OrderBy(s => plan.Stakeholders.IndexOf(s)))
            round.Signers.Add(new SignOffSigner
            {
                RoundId = round.Id, PlanId = planId, Position = position++, Side = Side.Buyer, StakeholderId = s.Id,
                Name = s.Name, Role = string.IsNullOrWhiteSpace(s.Title) ? Labels.Of(s.Role) : s.Title!, Email = s.Email,
            });
        foreach (var s in team.OrderBy(s => s.Id == plan.OwnerId ? 0 : 1).ThenBy(s => s.Name, StringComparer.Ordinal))
            round.Signers.Add(new SignOffSigner
            {
                RoundId = round.Id, PlanId = planId, Position = position++, Side = Side.Seller, UserId = s.Id,
                Name = s.Name, Role = s.Id == plan.OwnerId ? "Plan owner" : "Seller", Email = s.Email,
            });
        db.SignOffRounds.Add(round);
        var actor = new Actor(ActorKind.Seller, user.UserId, user.DisplayName);
        db.Activity.Add(Entry(round, now, actor, ActivityChange.Created,
            $"Round {round.Number}: {string.Join(", ", round.Signers.Select(s => s.Name))} asked to sign"));
        await NotifySignersAsync(db, ctx, round, actor, ct);
        await db.SaveChangesAsync(ct);
        return Outcome<SignOffRound>.Ok(round);
    }

    /// <summary>
    /// Signs the open request as one of its signers. <paramref name="pick"/> chooses the signer the
    /// caller may sign as: a seller only as themself, a buyer link as one of the buyer signers.
    /// </summary>
    public static async Task<Outcome<SignOffSigner>> SignAsync(AppDbContext db, WorkspaceUser scope, Guid planId, SignatureInput input,
        Func<SignOffRound, SignOffSigner?> pick, string notSigner, SignatureOrigin origin, TimeProvider clock, CancellationToken ct = default)
    {
        var ctx = await LoadAsync(db, scope, planId, track: true, ct);
        if (ctx is null) return Outcome<SignOffSigner>.NotFound();
        var errors = FieldErrors.Of(input);
        if (errors.Count > 0) return Outcome<SignOffSigner>.Invalid(errors);
        var state = ctx.State;
        SignRefusal Refuse(string detail) => new(detail, state.CurrentHash, ctx.Plan.Revision);

        if (state.Open is not { } round)
            return Outcome<SignOffSigner>.Conflict(Refuse(state.LastCancelled is { } cancelled
                ? $"{cancelled.CancelledBy} cancelled the sign-off request on {cancelled.EndedAt:d MMM yyyy}, so there is nothing to sign. " +
                  "If sign-off is asked for again, you will be told."
                : "There is no open sign-off request for this plan. Ask the plan owner to request sign-off."));
        var signer = pick(round);
        if (signer is null) return Outcome<SignOffSigner>.Forbidden(notSigner);
        if (signer.HasSigned)
            return Outcome<SignOffSigner>.Conflict(Refuse($"{signer.Name} already signed this version on {signer.SignedAt:d MMM yyyy}."));
        if (round.ContentHash != state.CurrentHash)
            return Outcome<SignOffSigner>.Conflict(Refuse(
                $"The plan changed after sign-off was requested (revision {round.PlanRevision}, now {ctx.Plan.Revision}), so this request can no longer be signed. " +
                "Sign-off must be requested again for the current version; then sign that."));
        if (!string.Equals(input.ContentHash!.Trim(), state.CurrentHash, StringComparison.OrdinalIgnoreCase))
            return Outcome<SignOffSigner>.Conflict(Refuse(
                "You read an earlier version of the plan than the one up for signature. Read the current version and sign that."));
        if (!signer.NameMatches(input.FullName))
            return Outcome<SignOffSigner>.Invalid("fullName", $"Type your full name as the request names you: {signer.Name}.");

        var now = clock.GetUtcNow();
        signer.SignedName = SignOffSigner.Normalise(input.FullName);
        signer.SignedTitle = input.Title!.Trim();
        signer.SignedAt = now;
        signer.IpAddress = Clip(origin.IpAddress, SignOffSigner.IpMax);
        signer.UserAgent = Clip(origin.UserAgent, SignOffSigner.UserAgentMax);
        signer.SignedRevision = ctx.Plan.Revision;
        signer.SignedHash = state.CurrentHash;
        // The round row is written with every signature, so two last signatures at the same moment
        // cannot both see the other missing: one of them gets a concurrency conflict and retries.
        db.Entry(round).State = EntityState.Modified;
        var entry = Entry(round, now, new Actor(signer.Side == Side.Seller ? ActorKind.Seller : ActorKind.Buyer, signer.UserId ?? signer.StakeholderId, signer.SignedName),
            ActivityChange.Updated, $"Round {round.Number}");
        entry.Fields.Add(new FieldChange("Signed by", null, $"{signer.SignedName}, {signer.SignedTitle}"));
        if (round.AllSigned)
        {
            round.Status = SignOffRoundStatus.Completed;
            round.EndedAt = now;
            foreach (var m in ctx.Plan.Milestones) m.BaselineDate = m.TargetDate;
            entry.Fields.Add(new FieldChange("Baseline", null, "Everyone signed: the milestone dates are the baseline"));
        }
        db.Activity.Add(entry);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<SignOffSigner>.Conflict(Refuse("Someone else signed at the same moment. Reload and sign again."));
        }
        return Outcome<SignOffSigner>.Ok(signer);
    }

    /// <summary>
    /// Withdraws the open request (a seller of the workspace): nobody can sign it any more, and its
    /// signatures so far stay in the trail. Notifications already sent are left as they were — the
    /// link they lead to now says there is nothing to sign.
    /// </summary>
    public static async Task<Outcome<SignOffRound>> CancelAsync(AppDbContext db, WorkspaceUser user, Guid planId, SignOffCancelInput input,
        TimeProvider clock, CancellationToken ct = default)
    {
        var ctx = await LoadAsync(db, user, planId, track: true, ct);
        if (ctx is null) return Outcome<SignOffRound>.NotFound();
        var errors = FieldErrors.Of(input);
        if (errors.Count > 0) return Outcome<SignOffRound>.Invalid(errors);
        var state = ctx.State;
        if (state.Open is not { } round || (input.RoundId is { } asked && asked != round.Id))
        {
            var meant = input.RoundId is { } id ? state.Rounds.FirstOrDefault(r => r.Id == id) : state.Rounds.LastOrDefault();
            return Outcome<SignOffRound>.Conflict(meant?.Status switch
            {
                SignOffRoundStatus.Completed => $"Sign-off is already complete: everyone signed round {meant.Number} on {meant.EndedAt:d MMM yyyy}. A completed sign-off cannot be cancelled.",
                SignOffRoundStatus.Cancelled => $"Round {meant.Number} was already cancelled by {meant.CancelledBy} on {meant.EndedAt:d MMM yyyy}.",
                SignOffRoundStatus.Superseded => $"Round {meant.Number} was replaced by a newer request; reload to see the open one.",
                _ => "There is no open sign-off request to cancel.",
            });
        }

        var now = clock.GetUtcNow();
        round.Cancel(user.DisplayName, Clip(input.Reason?.Trim(), SignOffRound.CancelReasonMax), now);
        var entry = Entry(round, now, new Actor(ActorKind.Seller, user.UserId, user.DisplayName), ActivityChange.Updated,
            $"Round {round.Number}: sign-off request cancelled");
        entry.Fields.Add(new FieldChange("Status", "Awaiting signatures", "Cancelled"));
        entry.Reason = round.CancelReason;
        db.Activity.Add(entry);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<SignOffRound>.Conflict("Someone signed or changed the request at the same moment. Reload and decide again.");
        }
        return Outcome<SignOffRound>.Ok(round);
    }

    /// <summary>
    /// Tells the signers (by notification and e-mail, committed with the request): "your sign-off is
    /// requested", or — when the plan changed since it was signed — "the plan changed: accept it
    /// again", with the differences. Buyer signers hear of it once the plan is shared with them
    /// (they sign through their link); the requesting seller is not told of their own request.
    /// </summary>
    private static async Task NotifySignersAsync(AppDbContext db, SignOffContext ctx, SignOffRound round, Actor actor, CancellationToken ct)
    {
        var plan = ctx.Plan;
        var shared = await Notifications.NotificationEvents.IsSharedAsync(db, plan.Id, ct);
        var recipients = round.Signers.Select(s => s.Side == Side.Seller
                ? Notifications.NotificationRecipient.Seller(s.UserId!.Value, s.Name)
                : shared && !string.IsNullOrWhiteSpace(s.Email) ? Notifications.NotificationRecipient.Stakeholder(s.StakeholderId!.Value, s.Name, s.Email!) : null)
            .OfType<Notifications.NotificationRecipient>().ToList();
        var changed = ctx.State.ChangedSinceSigned;
        var text = changed
            ? $"“{plan.Title}” changed since it was signed: {actor.Name} asks you to accept it again"
            : $"{actor.Name} asks you to sign “{plan.Title}”";
        var detail = changed
            ? string.Join("; ", ctx.State.Changes.Select(c => $"{c.Title}: {BaselineDiff.Describe(c)}"))
            : round.Message;
        await Notifications.NotificationEvents.RaiseAsync(db, plan.Id,
            changed ? NotificationKind.ChangedSinceSigned : NotificationKind.SignOffRequested, text, detail,
            $"/plans/{plan.Id}/sign-off", recipients, $"sign-off:{round.Id}", actor, ct: ct);
    }

    /// <summary>Sign-off in the activity feed, written by the use case since the data layer does not describe rounds.</summary>
    private static ActivityEntry Entry(SignOffRound round, DateTimeOffset now, Actor actor, ActivityChange change, string title) => new()
    {
        PlanId = round.PlanId, At = now, ActorKind = actor.Kind, ActorId = actor.Id, ActorName = actor.Name,
        ItemKind = ActivityItemKind.SignOff, ItemId = round.Id, ItemTitle = Clip(title, 200)!, Change = change,
    };

    private static string? Clip(string? text, int max) => text is null ? null : text.Length <= max ? text : text[..max];
}

public static class SignOffNames
{
    /// <summary>The status as people read it: a plan whose only request was withdrawn says so, not "not yet requested".</summary>
    public static string Status(SignOffState s) =>
        s.Status == SignOffStatus.NotRequested && s.LastCancelled is not null ? "Request cancelled" : Status(s.Status);

    public static string Status(SignOffStatus s) => s switch
    {
        SignOffStatus.NotRequested => "Not yet requested",
        SignOffStatus.AwaitingSignatures => "Awaiting signatures",
        SignOffStatus.RequestOutdated => "Request outdated",
        SignOffStatus.Signed => "Signed",
        _ => "Changed since signed",
    };

    /// <summary>The pill colour of a status (app.css).</summary>
    public static string Css(SignOffStatus s) => s switch
    {
        SignOffStatus.Signed => "on-track",
        SignOffStatus.AwaitingSignatures => "planned",
        SignOffStatus.NotRequested => "planned",
        _ => "at-risk",
    };

    public static string Kind(MilestoneChangeKind k) => k switch
    {
        MilestoneChangeKind.Added => "Added",
        MilestoneChangeKind.Removed => "Removed",
        MilestoneChangeKind.DateMoved => "Date moved",
        _ => "Owner changed",
    };
}
