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
        // The same rule can be reported twice (object-level rules run again after a field fails,
        // see Of); a person needs each message once.
        if (TryGetValue(key, out var existing)) { if (!existing.Contains(message)) this[key] = [.. existing, message]; }
        else this[key] = [message];
        return this;
    }

    public string? For(string field) =>
        TryGetValue(JsonNamingPolicy.CamelCase.ConvertName(field), out var m) ? string.Join(" ", m) : null;

    /// <summary>Runs the DataAnnotations on an input object (and IValidatableObject rules).</summary>
    public static FieldErrors Of(object input)
    {
        var results = new List<ValidationResult>();
        var context = new ValidationContext(input);
        Validator.TryValidateObject(input, context, results, validateAllProperties: true);
        // The validator skips object-level rules once a field fails; run them anyway so a person
        // sees every problem at once, not one round trip per rule.
        if (results.Count > 0 && input is IValidatableObject rules) results.AddRange(rules.Validate(context));
        var errors = new FieldErrors();
        foreach (var r in results)
            foreach (var member in r.MemberNames.DefaultIfEmpty(""))
                errors.Add(member, r.ErrorMessage ?? "Invalid value.");
        return errors;
    }
}

/// <summary>
/// The message for form values that cannot be read at all (a malformed date or number), set on
/// the model binder so these can be told apart from the validation rules' own messages.
/// </summary>
public static class BindingMessages
{
    public const string Unreadable = "Enter a valid value in this field.";

    /// <summary>Only the fields the binder could not read, keyed by field name.</summary>
    public static FieldErrors From(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state)
    {
        var errors = new FieldErrors();
        foreach (var (key, entry) in state)
            if (entry.Errors.Any(e => e.ErrorMessage == Unreadable || e.Exception is not null))
                errors.Add(key.Contains('.') ? key[(key.LastIndexOf('.') + 1)..] : key, Unreadable);
        return errors;
    }
}

public enum OutcomeKind { Ok, NotFound, Invalid, Conflict, Forbidden }

/// <summary>
/// What a use case returns to both the page and the API endpoint that call it: the result, or why
/// there is none (not found in the caller's workspace, invalid input, or a stale version).
/// </summary>
public sealed record Outcome<T>(OutcomeKind Kind, T? Value, FieldErrors? Errors = null, object? Current = null)
{
    public bool IsOk => Kind == OutcomeKind.Ok;
    public static Outcome<T> Ok(T value) => new(OutcomeKind.Ok, value);
    public static Outcome<T> NotFound() => new(OutcomeKind.NotFound, default);
    /// <summary>The caller sees the item but may not do this to it (someone else's comment).</summary>
    public static Outcome<T> Forbidden(string reason) => new(OutcomeKind.Forbidden, default, new FieldErrors().Add("", reason));
    public static Outcome<T> Invalid(FieldErrors errors) => new(OutcomeKind.Invalid, default, errors);
    public static Outcome<T> Invalid(string field, string message) => Invalid(new FieldErrors().Add(field, message));
    /// <summary>The caller's version is stale; <paramref name="current"/> is the state as it is now.</summary>
    public static Outcome<T> Conflict(object current) => new(OutcomeKind.Conflict, default, null, current);
}
