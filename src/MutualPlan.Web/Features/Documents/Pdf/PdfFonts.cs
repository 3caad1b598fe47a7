using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace MutualPlan.Web.Features.Documents.Pdf;

/// <summary>
/// PDFsharp finds no fonts by itself on Linux. The app carries its own (Lato, SIL Open Font
/// License, in Fonts/) as embedded resources, so a PDF looks the same on every machine and the
/// host needs no font packages installed.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "Lato";
    private static readonly Lock Gate = new();
    private readonly ConcurrentDictionary<string, byte[]> _faces = new();

    /// <summary>PDFsharp's resolver is process-wide and may be set only once, before the first font is used.</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not PdfFonts) GlobalFontSettings.FontResolver = new PdfFonts();
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic)
    {
        // Every family name resolves to Lato: the writer asks only for it, and PDFsharp's own
        // fallbacks (e.g. for an error message) must not fail for lack of a system font.
        return (isBold, isItalic) switch
        {
            (true, true) => new FontResolverInfo("Lato-Bold", mustSimulateBold: false, mustSimulateItalic: true),
            (true, false) => new FontResolverInfo("Lato-Bold"),
            (false, true) => new FontResolverInfo("Lato-Italic"),
            _ => new FontResolverInfo("Lato-Regular"),
        };
    }

    public byte[]? GetFont(string faceName) => _faces.GetOrAdd(faceName, static name =>
    {
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream($"MutualPlan.Web.Fonts.{name}.ttf")
            ?? throw new InvalidOperationException($"The font {name} is not embedded in the app.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });
}
