using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Features.Sharing;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Engagement;

/// <summary>
/// What a buyer's browser reports every few seconds: the seconds it was visible and in use since
/// its last report, and for each section of the page the seconds it was on screen meanwhile.
/// </summary>
public sealed class BeatInput
{
    [JsonPropertyName("active")] public int Active { get; set; }
    [JsonPropertyName("sections")] public Dictionary<string, int>? Sections { get; set; }

    /// <summary>Reads a report; null when the body is not one (too large, not JSON, wrong shape).</summary>
    public static async Task<BeatInput?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is > 4096) return null;
        try
        {
            var input = await JsonSerializer.DeserializeAsync<BeatInput>(request.Body, cancellationToken: ct);
            if (input is null || input.Active < 0 || input.Sections is { Count: > 32 }) return null;
            if (input.Sections is not null && input.Sections.Values.Any(v => v < 0)) return null;
            return input;
        }
        catch (JsonException) { return null; }
    }
}

public sealed record SectionTimeDto(string Section, string Label, int Seconds, DateTimeOffset LastSeenAt);

/// <summary>One person on the buyer side: a stakeholder, an e-mail address, or an anonymous visitor of a link.</summary>
public sealed record PersonEngagementDto(string Key, string Name, string? Email, Guid? StakeholderId, IReadOnlyList<Guid> LinkIds,
    DateTimeOffset FirstViewAt, DateTimeOffset LastViewAt, int Visits, int PageViews, int ActiveSeconds, IReadOnlyList<SectionTimeDto> Sections);

/// <summary>One share link: who came through it and how much they did.</summary>
public sealed record LinkEngagementDto(Guid LinkId, string Label, bool Active, int People, DateTimeOffset? FirstViewAt, DateTimeOffset? LastViewAt,
    int Visits, int PageViews, int ActiveSeconds, IReadOnlyList<SectionTimeDto> Sections);

public sealed record EngagementDto(Guid PlanId, DateTimeOffset? BuyerLastActiveAt, int Visits, int ActiveSeconds,
    IReadOnlyList<PersonEngagementDto> People, IReadOnlyList<LinkEngagementDto> Links, IReadOnlyList<SectionTimeDto> Sections);

/// <summary>Records the views and reported activity of link visitors. Sellers looking at their own plan's link are not counted.</summary>
public static class EngagementRecorder
{
    /// <summary>Whether the request also carries the session of a seller of the plan's workspace (previewing their own link).</summary>
    public static async Task<bool> IsOwnSellerAsync(HttpContext http, Guid workspaceId)
    {
        var result = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        return result.Principal is { } p && WorkspaceUser.From(p)?.WorkspaceId == workspaceId;
    }

    private static Task<EngagementVisit?> LatestAsync(AppDbContext db, Guid visitorId, CancellationToken ct) =>
        db.EngagementVisits.Where(v => v.VisitorId == visitorId).OrderByDescending(v => v.LastSeenAt).FirstOrDefaultAsync(ct);

    /// <summary>A page view of the buyer's view: continues the visitor's visit or starts a new one.</summary>
    public static async Task RecordViewAsync(AppDbContext db, BuyerSession session, DateTimeOffset now, CancellationToken ct = default)
    {
        var visit = await LatestAsync(db, session.VisitorId, ct);
        if (visit is not null && EngagementRules.Continues(visit.LastSeenAt, now))
        {
            visit.PageViews++;
            visit.LastSeenAt = now;
        }
        else
        {
            db.EngagementVisits.Add(new EngagementVisit
            {
                PlanId = session.PlanId, LinkId = session.Link.Id, VisitorId = session.VisitorId,
                StartedAt = now, LastSeenAt = now, PageViews = 1,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A report of activity: credits the capped active time to the visitor's visit and each
    /// reported section (never more than the active time credited). A report with no activity
    /// changes nothing, so an idle tab neither adds time nor keeps the visitor "last active".
    /// Returns the seconds credited.
    /// </summary>
    public static async Task<int> RecordBeatAsync(AppDbContext db, BuyerSession session, BeatInput input, DateTimeOffset now, CancellationToken ct = default)
    {
        var visit = await LatestAsync(db, session.VisitorId, ct);
        DateTimeOffset? lastHeard = null;
        if (visit is not null && EngagementRules.Continues(visit.LastSeenAt, now)) lastHeard = visit.LastSeenAt;
        else visit = null;

        var credit = EngagementRules.Credit(input.Active, lastHeard, now);
        if (credit == 0) return 0;
        if (visit is null)
        {
            visit = new EngagementVisit { PlanId = session.PlanId, LinkId = session.Link.Id, VisitorId = session.VisitorId, StartedAt = now };
            db.EngagementVisits.Add(visit);
        }
        visit.ActiveSeconds += credit;
        visit.LastSeenAt = now;

        var reported = (input.Sections ?? [])
            .Where(kv => EngagementRules.IsSection(kv.Key) && kv.Value > 0)
            .ToDictionary(kv => kv.Key, kv => Math.Min(kv.Value, credit));
        if (reported.Count > 0)
        {
            var keys = reported.Keys.ToList();
            var existing = db.Entry(visit).State == EntityState.Added ? []
                : await db.EngagementSections.Where(s => s.VisitId == visit.Id && keys.Contains(s.Section)).ToListAsync(ct);
            foreach (var (key, seconds) in reported)
            {
                var row = existing.FirstOrDefault(s => s.Section == key);
                if (row is null)
                {
                    db.EngagementSections.Add(new EngagementSection
                    {
                        VisitId = visit.Id, PlanId = session.PlanId, Section = key, Seconds = seconds, FirstSeenAt = now, LastSeenAt = now,
                    });
                }
                else
                {
                    row.Seconds += seconds;
                    row.LastSeenAt = now;
                }
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two tabs of one visitor reported the same new section at the same moment: the other
            // report counted; this one's seconds would double them anyway.
            db.ChangeTracker.Clear();
            return 0;
        }
        return credit;
    }
}

public static class EngagementQueries
{
    /// <summary>When someone on the buyer side last viewed or used each plan (plans never opened are absent).</summary>
    public static async Task<Dictionary<Guid, DateTimeOffset>> LastActiveAsync(AppDbContext db, IReadOnlyCollection<Guid> planIds, CancellationToken ct = default)
    {
        if (planIds.Count == 0) return [];
        var rows = await db.EngagementVisits.AsNoTracking().Where(v => planIds.Contains(v.PlanId))
            .GroupBy(v => v.PlanId).Select(g => new { PlanId = g.Key, Last = g.Max(v => v.LastSeenAt) }).ToListAsync(ct);
        return rows.ToDictionary(r => r.PlanId, r => r.Last);
    }

    /// <summary>The engagement of a plan's buyer side, per person, per link and per section. The caller has checked the plan's workspace.</summary>
    public static async Task<EngagementDto> ReportAsync(AppDbContext db, Guid planId, DateTimeOffset now, CancellationToken ct = default)
    {
        var visits = await db.EngagementVisits.AsNoTracking().Where(v => v.PlanId == planId).ToListAsync(ct);
        var sections = await db.EngagementSections.AsNoTracking().Where(s => s.PlanId == planId).ToListAsync(ct);
        var links = await db.ShareLinks.AsNoTracking().Where(l => l.PlanId == planId).OrderBy(l => l.CreatedAt).ToListAsync(ct);
        var visitorIds = visits.Select(v => v.VisitorId).Distinct().ToList();
        var visitors = await db.LinkVisitors.AsNoTracking().Where(v => visitorIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        var stakeholders = await db.Stakeholders.AsNoTracking().Where(s => s.PlanId == planId)
            .Select(s => new { s.Id, s.Name, s.Email }).ToDictionaryAsync(s => s.Id, ct);
        var linkById = links.ToDictionary(l => l.Id);
        var sectionsByVisit = sections.ToLookup(s => s.VisitId);

        // A person is a stakeholder (personal link or verified address), else an e-mail address, else one anonymous visitor.
        (string Key, string Name, string? Email, Guid? Stakeholder) PersonOf(EngagementVisit v)
        {
            visitors.TryGetValue(v.VisitorId, out var who);
            if (who?.StakeholderId is { } sid && stakeholders.TryGetValue(sid, out var s))
                return ($"stakeholder:{sid}", s.Name, who.Email ?? s.Email, sid);
            if (!string.IsNullOrWhiteSpace(who?.Email))
                return ($"email:{who.Email.Trim().ToLowerInvariant()}", string.IsNullOrWhiteSpace(who.Name) ? who.Email : who.Name, who.Email, null);
            var label = linkById.TryGetValue(v.LinkId, out var l) ? l.Label : "a link";
            return ($"visitor:{v.VisitorId}", string.IsNullOrWhiteSpace(who?.Name) ? $"Unnamed visitor of “{label}”" : who.Name, null, null);
        }

        static List<SectionTimeDto> Sum(IEnumerable<EngagementSection> rows) =>
        [
            .. rows.GroupBy(s => s.Section)
                .Select(g => new SectionTimeDto(g.Key, EngagementRules.LabelOf(g.Key), g.Sum(s => s.Seconds), g.Max(s => s.LastSeenAt)))
                .OrderBy(s => EngagementRules.OrderOf(s.Section)),
        ];

        var people = visits.GroupBy(PersonOf).Select(g => new PersonEngagementDto(
                g.Key.Key, g.Key.Name, g.Key.Email, g.Key.Stakeholder, [.. g.Select(v => v.LinkId).Distinct()],
                g.Min(v => v.StartedAt), g.Max(v => v.LastSeenAt), g.Count(), g.Sum(v => v.PageViews), g.Sum(v => v.ActiveSeconds),
                Sum(g.SelectMany(v => sectionsByVisit[v.Id]))))
            .OrderByDescending(p => p.LastViewAt).ToList();

        var byLink = visits.ToLookup(v => v.LinkId);
        var linkRows = links.Where(l => l.IsActive(now) || byLink[l.Id].Any()).Select(l =>
        {
            var vs = byLink[l.Id].ToList();
            return new LinkEngagementDto(l.Id, l.Label, l.IsActive(now), vs.Select(PersonOf).Select(p => p.Key).Distinct().Count(),
                vs.Count == 0 ? null : vs.Min(v => v.StartedAt), vs.Count == 0 ? null : vs.Max(v => v.LastSeenAt),
                vs.Count, vs.Sum(v => v.PageViews), vs.Sum(v => v.ActiveSeconds), Sum(vs.SelectMany(v => sectionsByVisit[v.Id])));
        }).ToList();

        return new EngagementDto(planId, visits.Count == 0 ? null : visits.Max(v => v.LastSeenAt), visits.Count, visits.Sum(v => v.ActiveSeconds),
            people, linkRows, Sum(sections));
    }
}

public sealed class EngagementApi : IApiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/plans/{planId:guid}/engagement", async (Guid planId, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                if (await db.FindPlanAsync(http.Seller(), planId, ct) is null) return (IResult)ApiResults.NotFound();
                return TypedResults.Ok(await EngagementQueries.ReportAsync(db, planId, clock.GetUtcNow(), ct));
            })
            .WithTags("Engagement").WithName("GetEngagement")
            .WithSummary("How the buyer side engages with the shared plan, per person and per share link: first and last view, visits (a visit ends after 30 minutes without activity), page views, active seconds (counted only while the page was visible and the visitor active, capped by the server) and the seconds each section of the buyer's view was on screen. buyerLastActiveAt is the latest view or activity. Sellers' own views are not counted.")
            .Produces<EngagementDto>().ProducesProblem(404);
    }
}
