using PdfSharp;

namespace MutualPlan.Web.Features.Documents.Pdf;

/// <summary>
/// Since 6.5, PDFsharp refuses to make a document until the program states its licence: the free
/// AGPL-3.0 (whose terms then reach the program that serves the PDFs) or a purchased key. That is
/// the operator's decision, so it is the setting <c>Pdf:License</c> — "AGPL" or the commercial
/// key — and not code. Without it, PDFs are not offered (the download button is hidden, the
/// endpoints answer 404), and every other format still works.
/// </summary>
public static class PdfSupport
{
    public const string Setting = "Pdf:License";
    private static readonly Lock Gate = new();
    private static string? _applied;

    public static bool IsEnabled(IConfiguration config)
    {
        var license = config[Setting]?.Trim();
        if (string.IsNullOrEmpty(license)) return false;
        lock (Gate)
        {
            if (_applied == license) return true;
            try
            {
                if (string.Equals(license, "AGPL", StringComparison.OrdinalIgnoreCase)) PdfSharpLicense.SetAgplLicense();
                else PdfSharpLicense.LoadLicense(license);
                using (new PdfSharp.Pdf.PdfDocument()) { } // throws now if the licence is not valid
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A mistyped or expired key: no PDFs, rather than an error on every download.
                return false;
            }
            PdfFonts.EnsureRegistered();
            _applied = license;
            return true;
        }
    }
}
