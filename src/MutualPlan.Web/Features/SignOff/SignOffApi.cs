using System.ComponentModel;
using MutualPlan.Planning.Plans;
using MutualPlan.Planning.SignOff;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.SignOff;

public sealed record SignatureDto(string Name, string Title, DateTimeOffset SignedAt, string? IpAddress, string? UserAgent, int PlanRevision, string ContentHash);

public sealed record SignerDto(Guid Id, Side Side, string Name, string Role, Guid? StakeholderId, Guid? UserId, SignatureDto? Signature)
{
    public static SignerDto From(SignOffSigner s) => new(s.Id, s.Side, s.Name, s.Role, s.StakeholderId, s.UserId,
        s.SignedAt is { } at ? new SignatureDto(s.SignedName ?? "", s.SignedTitle ?? "", at, s.IpAddress, s.UserAgent, s.SignedRevision ?? 0, s.SignedHash ?? "") : null);
}

public sealed record SignOffRoundDto(Guid Id, int Number, SignOffRoundStatus Status, string? Message, string RequestedBy, DateTimeOffset RequestedAt,
    int PlanRevision, string ContentHash, DateTimeOffset? EndedAt, List<SignerDto> Signers,
    [property: Description("The seller who cancelled the request (status Cancelled); null otherwise.")] string? CancelledBy = null,
    [property: Description("Why the request was cancelled, when the seller gave a reason.")] string? CancelReason = null)
{
    public static SignOffRoundDto From(SignOffRound r) => new(r.Id, r.Number, r.Status, r.Message, r.RequestedBy, r.RequestedAt,
        r.PlanRevision, r.ContentHash, r.EndedAt, r.Signers.Select(SignerDto.From).ToList(), r.CancelledBy, r.CancelReason);
}

public sealed record MilestoneChangeDto(Guid MilestoneId, string Title, List<MilestoneChangeKind> Kinds, DateOnly? BaselineDate, DateOnly? CurrentDate,
    int? DaysMoved, OwnerSide? BaselineOwner, OwnerSide? CurrentOwner, string Description)
{
    public static MilestoneChangeDto From(MilestoneChange c) => new(c.MilestoneId, c.Title, [.. c.Kinds], c.BaselineDate, c.CurrentDate,
        c.DaysMoved, c.BaselineOwner, c.CurrentOwner, BaselineDiff.Describe(c));
}

public sealed record BaselineDiffDto(bool Signed, Guid? BaselineRoundId, DateTimeOffset? SignedAt, bool ChangedSinceSigned, List<MilestoneChangeDto> Changes)
{
    public static BaselineDiffDto From(SignOffState s) => new(s.Baseline is not null, s.Baseline?.Id, s.Baseline?.EndedAt, s.ChangedSinceSigned,
        s.Changes.Select(MilestoneChangeDto.From).ToList());
}

/// <summary>Where the plan's sign-off stands: the status, the current content hash and revision, and every round with its signatures.</summary>
public sealed record SignOffDto(SignOffStatus Status, string CurrentContentHash, int CurrentRevision, bool ChangedSinceSigned,
    Guid? OpenRoundId, Guid? BaselineRoundId, List<SignOffRoundDto> Rounds)
{
    public static SignOffDto From(SignOffContext c) => new(c.State.Status, c.State.CurrentHash, c.Plan.Revision, c.State.ChangedSinceSigned,
        c.State.Open?.Id, c.State.Baseline?.Id, c.State.Rounds.Select(SignOffRoundDto.From).ToList());
}

public sealed class SignOffApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/plans/{planId:guid}/sign-off").WithTags("Sign-off");
        g.MapGet("/", async (Guid planId, HttpContext http, AppDbContext db, CancellationToken ct) =>
                await SignOffCommands.LoadAsync(db, http.Seller(), planId, ct: ct) is { } c ? Results.Ok(SignOffDto.From(c)) : ApiResults.NotFound())
            .WithName("GetSignOff").WithSummary("Where the plan's sign-off stands, with the whole signing trail.")
            .WithDescription("`currentContentHash` is the SHA-256 of the plan's signed content as it is now; send it with a signature.")
            .Produces<SignOffDto>().ProducesProblem(404);
        g.MapGet("/content", async (Guid planId, int? round, HttpContext http, AppDbContext db, CancellationToken ct) =>
            {
                var c = await SignOffCommands.LoadAsync(db, http.Seller(), planId, ct: ct);
                if (c is null) return ApiResults.NotFound();
                if (round is null) return Results.Text(SignedContent.Render(c.Plan, c.OwnerName), "application/json; charset=utf-8");
                var r = c.State.Rounds.FirstOrDefault(x => x.Number == round);
                return r is null ? ApiResults.NotFound("This plan has no sign-off round with that number.") : Results.Text(r.Content, "application/json; charset=utf-8");
            })
            .WithName("GetSignedContent").WithSummary("The canonical signed content (current, or of round `round`): its SHA-256 is the content hash.")
            .Produces<string>(200, "application/json").ProducesProblem(404);
        g.MapPost("/requests", async (Guid planId, SignOffRequestInput input, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
                (await SignOffCommands.RequestAsync(db, http.Seller(), planId, input, clock, ct)).ToHttp(r =>
                    TypedResults.Created($"/api/v1/plans/{planId}/sign-off", SignOffRoundDto.From(r))))
            .WithName("RequestSignOff").WithSummary("Ask named people on both sides to sign the plan as it is now.")
            .WithDescription("`stakeholderIds`: buyer stakeholders (at least one, usually the champion); `userIds`: sellers (the plan owner at least). " +
                "Omit both to ask the signers of the last request again (re-acceptance after a change). An open request is replaced.")
            .Produces<SignOffRoundDto>(201).ProducesValidationProblem().ProducesProblem(404);
        g.MapPost("/cancel", async (Guid planId, SignOffCancelInput input, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var outcome = await SignOffCommands.CancelAsync(db, http.Seller(), planId, input, clock, ct);
                return outcome.Kind == OutcomeKind.Conflict
                    ? TypedResults.Problem(title: "Nothing to cancel", detail: outcome.Current as string, statusCode: StatusCodes.Status409Conflict)
                    : outcome.ToHttp(r => TypedResults.Ok(SignOffRoundDto.From(r)));
            })
            .WithName("CancelSignOff").WithSummary("Cancel the open sign-off request, with an optional reason.")
            .WithDescription("The round becomes `Cancelled` and stays in the signing trail with its signatures so far, who cancelled it and the reason; " +
                "nobody can sign it any more (signing answers 409). Send `roundId` to cancel only if that round is still the open one. " +
                "409 when no request is open, including when sign-off is already complete.")
            .Produces<SignOffRoundDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        g.MapPost("/signatures", async (Guid planId, SignatureInput input, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var seller = http.Seller();
                var outcome = await SignOffCommands.SignAsync(db, seller, planId, input,
                    round => round.Signers.FirstOrDefault(s => s.Side == Side.Seller && s.UserId == seller.UserId),
                    "You are not among the signers of this request.", SignatureOrigin.Of(http), clock, ct);
                return outcome.Kind == OutcomeKind.Conflict && outcome.Current is SignRefusal refusal
                    ? Refused(refusal)
                    : outcome.ToHttp(s => TypedResults.Created($"/api/v1/plans/{planId}/sign-off", SignerDto.From(s)));
            })
            .WithName("SignPlan").WithSummary("Sign the open request as yourself: your full name as the request names you, your title, and the content hash you read.")
            .WithDescription("Refused with 409 when the plan changed since the request or since you read it (sign the current version), " +
                "when there is no open request or you already signed; 403 when you are not a signer.")
            .Produces<SignerDto>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        g.MapGet("/baseline-diff", async (Guid planId, HttpContext http, AppDbContext db, CancellationToken ct) =>
                await SignOffCommands.LoadAsync(db, http.Seller(), planId, ct: ct) is { } c ? Results.Ok(BaselineDiffDto.From(c.State)) : ApiResults.NotFound())
            .WithName("GetBaselineDiff").WithSummary("How the milestones differ from the signed baseline: added, removed, moved, owner changed.")
            .Produces<BaselineDiffDto>().ProducesProblem(404);
    }

    public static IResult Refused(SignRefusal refusal) =>
        TypedResults.Problem(title: "Signature refused", detail: refusal.Detail, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["currentContentHash"] = refusal.CurrentContentHash, ["currentRevision"] = refusal.CurrentRevision });
}
