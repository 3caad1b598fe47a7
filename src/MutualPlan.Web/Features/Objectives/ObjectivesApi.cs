using Microsoft.AspNetCore.Http.HttpResults;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Objectives;

public sealed class ObjectivesApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/plans/{planId:guid}/objectives").WithTags("Objectives");

        g.MapGet("/", async Task<Results<Ok<List<ObjectiveDto>>, ProblemHttpResult>> (Guid planId, HttpContext http, AppDbContext db, CancellationToken ct) =>
        {
            if (await db.FindPlanAsync(http.Seller(), planId, ct) is null) return ApiResults.NotFound();
            return TypedResults.Ok((await ObjectiveCommands.ListAsync(db, http.Seller(), planId, ct)).Select(ObjectiveDto.From).ToList());
        }).WithName("ListObjectives").WithSummary("List a plan's objectives in order.");

        g.MapGet("/{id:guid}", async Task<Results<Ok<ObjectiveDto>, ProblemHttpResult>> (Guid planId, Guid id, HttpContext http, AppDbContext db, CancellationToken ct) =>
        {
            var o = await ObjectiveCommands.FindAsync(db, http.Seller(), planId, id, ct);
            if (o is null) return ApiResults.NotFound();
            http.Response.Headers.ETag = $"\"{o.Version}\"";
            return TypedResults.Ok(ObjectiveDto.From(o));
        }).WithName("GetObjective").WithSummary("Get one objective.");

        g.MapPost("/", async (Guid planId, ObjectiveInput input, HttpContext http, AppDbContext db, CancellationToken ct) =>
            (await ObjectiveCommands.CreateAsync(db, http.Seller(), planId, input, ct))
                .ToHttp(o => TypedResults.Created($"/api/v1/plans/{planId}/objectives/{o.Id}", ObjectiveDto.From(o))))
            .WithName("CreateObjective").WithSummary("Add an objective at the end of the list.")
            .Produces<ObjectiveDto>(201).ProducesValidationProblem().ProducesProblem(404);

        g.MapPut("/{id:guid}", async (Guid planId, Guid id, ObjectiveInput input, HttpContext http, AppDbContext db, CancellationToken ct) =>
            (await ObjectiveCommands.UpdateAsync(db, http.Seller(), planId, id, input, ct)).ToHttp(o => TypedResults.Ok(ObjectiveDto.From(o))))
            .WithName("UpdateObjective").WithSummary("Replace an objective's fields; send the version you read.")
            .Produces<ObjectiveDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        g.MapDelete("/{id:guid}", async (Guid planId, Guid id, HttpContext http, AppDbContext db, CancellationToken ct) =>
            (await ObjectiveCommands.DeleteAsync(db, http.Seller(), planId, id, ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("DeleteObjective").WithSummary("Delete an objective.").Produces(204).ProducesProblem(404);

        g.MapPost("/{id:guid}/move", async (Guid planId, Guid id, MoveInput input, HttpContext http, AppDbContext db, CancellationToken ct) =>
            (await ObjectiveCommands.MoveAsync(db, http.Seller(), planId, id, input.Position, ct))
                .ToHttp(list => TypedResults.Ok(list.Select(ObjectiveDto.From).ToList())))
            .WithName("MoveObjective").WithSummary("Move an objective to a new 0-based position; returns the reordered list.")
            .Produces<List<ObjectiveDto>>().ProducesProblem(404);
    }
}
