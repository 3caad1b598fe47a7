using System.Diagnostics;

namespace MutualPlan.Tests.Infrastructure;

/// <summary>
/// The command-line checkers test.sh installs: poppler's pdftotext (what a reader of the PDF
/// sees) and scripts/ics-check.py (libical's parser and RFC 5545/5546 restriction checks).
/// </summary>
public static class Tools
{
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MutualPlan.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (MutualPlan.slnx).");
        }
    }

    /// <summary>The text of a PDF (all pages, or one), in reading layout.</summary>
    public static async Task<string> PdfTextAsync(byte[] pdf, int? page = null)
    {
        var file = Path.Combine(Path.GetTempPath(), $"mp-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var range = page is { } p ? $"-f {p} -l {p} " : "";
            var (code, output) = await RunAsync("pdftotext", $"-layout {range}\"{file}\" -");
            Assert.True(code == 0, "pdftotext could not read the PDF: " + output);
            return output;
        }
        finally { File.Delete(file); }
    }

    public static async Task<int> PdfPagesAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"mp-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var (code, output) = await RunAsync("pdfinfo", $"\"{file}\"");
            Assert.True(code == 0, output);
            var line = output.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
            return int.Parse(line["Pages:".Length..].Trim());
        }
        finally { File.Delete(file); }
    }

    /// <summary>Fails the test with libical's findings unless the calendar is valid.</summary>
    public static async Task AssertValidICalendarAsync(string ics)
    {
        var file = Path.Combine(Path.GetTempPath(), $"mp-{Guid.NewGuid():N}.ics");
        await File.WriteAllTextAsync(file, ics);
        try
        {
            var (code, output) = await RunAsync("/usr/bin/python3", $"\"{Path.Combine(RepoRoot, "scripts", "ics-check.py")}\" \"{file}\"");
            Assert.True(code == 0, "libical rejects the calendar:\n" + output + "\n" + ics);
        }
        finally { File.Delete(file); }
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
