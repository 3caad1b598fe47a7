using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace MutualPlan.Web.Infrastructure;

/// <summary>Read-mode rendering of a section's facts, with one consistent "not yet recorded" look.</summary>
public static class Show
{
    public static IHtmlContent Fact(string label, string? value, bool wide = false) =>
        new HtmlString($"<div{(wide ? " class=\"wide\"" : "")}><dt>{HtmlEncoder.Default.Encode(label)}</dt><dd>" +
                       (string.IsNullOrWhiteSpace(value) ? "<span class=\"unset\">Not yet recorded</span>" : HtmlEncoder.Default.Encode(value)) +
                       "</dd></div>");

    public static IHtmlContent Fact(string label, DateOnly? date, bool wide = false) =>
        Fact(label, date?.ToString("d MMM yyyy"), wide);

    public static IHtmlContent YesNo(string label, bool? value) =>
        new HtmlString($"<div><dt>{HtmlEncoder.Default.Encode(label)}</dt><dd>" + value switch
        {
            true => "<span class=\"pill on-track\">Yes</span>",
            false => "<span class=\"pill slipped\">No</span>",
            null => "<span class=\"pill unknown\">Not yet known</span>",
        } + "</dd></div>");
}
