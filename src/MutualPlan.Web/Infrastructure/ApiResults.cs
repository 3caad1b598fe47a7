using Microsoft.AspNetCore.Http.HttpResults;

namespace MutualPlan.Web.Infrastructure;

/// <summary>Maps a use case's <see cref="Outcome{T}"/> to RFC 9457 responses for the API.</summary>
public static class ApiResults
{
    public static IResult ToHttp<T>(this Outcome<T> outcome, Func<T, IResult> ok) => outcome.Kind switch
    {
        OutcomeKind.Ok => ok(outcome.Value!),
        OutcomeKind.NotFound => NotFound(),
        OutcomeKind.Invalid => Invalid(outcome.Errors!),
        OutcomeKind.Conflict => Conflict(outcome.Current),
        OutcomeKind.Forbidden => TypedResults.Problem(title: "Not allowed", detail: outcome.Errors!.For("") ?? "You may not change this.", statusCode: StatusCodes.Status403Forbidden),
        _ => throw new InvalidOperationException(),
    };

    public static ProblemHttpResult NotFound(string detail = "No such item in your workspace.") =>
        TypedResults.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static ValidationProblem Invalid(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors, title: "The request has invalid fields.",
            detail: string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));

    /// <summary>409 with the current state, so the client can merge instead of overwriting.</summary>
    public static ProblemHttpResult Conflict(object? current) =>
        TypedResults.Problem(title: "Edit conflict",
            detail: "This item was changed by someone else since you loaded it. The current state is included; apply your change to it and try again.",
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["current"] = current });
}
