using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Collaboration;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Comments;

/// <summary>
/// Who is commenting on which plan, decided before any comment use case runs: a seller of the
/// plan's workspace (sees and writes internal comments), or a buyer link visitor (the access
/// feature builds it from the "BuyerLink" claims once it has checked the link allows comments).
/// </summary>
public sealed record CommentAccess(Guid PlanId, Guid WorkspaceId, string PlanTitle, Actor Actor)
{
    public bool SeesInternal => Actor.Kind == ActorKind.Seller;

    public static async Task<CommentAccess?> ForSellerAsync(AppDbContext db, WorkspaceUser user, Guid planId, CancellationToken ct = default)
    {
        var plan = await db.PlansOf(user).Where(p => p.Id == planId).Select(p => new { p.Id, p.WorkspaceId, p.Title }).SingleOrDefaultAsync(ct);
        return plan is null ? null : new CommentAccess(plan.Id, plan.WorkspaceId, plan.Title, Actors.Seller(user));
    }

    public static CommentAccess ForBuyer(Guid planId, Guid workspaceId, string planTitle, Actor visitor) =>
        visitor.Kind == ActorKind.Buyer ? new(planId, workspaceId, planTitle, visitor) : throw new ArgumentException("Not a buyer.", nameof(visitor));
}

/// <summary>Comments, replies, resolution and @mentions: one set of use cases for the API and the page.</summary>
public static class CommentCommands
{
    public static async Task<List<ThreadDto>> ThreadsAsync(AppDbContext db, CommentAccess access, CommentTarget? target, Guid? targetId, CancellationToken ct = default)
    {
        var q = Visible(db, access).Include(c => c.Mentions).AsNoTracking();
        if (target is { } t) q = q.Where(c => c.Target == t && c.TargetId == (t == CommentTarget.Plan ? null : targetId));
        var all = await q.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(ct);
        var replies = all.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!.Value);
        return [.. all.Where(c => c.ParentId is null)
            .Where(c => !c.IsDeleted || replies[c.Id].Any())
            .Select(c => new ThreadDto(CommentDto.From(c), [.. replies[c.Id].Select(CommentDto.From)], c.IsResolved, c.ResolvedAt, c.ResolvedBy))];
    }

    /// <summary>How many comments each item has (key: item id, or null for the plan), for the counts on the plan page.</summary>
    public static async Task<Dictionary<Guid, int>> CountsAsync(AppDbContext db, Guid planId, bool seesInternal, CancellationToken ct = default)
    {
        var q = db.Comments.Where(c => c.PlanId == planId && c.DeletedAt == null);
        if (!seesInternal) q = q.Where(c => !c.IsInternal);
        var counts = await q.GroupBy(c => c.TargetId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return counts.ToDictionary(c => c.Key ?? Guid.Empty, c => c.Count);
    }

    public static async Task<Outcome<CommentDto>> FindAsync(AppDbContext db, CommentAccess access, Guid id, CancellationToken ct = default)
    {
        var c = await Visible(db, access).Include(c => c.Mentions).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        return c is null ? Outcome<CommentDto>.NotFound() : Outcome<CommentDto>.Ok(CommentDto.From(c));
    }

    public static async Task<Outcome<Comment>> AddAsync(AppDbContext db, CommentAccess access, CommentInput input, TimeProvider clock, CancellationToken ct = default)
    {
        var errors = FieldErrors.Of(input);
        if (input.Internal && !access.SeesInternal) errors.Add(nameof(input.Internal), "Only the seller team can post internal comments.");
        if (errors.Count > 0) return Outcome<Comment>.Invalid(errors);

        var comment = new Comment
        {
            PlanId = access.PlanId, AuthorKind = access.Actor.Kind, AuthorId = access.Actor.Id, AuthorName = access.Actor.Name,
            Body = input.Body!.Trim(), IsInternal = input.Internal, CreatedAt = clock.GetUtcNow(),
        };
        if (input.ParentId is { } parentId)
        {
            var parent = await Visible(db, access).AsNoTracking().SingleOrDefaultAsync(c => c.Id == parentId, ct);
            if (parent is null || parent.IsDeleted) return Outcome<Comment>.Invalid(nameof(input.ParentId), "The comment you are answering no longer exists.");
            comment.ParentId = parent.ParentId ?? parent.Id; // threads are one level deep
            (comment.Target, comment.TargetId) = (parent.Target, parent.TargetId);
            comment.IsInternal |= parent.IsInternal;
        }
        else
        {
            (comment.Target, comment.TargetId) = (input.Target, input.Target == CommentTarget.Plan ? null : input.TargetId);
            var item = await TargetAsync(db, access, comment.Target, comment.TargetId, ct);
            if (item is null) return Outcome<Comment>.Invalid(nameof(input.TargetId), "Choose an item of this plan to comment on.");
            comment.IsInternal |= item.Value.Internal; // comments on internal items stay internal
        }

        var mentions = await ResolveMentionsAsync(db, access, comment.Body, input.Mentions, comment.IsInternal, ct);
        if (!mentions.IsOk) return Outcome<Comment>.Invalid(mentions.Errors!);
        comment.Mentions = [.. mentions.Value!.Select(m => new CommentMention { CommentId = comment.Id, Kind = m.Kind, PersonId = m.Id, Name = m.Name })];
        db.Comments.Add(comment);
        await NotifyAsync(db, access, comment, mentions.Value!, ct);
        await db.SaveChangesAsync(ct);
        return Outcome<Comment>.Ok(comment);
    }

    public static async Task<Outcome<Comment>> EditAsync(AppDbContext db, CommentAccess access, Guid id, CommentEditInput input, TimeProvider clock, CancellationToken ct = default)
    {
        var c = await Visible(db, access).Include(c => c.Mentions).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (c is null) return Outcome<Comment>.NotFound();
        if (!c.CanEdit(access.Actor)) return Outcome<Comment>.Forbidden("Only the author can edit a comment.");
        var errors = FieldErrors.Of(input);
        if (errors.Count > 0) return Outcome<Comment>.Invalid(errors);
        if (input.Version != c.Version) return Outcome<Comment>.Conflict(CommentDto.From(c));

        var mentions = await ResolveMentionsAsync(db, access, input.Body!.Trim(), input.Mentions, c.IsInternal, ct);
        if (!mentions.IsOk) return Outcome<Comment>.Invalid(mentions.Errors!);
        var before = c.Mentions.Select(m => (m.Kind, m.PersonId)).ToHashSet();
        c.Edit(input.Body!.Trim(), clock.GetUtcNow());
        c.Mentions.RemoveAll(m => !mentions.Value!.Any(n => n.Kind == m.Kind && n.Id == m.PersonId));
        var added = mentions.Value!.Where(m => !before.Contains((m.Kind, m.Id))).ToList();
        c.Mentions.AddRange(added.Select(m => new CommentMention { CommentId = c.Id, Kind = m.Kind, PersonId = m.Id, Name = m.Name }));
        await NotifyAsync(db, access, c, added, ct); // only people newly named hear about it
        return await SaveAsync(db, c, ct);
    }

    public static async Task<Outcome<Comment>> DeleteAsync(AppDbContext db, CommentAccess access, Guid id, TimeProvider clock, CancellationToken ct = default)
    {
        var c = await Visible(db, access).Include(c => c.Mentions).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (c is null) return Outcome<Comment>.NotFound();
        if (!c.CanDelete(access.Actor))
            return Outcome<Comment>.Forbidden(c.IsDeleted ? "This comment is already deleted." : "Only the author can delete this comment.");
        var hasReplies = await db.Comments.AnyAsync(r => r.ParentId == c.Id && r.DeletedAt == null, ct);
        if (hasReplies) c.Delete(clock.GetUtcNow()); // the thread still reads: "comment deleted", then the replies
        else
        {
            db.Comments.Remove(c);
            // The last reply under a deleted first comment takes the empty thread with it.
            if (c.ParentId is { } rootId && await db.Comments.SingleOrDefaultAsync(r => r.Id == rootId, ct) is { IsDeleted: true } root
                && !await db.Comments.AnyAsync(r => r.ParentId == rootId && r.Id != c.Id && r.DeletedAt == null, ct))
                db.Comments.Remove(root);
        }
        await db.SaveChangesAsync(ct);
        return Outcome<Comment>.Ok(c);
    }

    /// <summary>Resolves or reopens the thread the comment belongs to.</summary>
    public static async Task<Outcome<Comment>> SetResolvedAsync(AppDbContext db, CommentAccess access, Guid id, bool resolved, TimeProvider clock, CancellationToken ct = default)
    {
        var c = await Visible(db, access).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (c is null) return Outcome<Comment>.NotFound();
        var root = c.ParentId is { } rootId ? await Visible(db, access).Include(r => r.Mentions).SingleOrDefaultAsync(r => r.Id == rootId, ct) : c;
        if (root is null) return Outcome<Comment>.NotFound(); // an internal thread a buyer cannot see
        if (resolved) root.Resolve(access.Actor, clock.GetUtcNow()); else root.Reopen();
        return await SaveAsync(db, root, ct);
    }

    /// <summary>Everyone who can be @mentioned on the plan: the workspace's sellers, and (outside internal comments) the plan's stakeholders.</summary>
    public static async Task<List<Mentionable>> MentionablesAsync(AppDbContext db, CommentAccess access, CancellationToken ct = default)
    {
        var sellers = await db.Users.Where(u => u.WorkspaceId == access.WorkspaceId).OrderBy(u => u.DisplayName)
            .Select(u => new Mentionable(MentionKind.Seller, u.Id, u.DisplayName, "Seller team", u.Email)).ToListAsync(ct);
        var people = await db.Stakeholders.Where(s => s.PlanId == access.PlanId).OrderBy(s => s.Position)
            .Select(s => new { s.Id, s.Name, s.Title, s.Side, s.Email }).ToListAsync(ct);
        return [.. sellers, .. people.Select(s => new Mentionable(MentionKind.Stakeholder, s.Id, s.Name,
            string.IsNullOrEmpty(s.Title) ? $"{Labels.Of(s.Side)} stakeholder" : $"{s.Title} · {Labels.Of(s.Side).ToLowerInvariant()}", s.Email))];
    }

    /// <summary>What a comment target is called, and whether it is internal; null when it is not an item of this plan.</summary>
    public static async Task<(string Title, bool Internal)?> TargetAsync(AppDbContext db, CommentAccess access, CommentTarget target, Guid? id, CancellationToken ct = default)
    {
        var planId = access.PlanId;
        (string Title, bool Internal)? found = target switch
        {
            CommentTarget.Plan => (access.PlanTitle, false),
            CommentTarget.Milestone => await db.Milestones.Where(m => m.Id == id && m.PlanId == planId).Select(m => new { m.Title }).SingleOrDefaultAsync(ct) is { } m ? (m.Title, false) : null,
            CommentTarget.Action => await db.Actions.Where(a => a.Id == id && db.Milestones.Any(m => m.Id == a.MilestoneId && m.PlanId == planId))
                .Select(a => new { a.Description, a.IsInternal }).SingleOrDefaultAsync(ct) is { } a ? (a.Description, a.IsInternal) : null,
            CommentTarget.Risk => await db.Risks.Where(r => r.Id == id && r.PlanId == planId).Select(r => new { r.Description, r.IsInternal }).SingleOrDefaultAsync(ct) is { } r ? (r.Description, r.IsInternal) : null,
            _ => null,
        };
        // The buyer side is never told that an internal item exists.
        return found is { Internal: true } && !access.SeesInternal ? null : found;
    }

    private static IQueryable<Comment> Visible(AppDbContext db, CommentAccess access)
    {
        var q = db.Comments.Where(c => c.PlanId == access.PlanId);
        return access.SeesInternal ? q : q.Where(c => !c.IsInternal);
    }

    private static async Task<Outcome<Comment>> SaveAsync(AppDbContext db, Comment c, CancellationToken ct)
    {
        c.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome<Comment>.Ok(c);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.Comments.Include(x => x.Mentions).AsNoTracking().SingleAsync(x => x.Id == c.Id, ct);
            return Outcome<Comment>.Conflict(CommentDto.From(current));
        }
    }

    /// <summary>
    /// The people a comment names: those picked from the suggestions (checked against who may be
    /// mentioned) and every "@Name" in the text. Internal comments name sellers only, so nothing of
    /// them is ever e-mailed to the buyer side.
    /// </summary>
    private static async Task<Outcome<List<Mentionable>>> ResolveMentionsAsync(AppDbContext db, CommentAccess access, string body, List<MentionRef>? picked, bool isInternal, CancellationToken ct)
    {
        var candidates = await MentionablesAsync(db, access, ct);
        if (isInternal) candidates.RemoveAll(c => c.Kind == MentionKind.Stakeholder);
        var result = new List<Mentionable>();
        foreach (var p in picked ?? [])
        {
            var who = candidates.FirstOrDefault(c => c.Kind == p.Kind && c.Id == p.Id);
            if (who is null)
                return Outcome<List<Mentionable>>.Invalid("mentions", isInternal && p.Kind == MentionKind.Stakeholder
                    ? "Internal comments are for the seller team: mention a colleague, not a stakeholder."
                    : "Mention someone from the suggestions: a member of your team or a stakeholder of this plan.");
            if (body.Contains("@" + who.Name, StringComparison.OrdinalIgnoreCase) && !result.Contains(who)) result.Add(who);
        }
        foreach (var who in candidates.OrderByDescending(c => c.Name.Length))
        {
            if (result.Any(r => r.Name.Equals(who.Name, StringComparison.OrdinalIgnoreCase))) continue; // picked explicitly, or a namesake already named
            if (MentionsName(body, who.Name)) result.Add(who);
        }
        return Outcome<List<Mentionable>>.Ok(result);
    }

    private static bool MentionsName(string body, string name)
    {
        if (name.Length == 0) return false;
        for (var i = body.IndexOf("@" + name, StringComparison.OrdinalIgnoreCase); i >= 0; i = body.IndexOf("@" + name, i + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = i + 1 + name.Length;
            if (end == body.Length || !char.IsLetterOrDigit(body[end])) return true;
        }
        return false;
    }

    private static async Task NotifyAsync(AppDbContext db, CommentAccess access, Comment comment, IEnumerable<Mentionable> people, CancellationToken ct)
    {
        var list = people.Where(p => !(p.Kind == MentionKind.Seller && access.Actor.Kind == ActorKind.Seller && p.Id == access.Actor.Id)).ToList();
        if (list.Count == 0) return;
        var target = await TargetAsync(db, access, comment.Target, comment.TargetId, ct);
        var where = comment.Target == CommentTarget.Plan ? $"on the plan “{access.PlanTitle}”"
            : $"on {comment.Target.ToString().ToLowerInvariant()} “{target?.Title}” in “{access.PlanTitle}”";
        foreach (var p in list)
        {
            db.Notifications.Add(new Notification
            {
                WorkspaceId = access.WorkspaceId, PlanId = access.PlanId, RecipientKind = p.Kind, RecipientId = p.Id,
                Email = p.Kind == MentionKind.Stakeholder ? p.Email : null, CommentId = comment.Id, ActorName = access.Actor.Name,
                Text = Clip($"{access.Actor.Name} mentioned you {where}", 400), Excerpt = CommentText.Excerpt(comment.Body), CreatedAt = comment.EditedAt ?? comment.CreatedAt,
            });
        }
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
