using System.Text.Encodings.Web;
using MutualPlan.Web.Infrastructure.Email;

namespace MutualPlan.Web.Features.Sharing;

/// <summary>The two e-mails of link access: the one-time code, and a personal invitation with its link.</summary>
public static class LinkMail
{
    private static string H(string s) => HtmlEncoder.Default.Encode(s);

    public static EmailMessage Code(string to, string? name, string code, string planTitle, string workspace) => new()
    {
        To = [new EmailAddress(to, string.IsNullOrWhiteSpace(name) ? null : name)],
        Subject = $"{code} is your code for “{planTitle}”",
        Text = $"""
            Your code to open the plan “{planTitle}” shared by {workspace} is:

                {code}

            It works for 10 minutes. If you did not ask for it, ignore this message: nobody gets in without the code.
            """,
        Html = $"""
            <p>Your code to open the plan <strong>{H(planTitle)}</strong> shared by {H(workspace)} is:</p>
            <p style="font-size:28px;font-weight:700;letter-spacing:6px;font-family:monospace">{code}</p>
            <p>It works for 10 minutes. If you did not ask for it, ignore this message: nobody gets in without the code.</p>
            """,
    };

    public static EmailMessage Invitation(string to, string name, string url, string planTitle, string buyerCompany, string workspace, string invitedBy, string? note) => new()
    {
        To = [new EmailAddress(to, name)],
        Subject = $"{invitedBy} shared “{planTitle}” with you",
        Text = $"""
            Hello {name},

            {invitedBy} of {workspace} shared the mutual action plan “{planTitle}” for {buyerCompany} with you: what is done, what is next and who owes it.
            {(string.IsNullOrWhiteSpace(note) ? "" : "\n" + note.Trim() + "\n")}
            Open it here (no account needed; the link is personal to you, please do not forward it):
            {url}
            """,
        Html = $"""
            <p>Hello {H(name)},</p>
            <p>{H(invitedBy)} of {H(workspace)} shared the mutual action plan <strong>{H(planTitle)}</strong> for {H(buyerCompany)} with you: what is done, what is next and who owes it.</p>
            {(string.IsNullOrWhiteSpace(note) ? "" : $"<p>{H(note.Trim())}</p>")}
            <p><a href="{H(url)}">Open the plan</a> (no account needed; the link is personal to you, please do not forward it).</p>
            """,
    };

    /// <summary>"p•••@northwind.com": enough to recognise one's own address without revealing it to whoever holds the link.</summary>
    public static string Mask(string email)
    {
        var at = email.IndexOf('@');
        return at <= 0 ? "your address" : email[0] + new string('•', Math.Min(3, Math.Max(1, at - 1))) + email[at..];
    }
}
