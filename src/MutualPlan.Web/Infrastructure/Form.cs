using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace MutualPlan.Web.Infrastructure;

/// <summary>
/// Labelled form fields with their error message beside them, rendered the same way on every page:
/// the label is tied to the input, an error sets aria-invalid and is announced via aria-describedby.
/// Field names are camelCase, matching the API's field names and <see cref="FieldErrors"/> keys.
/// </summary>
public static class Form
{
    private static readonly HtmlEncoder Enc = HtmlEncoder.Default;

    private static string E(string? s) => Enc.Encode(s ?? "");

    private static string Id(string idPrefix, string name) => $"{idPrefix}-{name}";

    private static string Wrap(string idPrefix, string name, string label, string control, FieldErrors? errors, string? hint, string cls = "field")
    {
        var id = Id(idPrefix, name);
        var error = errors?.For(name);
        var hintHtml = hint is null ? "" : $"<p class=\"field-hint\" id=\"{id}-hint\">{E(hint)}</p>";
        var errorHtml = error is null ? "" : $"<p class=\"field-error\" id=\"{id}-error\">{E(error)}</p>";
        return $"<div class=\"{cls}{(error is null ? "" : " has-error")}\"><label for=\"{id}\">{E(label)}</label>{control}{hintHtml}{errorHtml}</div>";
    }

    private static string Aria(string idPrefix, string name, FieldErrors? errors, string? hint)
    {
        var id = Id(idPrefix, name);
        var ids = new List<string>();
        if (hint is not null) ids.Add(id + "-hint");
        var invalid = errors?.For(name) is not null;
        if (invalid) ids.Add(id + "-error");
        return (invalid ? " aria-invalid=\"true\"" : "") + (ids.Count > 0 ? $" aria-describedby=\"{string.Join(' ', ids)}\"" : "");
    }

    public static IHtmlContent Text(string idPrefix, string name, string label, string? value, FieldErrors? errors,
        int maxLength = 200, bool required = false, string type = "text", string? hint = null, string? placeholder = null, string? list = null) =>
        new HtmlString(Wrap(idPrefix, name, label,
            $"<input type=\"{type}\" id=\"{Id(idPrefix, name)}\" name=\"{name}\" value=\"{E(value)}\" maxlength=\"{maxLength}\"" +
            (required ? " required" : "") + (placeholder is null ? "" : $" placeholder=\"{E(placeholder)}\"") +
            (list is null ? "" : $" list=\"{list}\"") + Aria(idPrefix, name, errors, hint) + ">", errors, hint));

    public static IHtmlContent TextArea(string idPrefix, string name, string label, string? value, FieldErrors? errors,
        int maxLength = 4000, int rows = 3, string? hint = null) =>
        new HtmlString(Wrap(idPrefix, name, label,
            $"<textarea id=\"{Id(idPrefix, name)}\" name=\"{name}\" rows=\"{rows}\" maxlength=\"{maxLength}\"{Aria(idPrefix, name, errors, hint)}>{E(value)}</textarea>",
            errors, hint, "field field-wide"));

    public static IHtmlContent Date(string idPrefix, string name, string label, DateOnly? value, FieldErrors? errors,
        bool required = false, string? hint = null) =>
        new HtmlString(Wrap(idPrefix, name, label,
            $"<input type=\"date\" id=\"{Id(idPrefix, name)}\" name=\"{name}\" value=\"{value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\"" +
            (required ? " required" : "") + Aria(idPrefix, name, errors, hint) + ">", errors, hint));

    public static IHtmlContent Number(string idPrefix, string name, string label, decimal? value, FieldErrors? errors,
        string step = "any", string? min = null, string? hint = null) =>
        new HtmlString(Wrap(idPrefix, name, label,
            $"<input type=\"number\" inputmode=\"decimal\" id=\"{Id(idPrefix, name)}\" name=\"{name}\" step=\"{step}\"" +
            (min is null ? "" : $" min=\"{min}\"") +
            $" value=\"{value?.ToString(CultureInfo.InvariantCulture)}\"{Aria(idPrefix, name, errors, hint)}>", errors, hint));

    /// <summary>A select over an enum; options are labelled with <see cref="Labels.Of"/>.</summary>
    public static IHtmlContent Select<TEnum>(string idPrefix, string name, string label, TEnum? value, FieldErrors? errors,
        bool allowEmpty = false, string? hint = null) where TEnum : struct, Enum
    {
        var options = (allowEmpty ? "<option value=\"\">—</option>" : "") + string.Concat(Enum.GetValues<TEnum>().Select(v =>
            $"<option value=\"{v}\"{(value is { } cur && cur.Equals(v) ? " selected" : "")}>{E(Labels.Of(v))}</option>"));
        return new HtmlString(Wrap(idPrefix, name, label,
            $"<select id=\"{Id(idPrefix, name)}\" name=\"{name}\"{Aria(idPrefix, name, errors, hint)}>{options}</select>", errors, hint));
    }

    /// <summary>A select over arbitrary (id, label) pairs, e.g. stakeholders or milestones.</summary>
    public static IHtmlContent Choice(string idPrefix, string name, string label, string? value,
        IEnumerable<(string Value, string Label)> choices, FieldErrors? errors, string emptyLabel = "—", string? hint = null)
    {
        var options = $"<option value=\"\">{E(emptyLabel)}</option>" + string.Concat(choices.Select(c =>
            $"<option value=\"{E(c.Value)}\"{(c.Value == value ? " selected" : "")}>{E(c.Label)}</option>"));
        return new HtmlString(Wrap(idPrefix, name, label,
            $"<select id=\"{Id(idPrefix, name)}\" name=\"{name}\"{Aria(idPrefix, name, errors, hint)}>{options}</select>", errors, hint));
    }

    /// <summary>Yes / No / Not yet known, for readiness answers where "unknown" differs from "no".</summary>
    public static IHtmlContent YesNo(string idPrefix, string name, string label, bool? value, FieldErrors? errors, string? hint = null)
    {
        string Opt(string v, string text, bool sel) => $"<option value=\"{v}\"{(sel ? " selected" : "")}>{text}</option>";
        var options = Opt("", "Not yet known", value is null) + Opt("true", "Yes", value == true) + Opt("false", "No", value == false);
        return new HtmlString(Wrap(idPrefix, name, label,
            $"<select id=\"{Id(idPrefix, name)}\" name=\"{name}\"{Aria(idPrefix, name, errors, hint)}>{options}</select>", errors, hint));
    }

    public static IHtmlContent Checkbox(string idPrefix, string name, string label, bool value, string? hint = null) =>
        new HtmlString($"<div class=\"field field-check\"><input type=\"checkbox\" id=\"{Id(idPrefix, name)}\" name=\"{name}\" value=\"true\"{(value ? " checked" : "")}>" +
                       $"<label for=\"{Id(idPrefix, name)}\">{E(label)}</label>" +
                       (hint is null ? "" : $"<p class=\"field-hint\">{E(hint)}</p>") + "</div>");
}
