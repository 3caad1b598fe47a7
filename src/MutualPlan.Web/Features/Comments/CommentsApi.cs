using MutualPlan.Planning.Collaboration;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Comments;

public sealed class CommentsApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/plans/{planId:guid}/comments").WithTags("Comments");
        g.MapGet("/", async (Guid planId, CommentTarget? target, Guid? targetId, HttpContext http, AppDbContext db, CancellationToken ct) =>
                await CommentAccess.ForSellerAsync(db, http.Seller(), planId, ct) is { } access
                    ? TypedResults.Ok(await CommentCommands.ThreadsAsync(db, access, target, targetId, ct))
                    : (IResult)ApiResults.NotFound())
            .WithName("ListComments").WithSummary("The plan's comment threads, oldest first; filter by target (Plan, Milestone, Action, Risk) and targetId.")
            .Produces<List<ThreadDto>>().ProducesProblem(404);
        g.MapGet("/{id:guid}", async (Guid planId, Guid id, HttpContext http, AppDbContext db, CancellationToken ct) =>
                await CommentAccess.ForSellerAsync(db, http.Seller(), planId, ct) is { } access
                    ? (await CommentCommands.FindAsync(db, access, id, ct)).ToHttp(c => TypedResults.Ok(c))
                    : ApiResults.NotFound())
            .WithName("GetComment").WithSummary("One comment.").Produces<CommentDto>().ProducesProblem(404);
        g.MapPost("/", async (Guid planId, CommentInput input, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                await CommentAccess.ForSellerAsync(db, http.Seller(), planId, ct) is { } access
                    ? (await CommentCommands.AddAsync(db, access, input, clock, ct)).ToHttp(c => TypedResults.Created($"/api/v1/plans/{planId}/comments/{c.Id}", CommentDto.From(c)))
                    : ApiResults.NotFound())
            .WithName("CreateComment")
            .WithSummary("Comment on the plan or one of its milestones, actions or risks, or reply (parentId). Names typed as @Name, or listed in mentions, notify those people. Comments on internal items are internal.")
            .Produces<CommentDto>(201).ProducesValidationProblem().ProducesProblem(404);
        g.MapPut("/{id:guid}", async (Guid planId, Guid id, CommentEditInput input, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                await CommentAccess.ForSellerAsync(db, http.Seller(), planId, ct) is { } access
                    ? (await CommentCommands.EditAsync(db, access, id, input, clock, ct)).ToHttp(c => TypedResults.Ok(CommentDto.From(c)))
                    : ApiResults.NotFound())
            .WithName("EditComment").WithSummary("Edit your own comment (send the version you read; 409 with the current comment if it changed).")
            .Produces<CommentDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        g.MapDelete("/{id:guid}", async (Guid planId, Guid id, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                await CommentAccess.ForSellerAsync(db, http.Seller(), planId, ct) is { } access
                    ? (await CommentCommands.DeleteAsync(db, access, id, clock, ct)).ToHttp(_ => TypedResults.NoContent())
                    : ApiResults.NotFound())
            .WithName("DeleteComment").WithSummary("Delete your own comment, or a buyer's comment on your plan. A comment with replies stays as “deleted” so the thread still reads.")
            .Produces(204).ProducesProblem(403).ProducesProblem(404);
        foreach (var (verb, resolved) in new[] { ("resolve", true), ("reopen", false) })
        {
            g.MapPost($"/{{id:guid}}/{verb}", async (Guid planId, Guid id, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                    await CommentAccess.ForSellerAsync(db, http.Seller(), planId, ct) is { } access
                        ? (await CommentCommands.SetResolvedAsync(db, access, id, resolved, clock, ct)).ToHttp(c => TypedResults.Ok(CommentDto.From(c)))
                        : ApiResults.NotFound())
                .WithName(resolved ? "ResolveCommentThread" : "ReopenCommentThread")
                .WithSummary(resolved ? "Mark the thread of this comment resolved." : "Reopen the thread of this comment.")
                .Produces<CommentDto>().ProducesProblem(404);
        }
        api.MapGet("/plans/{planId:guid}/mentionable", async (Guid planId, HttpContext http, AppDbContext db, CancellationToken ct) =>
                await CommentAccess.ForSellerAsync(db, http.Seller(), planId, ct) is { } access
                    ? TypedResults.Ok((await CommentCommands.MentionablesAsync(db, access, ct)).Select(m => new MentionDto(m.Kind, m.Id, m.Name)).ToList())
                    : (IResult)ApiResults.NotFound())
            .WithTags("Comments").WithName("ListMentionable").WithSummary("Who can be @mentioned on the plan: the workspace's sellers and the plan's stakeholders.")
            .Produces<List<MentionDto>>().ProducesProblem(404);
    }
}
