using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace MutualPlan.Web.Infrastructure;

/// <summary>
/// Markdown written by people, rendered so it cannot run anything: raw HTML is not parsed (it
/// shows as text), and a link whose address is not http(s), mailto or relative loses its address
/// (no javascript: or data: links). Comments use a smaller subset: no images, and a line break
/// where the writer pressed Enter.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline DocumentPipeline = new MarkdownPipelineBuilder().UseTaskLists().DisableHtml().Build();
    private static readonly MarkdownPipeline CommentPipeline = new MarkdownPipelineBuilder().UseSoftlineBreakAsHardlineBreak().DisableHtml().Build();

    public static string Document(string markdown) => Render(markdown, DocumentPipeline, null, images: true);

    /// <summary>A comment, with each "@Name" of <paramref name="mentions"/> marked as a mention.</summary>
    public static string Comment(string markdown, IReadOnlyCollection<string> mentions) => Render(markdown, CommentPipeline, mentions, images: false);

    private static string Render(string markdown, MarkdownPipeline pipeline, IReadOnlyCollection<string>? mentions, bool images)
    {
        var doc = Markdown.Parse(markdown, pipeline);
        foreach (var link in doc.Descendants<LinkInline>())
        {
            if (!IsSafeUrl(link.Url)) link.Url = "";
            if (!images) link.IsImage = false; // an image in a comment becomes a plain link to it
        }
        foreach (var auto in doc.Descendants<AutolinkInline>())
            if (!IsSafeUrl(auto.Url)) auto.Url = "";
        if (mentions is { Count: > 0 }) MarkMentions(doc, mentions);
        return doc.ToHtml(pipeline);
    }

    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        var trimmed = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        if (!trimmed.Contains(':')) return true; // relative
        return trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Splits plain-text runs around "@Name" and wraps the mention in a styled span. Working on the
    /// parsed tree (not the HTML string) means a name can never land inside an attribute.
    /// </summary>
    private static void MarkMentions(MarkdownDocument doc, IReadOnlyCollection<string> names)
    {
        var ordered = names.Where(n => n.Length > 0).Distinct().OrderByDescending(n => n.Length).ToList();
        foreach (var literal in doc.Descendants<LiteralInline>().ToList())
        {
            if (literal.Parent is null) continue;
            var text = literal.Content.ToString();
            var parts = new List<(string Text, bool Mention)>();
            var start = 0;
            for (var i = text.IndexOf('@'); i >= 0 && i < text.Length; i = text.IndexOf('@', i + 1))
            {
                var name = ordered.FirstOrDefault(n => string.Compare(text, i + 1, n, 0, n.Length, StringComparison.OrdinalIgnoreCase) == 0
                    && (i + 1 + n.Length == text.Length || !char.IsLetterOrDigit(text[i + 1 + n.Length])));
                if (name is null) continue;
                if (i > start) parts.Add((text[start..i], false));
                parts.Add((text.Substring(i, name.Length + 1), true));
                start = i + 1 + name.Length;
                i = start - 1;
            }
            if (parts.Count == 0) continue;
            if (start < text.Length) parts.Add((text[start..], false));
            Inline anchor = literal;
            foreach (var (part, mention) in parts)
            {
                // Only these two fixed tags are raw HTML; the name itself is a literal, escaped on output.
                IEnumerable<Inline> nodes = mention
                    ? [new HtmlInline("<span class=\"mention\">"), new LiteralInline(part), new HtmlInline("</span>")]
                    : [new LiteralInline(part)];
                foreach (var node in nodes) { anchor.InsertAfter(node); anchor = node; }
            }
            literal.Remove();
        }
    }
}
