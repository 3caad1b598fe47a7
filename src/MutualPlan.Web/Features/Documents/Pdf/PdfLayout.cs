using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace MutualPlan.Web.Features.Documents.Pdf;

/// <summary>A column of a <see cref="PdfLayout.Table"/>: its heading and its share of the width.</summary>
public sealed record PdfColumn(string Header, double Weight);

/// <summary>One table cell: text (paragraphs split by newlines) in a font and colour, and an optional smaller muted note below it.</summary>
public sealed record PdfCell(string Text, XFont? Font = null, XColor? Color = null, string? Note = null)
{
    public static implicit operator PdfCell(string text) => new(text);
}

/// <summary>
/// A small flowing-layout engine over PDFsharp (which only draws at coordinates): a cursor that
/// moves down A4 pages, word-wrapped paragraphs, and tables whose rows move to the next page
/// whole — or, when taller than a page, split between lines — with the header row repeated.
/// Footers are drawn last, when the page count is known ("Page n of m").
/// </summary>
public sealed class PdfLayout : IDisposable
{
    public const double Left = 52, Top = 58;
    public readonly double Right, Bottom;
    private const double CellPadX = 5, CellPadY = 4.5;

    private readonly PdfDocument _doc = new();
    private readonly List<PdfPage> _pages = [];
    private readonly Action<PdfLayout, int>? _runningHeader;
    private XGraphics? _g;

    public PdfLayout(Action<PdfLayout, int>? runningHeader = null)
    {
        PdfFonts.EnsureRegistered();
        _runningHeader = runningHeader;
        NewPage();
        Right = _pages[0].Width.Point - Left;
        Bottom = _pages[0].Height.Point - 62;
    }

    public PdfDocumentInformation Info => _doc.Info;
    public XGraphics G => _g!;
    public double Y { get; set; }
    public double Width => Right - Left;
    public int PageNumber => _pages.Count;

    public static XFont Font(double size, XFontStyleEx style = XFontStyleEx.Regular) =>
        new(PdfFonts.Family, size, style, new XPdfFontOptions(PdfFontEncoding.Unicode));

    public static double LineHeight(XFont font) => font.Size * 1.32;

    public void NewPage()
    {
        _g?.Dispose();
        var page = _doc.AddPage();
        page.Size = PageSize.A4;
        _pages.Add(page);
        _g = XGraphics.FromPdfPage(page);
        Y = Top;
        if (_pages.Count > 1) _runningHeader?.Invoke(this, _pages.Count);
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void Ensure(double height)
    {
        if (Y + height > Bottom) NewPage();
    }

    public void Gap(double height) => Y += height;

    /// <summary>Draws one line of text with its top at <paramref name="y"/> (no wrapping).</summary>
    public void Line(string text, XFont font, XColor color, double x, double y, XStringAlignment align = XStringAlignment.Near)
    {
        var baseline = y + font.Size * 1.02;
        var format = align switch
        {
            XStringAlignment.Far => XStringFormats.BaseLineRight,
            XStringAlignment.Center => XStringFormats.BaseLineCenter,
            _ => XStringFormats.BaseLineLeft,
        };
        G.DrawString(text, font, new XSolidBrush(color), x, baseline, format);
    }

    /// <summary>A word-wrapped paragraph at the cursor; it may continue on the next page.</summary>
    public void Paragraph(string text, XFont font, XColor color, double spaceAfter = 6, double indent = 0)
    {
        var lh = LineHeight(font);
        foreach (var line in Wrap(text, font, Width - indent))
        {
            Ensure(lh);
            Line(line.Text, font, color, Left + indent + line.Indent, Y);
            Y += lh;
        }
        Y += spaceAfter;
    }

    public void Rule(XColor color, double width = 0.6, double spaceAfter = 0)
    {
        G.DrawLine(new XPen(color, width), Left, Y, Right, Y);
        Y += spaceAfter;
    }

    /// <summary>
    /// Text broken into lines no wider than <paramref name="width"/>. Newlines start paragraphs;
    /// a paragraph beginning with a bullet ("• ") hangs its following lines under the text; a word
    /// longer than the width is broken between letters rather than overflowing.
    /// </summary>
    public List<(string Text, double Indent)> Wrap(string text, XFont font, double width)
    {
        var lines = new List<(string, double)>();
        foreach (var paragraph in text.Replace("\r", "").Split('\n'))
        {
            var hang = paragraph.StartsWith("• ", StringComparison.Ordinal) ? Measure("• ", font) : 0;
            var current = "";
            var indent = 0.0;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (Measure(candidate, font) <= width - indent) { current = candidate; continue; }
                if (current.Length > 0) { lines.Add((current, indent)); indent = hang; }
                current = word;
                // A single word wider than the line (a URL, a long reference) is cut where it must be.
                while (Measure(current, font) > width - indent && current.Length > 1)
                {
                    var n = current.Length - 1;
                    while (n > 1 && Measure(current[..n], font) > width - indent) n--;
                    lines.Add((current[..n], indent));
                    indent = hang;
                    current = current[n..];
                }
            }
            lines.Add((current, indent));
        }
        return lines;
    }

    public double Measure(string text, XFont font) => text.Length == 0 ? 0 : G.MeasureString(text, font).Width;

    /// <summary>Label–text pairs in two columns (the business context, the timeline), breaking between pairs.</summary>
    public void Definitions(IEnumerable<(string Label, string Text)> pairs, XFont labelFont, XFont textFont, XColor labelColor, XColor textColor, double labelWidth = 132)
    {
        var lh = LineHeight(textFont);
        foreach (var (label, text) in pairs)
        {
            var labelLines = Wrap(label, labelFont, labelWidth - 10);
            var lines = Wrap(text, textFont, Width - labelWidth);
            Ensure(Math.Min(lines.Count, 3) * lh);
            var y = Y;
            foreach (var l in labelLines) { Line(l.Text, labelFont, labelColor, Left, y); y += lh; }
            foreach (var l in lines)
            {
                Ensure(lh);
                Line(l.Text, textFont, textColor, Left + labelWidth + l.Indent, Y);
                Y += lh;
            }
            Y = Math.Max(Y, y) + 3;
        }
    }

    /// <summary>The look of a table: header colours, the rule between rows and the zebra fill.</summary>
    public sealed record TableStyle(XFont HeaderFont, XColor HeaderText, XColor HeaderFill, XFont BodyFont, XFont NoteFont,
        XColor BodyText, XColor NoteText, XColor RowRule, XColor Zebra);

    private sealed record CellLine(string Text, XFont Font, XColor Color, double X, double Height);

    /// <summary>
    /// A table at the cursor. The header row and at least the first row stay together; a row that
    /// does not fit moves to the next page, which starts with the header row again; a row taller
    /// than a whole page is split between lines.
    /// </summary>
    public void Table(IReadOnlyList<PdfColumn> columns, IEnumerable<IReadOnlyList<PdfCell>> rows, TableStyle s)
    {
        var total = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => Width * c.Weight / total).ToArray();
        var xs = new double[columns.Count];
        for (var i = 1; i < xs.Length; i++) xs[i] = xs[i - 1] + widths[i - 1];

        var headerLines = columns.Select((c, i) => Wrap(c.Header, s.HeaderFont, widths[i] - 2 * CellPadX)).ToList();
        var headerHeight = headerLines.Max(l => l.Count) * LineHeight(s.HeaderFont) + 2 * CellPadY;

        void Header()
        {
            G.DrawRectangle(new XSolidBrush(s.HeaderFill), Left, Y, Width, headerHeight);
            for (var i = 0; i < columns.Count; i++)
            {
                var y = Y + CellPadY;
                foreach (var l in headerLines[i]) { Line(l.Text, s.HeaderFont, s.HeaderText, Left + xs[i] + CellPadX, y); y += LineHeight(s.HeaderFont); }
            }
            Y += headerHeight;
        }

        var laidOut = rows.Select(r => r.Select((cell, i) => CellLines(cell, widths[i] - 2 * CellPadX, s)).ToList()).ToList();
        var firstRow = laidOut.Count == 0 ? 0 : laidOut[0].Max(c => c.Sum(l => l.Height)) + 2 * CellPadY;
        Ensure(headerHeight + Math.Min(firstRow, 120));
        Header();

        var pageRoom = Bottom - Top - headerHeight - 2 * CellPadY - 30;
        for (var r = 0; r < laidOut.Count; r++)
        {
            var cells = laidOut[r];
            var height = cells.Max(c => c.Sum(l => l.Height)) + 2 * CellPadY;
            if (Y + height > Bottom && height <= pageRoom) { NewPage(); Header(); }

            // Draw the row, slice by slice when it is taller than what is left of the page.
            var next = new int[cells.Count];
            var zebra = r % 2 == 1;
            while (next.Select((n, i) => n < cells[i].Count).Any(b => b))
            {
                var room = Bottom - Y - 2 * CellPadY;
                if (room < 3 * LineHeight(s.BodyFont)) { NewPage(); Header(); continue; }
                var sliceHeight = 0.0;
                var ends = new int[cells.Count];
                for (var i = 0; i < cells.Count; i++)
                {
                    var used = 0.0;
                    var n = next[i];
                    while (n < cells[i].Count && used + cells[i][n].Height <= room) used += cells[i][n++].Height;
                    ends[i] = n;
                    sliceHeight = Math.Max(sliceHeight, used);
                }
                var h = sliceHeight + 2 * CellPadY;
                if (zebra) G.DrawRectangle(new XSolidBrush(s.Zebra), Left, Y, Width, h);
                for (var i = 0; i < cells.Count; i++)
                {
                    var y = Y + CellPadY;
                    for (var n = next[i]; n < ends[i]; n++)
                    {
                        var l = cells[i][n];
                        Line(l.Text, l.Font, l.Color, Left + xs[i] + CellPadX + l.X, y);
                        y += l.Height;
                    }
                    next[i] = ends[i];
                }
                Y += h;
                G.DrawLine(new XPen(s.RowRule, 0.5), Left, Y, Right, Y);
                if (next.Select((n, i) => n < cells[i].Count).Any(b => b)) { NewPage(); Header(); }
            }
        }
    }

    private List<CellLine> CellLines(PdfCell cell, double width, TableStyle s)
    {
        var font = cell.Font ?? s.BodyFont;
        var color = cell.Color ?? s.BodyText;
        var lines = cell.Text.Length == 0 ? [] : Wrap(cell.Text, font, width).Select(l => new CellLine(l.Text, font, color, l.Indent, LineHeight(font))).ToList();
        if (!string.IsNullOrEmpty(cell.Note))
        {
            if (lines.Count > 0) lines.Add(new CellLine("", s.NoteFont, s.NoteText, 0, 1.5));
            lines.AddRange(Wrap(cell.Note, s.NoteFont, width).Select(l => new CellLine(l.Text, s.NoteFont, s.NoteText, l.Indent, LineHeight(s.NoteFont))));
        }
        return lines;
    }

    /// <summary>Draws each page's footer now that the page count is known, and returns the PDF.</summary>
    public byte[] Finish(Action<PdfLayout, int, int> footer)
    {
        _g?.Dispose();
        _g = null;
        for (var i = 0; i < _pages.Count; i++)
        {
            _g = XGraphics.FromPdfPage(_pages[i], XGraphicsPdfPageOptions.Append);
            footer(this, i + 1, _pages.Count);
            _g.Dispose();
            _g = null;
        }
        using var stream = new MemoryStream();
        _doc.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        _g?.Dispose();
        _doc.Dispose();
    }
}
