using MutualPlan.Planning.Plans;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Items;

/// <summary>
/// The REST endpoints of an <see cref="ItemFeature{TItem,TInput,TDto}"/>: list, get, create,
/// replace, delete and move. <paramref name="parentRoute"/> names the route value of the parent
/// (e.g. "milestoneId") for nested lists, or is null for plan-level lists.
/// </summary>
public static class ItemApi
{
    public static RouteGroupBuilder MapItems<TItem, TInput, TDto>(this RouteGroupBuilder api, string route, string tag,
        string singularName, string pluralName, Func<IServiceProvider, ItemFeature<TItem, TInput, TDto>> feature, string? parentRoute = null)
        where TItem : Entity, IOrdered where TInput : class, IVersionedInput where TDto : notnull
    {
        var g = api.MapGroup(route).WithTags(tag);
        Guid? Parent(HttpContext http) => parentRoute is null ? null : Guid.Parse((string)http.GetRouteValue(parentRoute)!);
        ItemFeature<TItem, TInput, TDto> F(HttpContext http) => feature(http.RequestServices);

        g.MapGet("/", async (Guid planId, HttpContext http, AppDbContext db, CancellationToken ct) =>
                (await F(http).ListAsync(db, http.Seller(), planId, Parent(http), ct)).ToHttp(list => TypedResults.Ok(list.Select(F(http).ToDto).ToList())))
            .WithName($"List{pluralName}").WithSummary($"List the {pluralName.ToLowerInvariant()} in order.")
            .Produces<List<TDto>>().ProducesProblem(404);

        g.MapGet("/{id:guid}", async (Guid planId, Guid id, HttpContext http, AppDbContext db, CancellationToken ct) =>
                (await F(http).FindAsync(db, http.Seller(), planId, Parent(http), id, ct)).ToHttp(item =>
                {
                    http.Response.Headers.ETag = $"\"{item.Version}\"";
                    return TypedResults.Ok(F(http).ToDto(item));
                }))
            .WithName($"Get{singularName}").WithSummary($"Get one {singularName.ToLowerInvariant()}.")
            .Produces<TDto>().ProducesProblem(404);

        g.MapPost("/", async (Guid planId, TInput input, HttpContext http, AppDbContext db, CancellationToken ct) =>
                (await F(http).CreateAsync(db, http.Seller(), planId, Parent(http), input, ct)).ToHttp(item =>
                    TypedResults.Created($"{http.Request.Path.Value!.TrimEnd('/')}/{item.Id}", F(http).ToDto(item))))
            .WithName($"Create{singularName}").WithSummary($"Add a {singularName.ToLowerInvariant()} at the end of the list.")
            .Produces<TDto>(201).ProducesValidationProblem().ProducesProblem(404);

        g.MapPut("/{id:guid}", async (Guid planId, Guid id, TInput input, HttpContext http, AppDbContext db, CancellationToken ct) =>
                (await F(http).UpdateAsync(db, http.Seller(), planId, Parent(http), id, input, ct)).ToHttp(item => TypedResults.Ok(F(http).ToDto(item))))
            .WithName($"Update{singularName}")
            .WithSummary($"Replace a {singularName.ToLowerInvariant()}'s fields.")
            .WithDescription("Send every field and the `version` you read; a stale version is refused with 409 and the current state.")
            .Produces<TDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        g.MapDelete("/{id:guid}", async (Guid planId, Guid id, HttpContext http, AppDbContext db, CancellationToken ct) =>
                (await F(http).DeleteAsync(db, http.Seller(), planId, Parent(http), id, ct)).ToHttp(_ => TypedResults.NoContent()))
            .WithName($"Delete{singularName}").WithSummary($"Delete a {singularName.ToLowerInvariant()}.")
            .Produces(204).ProducesProblem(404);

        g.MapPost("/{id:guid}/move", async (Guid planId, Guid id, MoveInput input, HttpContext http, AppDbContext db, CancellationToken ct) =>
                (await F(http).MoveAsync(db, http.Seller(), planId, Parent(http), id, input.Position, ct))
                    .ToHttp(list => TypedResults.Ok(list.Select(F(http).ToDto).ToList())))
            .WithName($"Move{singularName}").WithSummary($"Move a {singularName.ToLowerInvariant()} to a new 0-based position; returns the reordered list.")
            .Produces<List<TDto>>().ProducesProblem(404);
        return g;
    }
}
