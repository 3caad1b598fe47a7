using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace MutualPlan.Web.Infrastructure;

/// <summary>Field errors keyed by the camelCase field name, as in the API's problem details.</summary>
public sealed class FieldErrors : Dictionary<string, string[]>
{
    public FieldErrors() : base(StringComparer.OrdinalIgnoreCase) { }

    public FieldErrors Add(string field, string message)
    {
        var key = JsonNamingPolicy.CamelCase.ConvertName(field);
        this[key] = TryGetValue(key, out var existing) ? [.. existing, message] : [message];
        return this;
    }

    public string? For(string field) =>
        TryGetValue(JsonNamingPolicy.CamelCase.ConvertName(field), out var m) ? string.Join(" ", m) : null;

    /// <summary>Runs the DataAnnotations on an input object (and IValidatableObject rules).</summary>
    public static FieldErrors Of(object input)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        var errors = new FieldErrors();
        foreach (var r in results)
            foreach (var member in r.MemberNames.DefaultIfEmpty(""))
                errors.Add(member, r.ErrorMessage ?? "Invalid value.");
        return errors;
    }
}

public enum OutcomeKind { Ok, NotFound, Invalid, Conflict }

/// <summary>
/// What a use case returns to both the page and the API endpoint that call it: the result, or why
/// there is none (not found in the caller's workspace, invalid input, or a stale version).
/// </summary>
public sealed record Outcome<T>(OutcomeKind Kind, T? Value, FieldErrors? Errors = null, object? Current = null)
{
    public bool IsOk => Kind == OutcomeKind.Ok;
    public static Outcome<T> Ok(T value) => new(OutcomeKind.Ok, value);
    public static Outcome<T> NotFound() => new(OutcomeKind.NotFound, default);
    public static Outcome<T> Invalid(FieldErrors errors) => new(OutcomeKind.Invalid, default, errors);
    public static Outcome<T> Invalid(string field, string message) => Invalid(new FieldErrors().Add(field, message));
    /// <summary>The caller's version is stale; <paramref name="current"/> is the state as it is now.</summary>
    public static Outcome<T> Conflict(object current) => new(OutcomeKind.Conflict, default, null, current);
}
