using MutualPlan.Planning.Documents;
using PdfSharp.Drawing;

namespace MutualPlan.Web.Features.Documents.Pdf;

/// <summary>
/// The plan document as a PDF to send to a customer: a header with both companies, the date and
/// the revision, the sections in the order of the other formats, tables that break cleanly across
/// pages, "Page n of m" footers and a sign-off block with signature lines. It lays out only what
/// the <see cref="DocumentModel"/> holds, so the buyer version cannot contain internal items.
/// </summary>
public static class PlanPdfWriter
{
    // The app's design tokens (wwwroot/css/app.css), so the PDF looks like the product.
    private static readonly XColor Text = XColor.FromArgb(0x17, 0x20, 0x2e);
    private static readonly XColor Text2 = XColor.FromArgb(0x4a, 0x55, 0x68);
    private static readonly XColor Text3 = XColor.FromArgb(0x5f, 0x6b, 0x7a);
    private static readonly XColor Brand = XColor.FromArgb(0x3a, 0x4f, 0xd6);
    private static readonly XColor BrandStrong = XColor.FromArgb(0x2b, 0x3c, 0xb0);
    private static readonly XColor BrandSoft = XColor.FromArgb(0xea, 0xed, 0xfc);
    private static readonly XColor Border = XColor.FromArgb(0xdd, 0xe1, 0xe7);
    private static readonly XColor Surface2 = XColor.FromArgb(0xf6, 0xf7, 0xf9);
    private static readonly XColor Success = XColor.FromArgb(0x15, 0x73, 0x47);
    private static readonly XColor Warning = XColor.FromArgb(0x8a, 0x53, 0x00);
    private static readonly XColor WarningSoft = XColor.FromArgb(0xfd, 0xf1, 0xdc);
    private static readonly XColor Danger = XColor.FromArgb(0xb4, 0x23, 0x18);

    private static readonly XFont TitleFont = PdfLayout.Font(21, XFontStyleEx.Bold);
    private static readonly XFont KickerFont = PdfLayout.Font(7.5, XFontStyleEx.Bold);
    private static readonly XFont H2 = PdfLayout.Font(12.5, XFontStyleEx.Bold);
    private static readonly XFont Body = PdfLayout.Font(9);
    private static readonly XFont BodyBold = PdfLayout.Font(9, XFontStyleEx.Bold);
    private static readonly XFont Small = PdfLayout.Font(7.5);
    private static readonly XFont SmallBold = PdfLayout.Font(7.5, XFontStyleEx.Bold);
    private static readonly XFont Italic = PdfLayout.Font(9, XFontStyleEx.Italic);
    private static readonly XFont FactValue = PdfLayout.Font(10, XFontStyleEx.Bold);

    private static readonly PdfLayout.TableStyle Table = new(SmallBold, XColors.White, BrandStrong, Body, Small, Text, Text3, Border, Surface2);

    public static byte[] Write(DocumentModel d, DateOnly generatedOn)
    {
        var buyer = d.Audience == Audience.Buyer;
        using var pdf = new PdfLayout(RunningHeader(d));
        pdf.Info.Title = d.Title;
        pdf.Info.Subject = $"Mutual action plan with {d.BuyerCompany}";
        pdf.Info.Author = string.IsNullOrEmpty(d.SellerCompany) ? d.Owner : d.SellerCompany;
        pdf.Info.Creator = "MutualPlan";

        Header(pdf, d, generatedOn);
        if (d.Context.Count > 0)
        {
            Section(pdf, "Business context");
            pdf.Definitions(d.Context, BodyBold, Body, Text2, Text);
        }
        if (d.Metrics.Count > 0)
        {
            Section(pdf, "Success metrics");
            pdf.Table([new("Metric", 3), new("Baseline", 1.2), new("Target", 1.2), new("Latest", 1.2), new("By", 1.2), new("Owner", 1.8)],
                d.Metrics.Select(m => Row(new PdfCell(m.Name, BodyBold), m.Baseline, m.Target, m.Latest, m.TargetDate is { } t ? Date(t) : "—", m.Owner)), Table);
        }
        if (d.Stakeholders.Count > 0)
        {
            Section(pdf, "Stakeholders");
            pdf.Table([new("Name", 3), new("Side", 1.1), new("Role", 1.8), new("Buy-in", 1.6), new("Decision", 1.4)],
                d.Stakeholders.Select(s => Row(new PdfCell(s.Name, BodyBold, Note: s.Title), s.Side, s.Role, s.BuyIn, s.DecisionRole)), Table);
        }
        Section(pdf, "Milestones");
        if (d.Milestones.Count == 0) pdf.Paragraph("No milestones yet.", Italic, Text3);
        else
            pdf.Table([new("#", 0.45), new("Milestone", 5), new("Target date", 1.55), new("Owner", 1.1), new("Status", 1.3)],
                d.Milestones.Select((m, i) => Row((i + 1).ToString(), new PdfCell(m.Title, BodyBold, Note: MilestoneNote(m)), Date(m.Target), m.Owner, Status(m.Status))), Table);
        if (d.Actions.Count > 0)
        {
            Section(pdf, "Actions");
            pdf.Table([new("Action", 3.9), new("Milestone", 2.3), new("Side", 0.85), new("Who", 1.5), new("Due", 1.55), new("Status", 1.45)],
                d.Actions.Select(a => Row(new PdfCell(a.Description, Note: a.IsInternal ? "Internal: seller only" : null), a.Milestone, a.Side, a.Who, a.Due is { } due ? Date(due) : "—", Status(a.Status))), Table);
        }
        if (d.Risks.Count > 0)
        {
            Section(pdf, "Risks and mitigations");
            pdf.Table([new("Risk", 3.2), new("Severity", 2), new("Mitigation", 3.4), new("Status", 1.1)],
                d.Risks.Select(r => Row(new PdfCell(r.Description, BodyBold, Note: "Threatens: " + r.Milestone), r.Severity,
                    new PdfCell(r.Mitigation, Note: r.Owner == "—" ? null : "Owner: " + r.Owner), r.Status)), Table);
        }
        Section(pdf, "Timeline summary");
        pdf.Definitions(d.Timeline.Select(t => (t.Label, t.Date is { } x ? x.ToString("dddd d MMMM yyyy") : "Not set")), BodyBold, Body, Text2, Text, 190);
        Section(pdf, "Next steps this week");
        if (d.NextSteps.Count == 0) pdf.Paragraph("Nothing is due in the next seven days.", Italic, Text3);
        else
            pdf.Table([new("Due", 1.3), new("Action", 4.6), new("Who", 1.8), new("Side", 1)],
                d.NextSteps.Select(s => Row(s.Due.ToString("ddd d MMM"), s.Action, s.Who, s.Side)), Table);
        if (!buyer && !string.IsNullOrWhiteSpace(d.InternalNotes))
        {
            Section(pdf, "Internal notes (seller only)");
            pdf.Paragraph(d.InternalNotes, Body, Text);
        }
        SignOff(pdf, d);
        return pdf.Finish(Footer(d));
    }

    private static IReadOnlyList<PdfCell> Row(params PdfCell[] cells) => cells;

    private static string Date(DateOnly date) => date.ToString("d MMM yyyy");

    private static string? MilestoneNote(MilestoneRow m)
    {
        var parts = m.Assumptions.Select(a => "Assumes: " + a).Concat(m.Risks.Select(r => "Risk: " + r)).ToList();
        return parts.Count == 0 ? null : string.Join("\n", parts);
    }

    /// <summary>Status words in the colour the app gives them: done is green, trouble is red or amber.</summary>
    private static PdfCell Status(string status) => new(status, BodyBold, status switch
    {
        "Done" or "On track" => Success,
        "At risk" => Warning,
        "Slipped" or "Blocked" => Danger,
        _ => Text2,
    });

    private static void Section(PdfLayout pdf, string title)
    {
        // Keep a heading with the start of what follows it.
        pdf.Ensure(PdfLayout.LineHeight(H2) + 60);
        pdf.Gap(pdf.Y > PdfLayout.Top + 1 ? 14 : 0);
        pdf.Line(title, H2, BrandStrong, PdfLayout.Left, pdf.Y);
        pdf.Gap(PdfLayout.LineHeight(H2) + 2);
        pdf.Rule(Border, 0.6, 7);
    }

    private static void Header(PdfLayout pdf, DocumentModel d, DateOnly generatedOn)
    {
        var g = pdf.G;
        g.DrawRectangle(new XSolidBrush(Brand), 0, 0, g.PageSize.Width, 6);
        pdf.Line("MUTUAL ACTION PLAN", KickerFont, Brand, PdfLayout.Left, pdf.Y);
        pdf.Line($"Revision {d.Revision}  ·  {generatedOn:d MMMM yyyy}", Small, Text3, pdf.Right, pdf.Y, XStringAlignment.Far);
        pdf.Gap(16);
        foreach (var line in pdf.Wrap(d.Title, TitleFont, pdf.Width))
        {
            pdf.Line(line.Text, TitleFont, Text, PdfLayout.Left, pdf.Y);
            pdf.Gap(PdfLayout.LineHeight(TitleFont));
        }
        var between = string.IsNullOrEmpty(d.SellerCompany) ? d.BuyerCompany : $"{d.BuyerCompany} and {d.SellerCompany}";
        pdf.Paragraph(between + (string.IsNullOrEmpty(d.Solution) ? "" : " · " + d.Solution), PdfLayout.Font(11), Text2, 12);

        Facts(pdf, [("Buyer", d.BuyerCompany), ("Seller", string.IsNullOrEmpty(d.SellerCompany) ? "—" : d.SellerCompany),
            ("Prepared", d.Prepared.ToString("d MMM yyyy")), ("Revision", d.Revision.ToString())]);
        Facts(pdf, [("Value", d.Value), ("Stage", d.Stage), ("Plan owner", d.Owner.Length == 0 ? "—" : d.Owner),
            ("Version", d.Audience == Audience.Buyer ? "For the buyer" : "Internal")]);

        if (d.Audience == Audience.Seller)
        {
            pdf.Gap(4);
            var h = 24.0;
            g.DrawRectangle(new XSolidBrush(WarningSoft), PdfLayout.Left, pdf.Y, pdf.Width, h);
            g.DrawRectangle(new XSolidBrush(Warning), PdfLayout.Left, pdf.Y, 3, h);
            pdf.Line("Internal version: includes seller-only notes, actions and risks. Send the buyer version to the customer.", BodyBold, Warning, PdfLayout.Left + 12, pdf.Y + 6.5);
            pdf.Gap(h + 4);
        }
    }

    /// <summary>A row of four label-over-value boxes.</summary>
    private static void Facts(PdfLayout pdf, (string Label, string Value)[] facts)
    {
        const double h = 36;
        var w = pdf.Width / facts.Length;
        pdf.G.DrawRectangle(new XSolidBrush(BrandSoft), PdfLayout.Left, pdf.Y, pdf.Width, h);
        for (var i = 0; i < facts.Length; i++)
        {
            var x = PdfLayout.Left + i * w + 10;
            pdf.Line(facts[i].Label.ToUpperInvariant(), KickerFont, Text3, x, pdf.Y + 6);
            var value = facts[i].Value;
            while (value.Length > 1 && pdf.Measure(value, FactValue) > w - 16) value = value[..^2] + "…";
            pdf.Line(value, FactValue, Text, x, pdf.Y + 18);
            if (i > 0) pdf.G.DrawLine(new XPen(XColors.White, 1.5), PdfLayout.Left + i * w, pdf.Y, PdfLayout.Left + i * w, pdf.Y + h);
        }
        pdf.Gap(h + 3);
    }

    /// <summary>
    /// Both sides accept the plan: one column per side, a line to sign and a line for the date
    /// for everyone who has not signed yet, the date for those who have.
    /// </summary>
    private static void SignOff(PdfLayout pdf, DocumentModel d)
    {
        var perSide = Math.Max(d.SignOff.Count(s => s.Side == "Buyer"), d.SignOff.Count(s => s.Side != "Buyer"));
        // The note and the hash under the signatures stay on the same page as them.
        pdf.Ensure(PdfLayout.LineHeight(H2) + 70 + perSide * 74 + (d.SignOffStatus is null ? 0 : 64));
        Section(pdf, "Sign-off");
        pdf.Paragraph("By signing, both sides accept this plan, its milestones and their dates as the basis for working together. " +
            "Dates change only by agreement, and every change is recorded.", Body, Text2, 14);
        var top = pdf.Y;
        var colWidth = (pdf.Width - 30) / 2;
        var bottom = top;
        foreach (var (side, company, x) in new[] { ("Buyer", d.BuyerCompany, PdfLayout.Left), ("Seller", d.SellerCompany, PdfLayout.Left + colWidth + 30) })
        {
            var y = top;
            pdf.Line(("For " + (string.IsNullOrEmpty(company) ? side.ToLowerInvariant() : company)).ToUpperInvariant(), KickerFont, Brand, x, y);
            y += 16;
            foreach (var s in d.SignOff.Where(s => (s.Side == "Buyer") == (side == "Buyer")))
            {
                if (s.SignedOn is { } signed)
                    pdf.Line($"Signed on {signed:d MMMM yyyy}", Italic, Success, x, y + 12);
                y += 30;
                pdf.G.DrawLine(new XPen(Text2, 0.7), x, y, x + colWidth * 0.62, y);
                pdf.G.DrawLine(new XPen(Text2, 0.7), x + colWidth * 0.68, y, x + colWidth, y);
                y += 4;
                pdf.Line(s.Name.Length == 0 ? "Name: ______________________" : s.Name, BodyBold, Text, x, y);
                pdf.Line("Date", Small, Text3, x + colWidth * 0.68, y);
                y += PdfLayout.LineHeight(Body);
                pdf.Line(s.SignedTitle ?? s.Role, Small, Text3, x, y);
                y += 24;
            }
            bottom = Math.Max(bottom, y);
        }
        pdf.Y = bottom;
        if (d.SignOffStatus is { } st)
        {
            if (st.Note is not null) pdf.Paragraph(st.Note, Italic, Text2, 8);
            if (st.SignedHash is not null)
            {
                pdf.Paragraph("Content hash (SHA-256) of the signed plan:", Small, Text3, 2);
                pdf.Paragraph(st.SignedHash, SmallBold, Text, 8);
            }
        }
    }

    private static Action<PdfLayout, int> RunningHeader(DocumentModel d) => (pdf, _) =>
    {
        pdf.Line(d.Title, SmallBold, Text2, PdfLayout.Left, 30);
        pdf.Line($"{d.BuyerCompany} · Revision {d.Revision}", Small, Text3, pdf.Right, 30, XStringAlignment.Far);
        pdf.G.DrawLine(new XPen(Border, 0.5), PdfLayout.Left, 44, pdf.Right, 44);
    };

    private static Action<PdfLayout, int, int> Footer(DocumentModel d) => (pdf, page, pages) =>
    {
        var y = pdf.Bottom + 26;
        pdf.G.DrawLine(new XPen(Border, 0.5), PdfLayout.Left, y - 6, pdf.Right, y - 6);
        var who = string.IsNullOrEmpty(d.SellerCompany) ? d.BuyerCompany : $"{d.SellerCompany} for {d.BuyerCompany}";
        pdf.Line(d.Audience == Audience.Buyer ? $"{who} · Confidential" : $"{who} · Internal: not for the buyer", Small, Text3, PdfLayout.Left, y);
        pdf.Line($"Page {page} of {pages}", SmallBold, Text2, pdf.Right, y, XStringAlignment.Far);
    };
}
