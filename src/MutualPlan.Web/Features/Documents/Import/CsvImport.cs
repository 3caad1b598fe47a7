using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Planning.Documents;
using MutualPlan.Planning.Plans;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Milestones;
using MutualPlan.Web.Features.Plans;
using MutualPlan.Web.Features.Stakeholders;
using MutualPlan.Web.Infrastructure;

namespace MutualPlan.Web.Features.Documents.Import;

/// <summary>What can be imported: the plan's own lists that people keep in spreadsheets.</summary>
public enum ImportKind { Milestones, Actions, Stakeholders }

/// <summary>A problem with one row (Row = its line in the file; 1 is the header), or with the file itself (Column null).</summary>
public sealed record ImportError(int Row, string? Column, string Message);

/// <summary>One row as it would be (or was) imported.</summary>
public sealed record ImportRow(int Row, string Label, bool Ok);

public sealed record ImportResult(ImportKind Kind, bool Written, IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Imports milestones, actions or stakeholders from CSV (the same columns the export writes). Every
/// row goes through the very use case the form and the API use — same validation, same activity
/// record — inside one transaction: a preview (or any bad row) rolls it all back, so nothing is
/// written until the user confirms, and then every row is written or none.
/// </summary>
public sealed class CsvImporter(MilestoneFeature milestones, ActionFeature actions, AssumptionFeature assumptions, StakeholderFeature stakeholders)
{
    public const int MaxRows = 1000;

    public async Task<Outcome<ImportResult>> ImportAsync(AppDbContext db, WorkspaceUser user, Guid planId, ImportKind kind, string csv, bool confirm, CancellationToken ct = default)
    {
        if (await db.FindPlanAsync(user, planId, ct) is null) return Outcome<ImportResult>.NotFound();
        CsvTable table;
        try { table = CsvTable.Parse(csv); }
        catch (CsvFormatException e) { return Done(kind, [], [new ImportError(e.Line, null, e.Message)]); }
        if (table.Rows.Count == 0) return Done(kind, [], [new ImportError(1, null, "The file has a header but no rows to import.")]);
        if (table.Rows.Count > MaxRows) return Done(kind, [], [new ImportError(1, null, $"Import at most {MaxRows} rows at a time; this file has {table.Rows.Count}.")]);

        var columns = ImportColumns.For(kind);
        var headerErrors = columns.CheckHeader(table.Header);
        if (headerErrors.Count > 0) return Done(kind, [], headerErrors);

        var rows = new List<ImportRow>();
        var errors = new List<ImportError>();
        // Nothing of a preview may outlive it: the rows are written through the real use cases in a
        // transaction that is rolled back unless the user confirmed and every row was good.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var context = await ImportContext.LoadAsync(db, planId, ct);
        foreach (var row in table.Rows)
        {
            var values = new RowValues(row, table.Header);
            var (label, rowErrors) = kind switch
            {
                ImportKind.Milestones => await MilestoneAsync(db, user, planId, values, context, ct),
                ImportKind.Actions => await ActionAsync(db, user, planId, values, context, ct),
                _ => await StakeholderAsync(db, user, planId, values, context, ct),
            };
            rows.Add(new ImportRow(row.Line, label, rowErrors.Count == 0));
            errors.AddRange(rowErrors);
        }
        var write = confirm && errors.Count == 0;
        if (write) await tx.CommitAsync(ct);
        else
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
        }
        return Outcome<ImportResult>.Ok(new ImportResult(kind, write, rows, errors));
    }

    private static Outcome<ImportResult> Done(ImportKind kind, List<ImportRow> rows, List<ImportError> errors) =>
        Outcome<ImportResult>.Ok(new ImportResult(kind, false, rows, errors));

    private async Task<(string, List<ImportError>)> MilestoneAsync(AppDbContext db, WorkspaceUser user, Guid planId, RowValues v, ImportContext ctx, CancellationToken ct)
    {
        var title = v.Text("Title") ?? "";
        var input = new MilestoneInput
        {
            Title = title, Phase = v.Enum<MilestonePhase>("Phase"), Owner = v.Enum<OwnerSide>("Owner"), TargetDate = v.Date("Target date"),
            Status = v.Enum<MilestoneStatus>("Status") ?? MilestoneStatus.Planned, Bridge = v.Text("Bridge"), Description = v.Text("Description"),
            DependsOn = v.List("Depends on").Select(t => ctx.Milestone(t, v, "Depends on")).OfType<Guid>().ToList(),
        };
        if (v.Errors.Count > 0) return (title, v.AlsoInvalid(input, MilestoneColumns));
        var created = await milestones.CreateAsync(db, user, planId, null, input, ct);
        if (!created.IsOk) return (title, v.FromOutcome(created.Errors, MilestoneColumns));
        ctx.Milestones[title.Trim()] = created.Value!.Id;
        foreach (var text in v.List("Assumptions"))
        {
            var a = await assumptions.CreateAsync(db, user, planId, created.Value.Id, new AssumptionInput { Text = text }, ct);
            if (!a.IsOk) v.FromOutcome(a.Errors, new() { ["text"] = "Assumptions" });
        }
        return (title, v.Errors);
    }

    private async Task<(string, List<ImportError>)> ActionAsync(AppDbContext db, WorkspaceUser user, Guid planId, RowValues v, ImportContext ctx, CancellationToken ct)
    {
        var description = v.Text("Action") ?? "";
        var milestone = v.Text("Milestone") is { } m ? ctx.Milestone(m, v, "Milestone") : v.Required("Milestone", "Name the milestone this action belongs to (its title).");
        var input = new ActionInput
        {
            Description = description, Side = v.Enum<Side>("Side"), DueDate = v.Date("Due date"),
            Status = v.Enum<ActionStatus>("Status") ?? ActionStatus.NotStarted, Notes = v.Text("Notes"), IsInternal = v.YesNo("Internal") ?? false,
            AssigneeId = v.Text("Assignee") is { } who ? ctx.Stakeholder(who, v, "Assignee") : null,
        };
        if (v.Errors.Count > 0 || milestone is null) return (description, v.AlsoInvalid(input, ActionColumns));
        var created = await actions.CreateAsync(db, user, planId, milestone, input, ct);
        return (description, created.IsOk ? v.Errors : v.FromOutcome(created.Errors, ActionColumns));
    }

    private async Task<(string, List<ImportError>)> StakeholderAsync(AppDbContext db, WorkspaceUser user, Guid planId, RowValues v, ImportContext ctx, CancellationToken ct)
    {
        var name = v.Text("Name") ?? "";
        var input = new StakeholderInput
        {
            Name = name, Side = v.Enum<Side>("Side"), Title = v.Text("Title"), Function = v.Text("Function"), Email = v.Text("E-mail"),
            Phone = v.Text("Phone"), Role = v.Enum<StakeholderRole>("Role"), BuyIn = v.Enum<BuyIn>("Buy-in"), DecisionRole = v.Enum<DecisionRole>("Decision role"),
            Engagement = v.Enum<EngagementTiming>("Engage"), PrimaryConcern = v.Text("Primary concern"), Involvement = v.Text("Involvement"),
            ReportsToId = v.Text("Reports to") is { } boss ? ctx.Stakeholder(boss, v, "Reports to") : null,
        };
        if (v.Errors.Count > 0) return (name, v.AlsoInvalid(input, StakeholderColumns));
        var created = await stakeholders.CreateAsync(db, user, planId, null, input, ct);
        if (created.IsOk) ctx.Stakeholders.TryAdd(name.Trim(), created.Value!.Id);
        return (name, created.IsOk ? v.Errors : v.FromOutcome(created.Errors, StakeholderColumns));
    }

    // The use cases name fields as the API does (camelCase); a row error names the CSV column.
    private static readonly Dictionary<string, string> MilestoneColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["title"] = "Title", ["phase"] = "Phase", ["owner"] = "Owner", ["targetDate"] = "Target date", ["status"] = "Status",
        ["bridge"] = "Bridge", ["description"] = "Description", ["dependsOn"] = "Depends on",
    };
    private static readonly Dictionary<string, string> ActionColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["description"] = "Action", ["side"] = "Side", ["dueDate"] = "Due date", ["status"] = "Status", ["notes"] = "Notes",
        ["isInternal"] = "Internal", ["assigneeId"] = "Assignee",
    };
    private static readonly Dictionary<string, string> StakeholderColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "Name", ["side"] = "Side", ["title"] = "Title", ["function"] = "Function", ["email"] = "E-mail", ["phone"] = "Phone",
        ["role"] = "Role", ["buyIn"] = "Buy-in", ["decisionRole"] = "Decision role", ["engagement"] = "Engage",
        ["primaryConcern"] = "Primary concern", ["involvement"] = "Involvement", ["reportsToId"] = "Reports to",
    };
}

/// <summary>The plan's milestones and stakeholders by name, growing as rows are imported, so rows can refer to earlier ones.</summary>
internal sealed class ImportContext
{
    public Dictionary<string, Guid> Milestones { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, Guid> Stakeholders { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<ImportContext> LoadAsync(AppDbContext db, Guid planId, CancellationToken ct)
    {
        var ctx = new ImportContext();
        foreach (var m in await db.Milestones.Where(m => m.PlanId == planId).Select(m => new { m.Id, m.Title }).ToListAsync(ct))
            ctx.Milestones.TryAdd(m.Title.Trim(), m.Id);
        foreach (var s in await db.Stakeholders.Where(s => s.PlanId == planId).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
            ctx.Stakeholders.TryAdd(s.Name.Trim(), s.Id);
        return ctx;
    }

    public Guid? Milestone(string title, RowValues v, string column) =>
        Milestones.TryGetValue(title.Trim(), out var id) ? id : v.Fail(column, $"No milestone titled “{title.Trim()}” in this plan (or earlier in the file).");

    public Guid? Stakeholder(string name, RowValues v, string column) =>
        Stakeholders.TryGetValue(name.Trim(), out var id) ? id : v.Fail(column, $"No stakeholder named “{name.Trim()}” in this plan (or earlier in the file).");
}

/// <summary>The columns a kind of import reads: the export's header, of which some are export-only.</summary>
internal sealed record ImportColumns(string[] Read, string[] Required, string[] ExportOnly)
{
    public static ImportColumns For(ImportKind kind) => kind switch
    {
        ImportKind.Milestones => new(["Title", "Phase", "Owner", "Target date", "Status", "Depends on", "Assumptions", "Bridge", "Description"],
            ["Title", "Phase", "Owner", "Target date"], ["Baseline date", "Completed on"]),
        ImportKind.Actions => new(["Milestone", "Action", "Side", "Assignee", "Due date", "Status", "Notes", "Internal"],
            ["Milestone", "Action", "Side"], ["Completed on"]),
        _ => new(["Name", "Side", "Title", "Function", "E-mail", "Phone", "Role", "Buy-in", "Decision role", "Engage", "Primary concern", "Reports to", "Involvement"],
            ["Name", "Side"], []),
    };

    public List<ImportError> CheckHeader(IReadOnlyList<string> header)
    {
        var errors = new List<ImportError>();
        foreach (var h in header.Where(h => h.Length > 0))
            if (!Read.Contains(h, StringComparer.OrdinalIgnoreCase) && !ExportOnly.Contains(h, StringComparer.OrdinalIgnoreCase))
                errors.Add(new ImportError(1, h, $"Unknown column “{h}”. The columns are: {string.Join(", ", Read)}."));
        foreach (var dup in header.Where(h => h.Length > 0).GroupBy(h => h, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            errors.Add(new ImportError(1, dup.Key, $"The column “{dup.Key}” appears twice."));
        foreach (var r in Required.Where(r => !header.Contains(r, StringComparer.OrdinalIgnoreCase)))
            errors.Add(new ImportError(1, r, $"The column “{r}” is missing."));
        return errors;
    }
}

/// <summary>A row's values by column name, parsed with an error per bad value.</summary>
internal sealed class RowValues(CsvRow row, IReadOnlyList<string> header)
{
    public List<ImportError> Errors { get; } = [];

    private string? Raw(string column)
    {
        for (var i = 0; i < header.Count; i++)
            if (string.Equals(header[i], column, StringComparison.OrdinalIgnoreCase))
                return i < row.Fields.Count ? row.Fields[i] : null;
        return null;
    }

    public string? Text(string column) => Raw(column) is { } s && s.Trim().Length > 0 ? s.Trim() : null;

    public IEnumerable<string> List(string column) =>
        (Text(column) ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public T? Enum<T>(string column) where T : struct, System.Enum
    {
        if (Text(column) is not { } s) return null;
        var compact = new string([.. s.Where(c => c is not (' ' or '-' or '_'))]);
        if (compact.Length > 0 && !char.IsDigit(compact[0]) && System.Enum.TryParse<T>(compact, ignoreCase: true, out var value) && System.Enum.IsDefined(value))
            return value;
        Fail(column, $"“{s}” is not a {column.ToLowerInvariant()}; use one of: {string.Join(", ", System.Enum.GetNames<T>())}.");
        return null;
    }

    public DateOnly? Date(string column)
    {
        if (Text(column) is not { } s) return null;
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Fail(column, $"“{s}” is not a date; write dates as YYYY-MM-DD, e.g. 2027-03-31.");
        return null;
    }

    public bool? YesNo(string column) => Text(column)?.ToLowerInvariant() switch
    {
        null => null,
        "yes" or "y" or "true" or "1" => true,
        "no" or "n" or "false" or "0" => false,
        var s => Fail<bool?>(column, $"“{s}” is neither yes nor no."),
    };

    public Guid? Required(string column, string message) => Fail(column, message);

    public Guid? Fail(string column, string message) => Fail<Guid?>(column, message);

    private T? Fail<T>(string column, string message)
    {
        Errors.Add(new ImportError(row.Line, column, message));
        return default;
    }

    /// <summary>
    /// A row with unreadable values never reaches the use case; so that the person still sees every
    /// problem of the row at once, its input's field rules are checked here too (for the columns
    /// not already reported).
    /// </summary>
    public List<ImportError> AlsoInvalid(object input, Dictionary<string, string> columnOf)
    {
        var reported = Errors.Select(e => e.Column).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, messages) in FieldErrors.Of(input))
        {
            var column = columnOf.TryGetValue(field, out var c) ? c : null;
            if (column is null || reported.Contains(column)) continue;
            foreach (var m in messages) Errors.Add(new ImportError(row.Line, column, m));
        }
        return Errors;
    }

    /// <summary>The use case's field errors, named by their CSV column.</summary>
    public List<ImportError> FromOutcome(FieldErrors? errors, Dictionary<string, string> columnOf)
    {
        foreach (var (field, messages) in errors ?? [])
            foreach (var m in messages)
                Errors.Add(new ImportError(row.Line, columnOf.TryGetValue(field, out var c) ? c : null, m));
        if (Errors.Count == 0) Errors.Add(new ImportError(row.Line, null, "This row could not be imported."));
        return Errors;
    }
}
