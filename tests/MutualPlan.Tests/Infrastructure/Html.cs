using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace MutualPlan.Tests.Infrastructure;

public static partial class Html
{
    /// <summary>The antiforgery token from a page (the hidden form field or the csrf-token meta tag).</summary>
    public static string AntiforgeryToken(string html)
    {
        var m = HiddenToken().Match(html);
        if (m.Success) return m.Groups[1].Value;
        m = MetaToken().Match(html);
        return m.Success ? m.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on the page.");
    }

    public static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex HiddenToken();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex MetaToken();
}
