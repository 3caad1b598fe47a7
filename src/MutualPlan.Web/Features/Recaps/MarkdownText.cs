using System.Text;
using Markdig;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace MutualPlan.Web.Features.Recaps;

/// <summary>
/// Markdown as an e-mail's plain-text part: headings underlined, paragraphs wrapped at 72
/// columns, lists indented, links written out as "text &lt;url&gt;", emphasis markers and escapes
/// gone. What a person reads in a text-only mail client, not Markdown source.
/// </summary>
public static class MarkdownText
{
    public const int Width = 72;
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseTaskLists().DisableHtml().Build();

    public static string ToPlain(string markdown)
    {
        var doc = Markdown.Parse(markdown ?? "", Pipeline);
        var sb = new StringBuilder();
        Blocks(doc, sb, "", "");
        return sb.ToString().TrimEnd() + "\n";
    }

    private static void Blocks(ContainerBlock container, StringBuilder sb, string first, string rest)
    {
        var prefix = first;
        foreach (var block in container)
        {
            Block(block, sb, prefix, rest);
            prefix = rest;
        }
    }

    private static void Block(Block block, StringBuilder sb, string first, string rest)
    {
        switch (block)
        {
            case HeadingBlock h:
                var title = Inline(h.Inline);
                sb.Append(first).Append(title).Append('\n');
                if (h.Level <= 2) sb.Append(rest).Append(new string(h.Level == 1 ? '=' : '-', Math.Max(3, title.Length))).Append('\n');
                sb.Append('\n');
                break;
            case ParagraphBlock p:
                Wrap(sb, Inline(p.Inline), first, rest);
                if (p.Parent is not ListItemBlock { Parent: ListBlock { IsLoose: false } }) sb.Append('\n');
                break;
            case ListBlock list:
                var n = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var marker = list.IsOrdered ? $"{n++}. " : "- ";
                    Blocks(item, sb, first + marker, rest + new string(' ', marker.Length));
                    first = rest;
                }
                if (list.Parent is not ListItemBlock) sb.Append('\n');
                break;
            case QuoteBlock q:
                Blocks(q, sb, first + "> ", rest + "> ");
                break;
            case ThematicBreakBlock:
                sb.Append(first).Append(new string('-', 24)).Append("\n\n");
                break;
            case CodeBlock code:
                foreach (var line in code.Lines.Lines.Take(code.Lines.Count)) sb.Append(rest).Append("    ").Append(line.ToString()).Append('\n');
                sb.Append('\n');
                break;
            case LeafBlock leaf when leaf.Inline is not null:
                Wrap(sb, Inline(leaf.Inline), first, rest);
                sb.Append('\n');
                break;
            case ContainerBlock other:
                Blocks(other, sb, first, rest);
                break;
        }
    }

    private static string Inline(ContainerInline? container)
    {
        if (container is null) return "";
        var sb = new StringBuilder();
        foreach (var inline in container) Inline(inline, sb);
        return sb.ToString();
    }

    private static void Inline(Markdig.Syntax.Inlines.Inline inline, StringBuilder sb)
    {
        switch (inline)
        {
            case TaskList task: sb.Append(task.Checked ? "[x] " : "[ ] "); break;
            case LiteralInline lit: sb.Append(lit.Content.ToString()); break;
            case CodeInline code: sb.Append(code.Content); break;
            case LineBreakInline br: sb.Append(br.IsHard ? '\n' : ' '); break;
            case HtmlEntityInline entity: sb.Append(entity.Transcoded.ToString()); break;
            case AutolinkInline auto: sb.Append(auto.Url); break;
            case LinkInline link:
                var text = new StringBuilder();
                foreach (var child in link) Inline(child, text);
                var url = link.GetDynamicUrl?.Invoke() ?? link.Url ?? "";
                sb.Append(text);
                if (url.Length > 0 && url != text.ToString() && "mailto:" + text != url) sb.Append(" <").Append(url).Append('>');
                break;
            case ContainerInline c: foreach (var child in c) Inline(child, sb); break;
            case HtmlInline html: sb.Append(html.Tag); break;
        }
    }

    /// <summary>Word-wraps one paragraph; hard line breaks inside it are kept.</summary>
    private static void Wrap(StringBuilder sb, string text, string first, string rest)
    {
        var prefix = first;
        foreach (var hardLine in text.Split('\n'))
        {
            var line = new StringBuilder(prefix);
            var empty = true;
            foreach (var word in hardLine.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!empty && line.Length + 1 + word.Length > Width)
                {
                    sb.Append(line).Append('\n');
                    line.Clear().Append(rest);
                    empty = true;
                }
                if (!empty) line.Append(' ');
                line.Append(word);
                empty = false;
            }
            sb.Append(line.ToString().TrimEnd()).Append('\n');
            prefix = rest;
        }
    }
}
