using System.Text;
using MailKit.Net.Smtp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MutualPlan.Tests.Infrastructure;
using MutualPlan.Web.Infrastructure.Email;

namespace MutualPlan.Tests.Notifications;

/// <summary>The SMTP sender against a real SMTP server (aiosmtpd), and e-mail switched off.</summary>
public sealed class EmailDeliveryTests : IDisposable
{
    private readonly SmtpSink _sink = new();

    public void Dispose() => _sink.Dispose();

    private SmtpMailSender Sender(Action<SmtpOptions>? change = null)
    {
        var o = new SmtpOptions { Host = "127.0.0.1", Port = _sink.Port, Security = SmtpSecurity.None, From = new SmtpSender { Name = "Acme Plans", Address = "plans@acme.test" } };
        change?.Invoke(o);
        return new SmtpMailSender(Options.Create(o), NullLogger<SmtpMailSender>.Instance);
    }

    [Fact]
    public async Task A_message_arrives_with_its_recipients_both_parts_an_attachment_and_extra_headers()
    {
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7 pretend");
        var id = await Sender().SendAsync(new EmailMessage
        {
            To = [new EmailAddress("ana@northwind.test", "Ana Buyer")],
            Cc = [new EmailAddress("sam@acme.test")],
            Subject = "Your plan: Northwind rollout — “next steps”",
            Html = "<p>Hello <strong>Ana</strong></p>",
            Text = "Hello Ana",
            Attachments = [new EmailAttachment("plan.pdf", "application/pdf", pdf)],
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = "<https://plans.acme.test/unsubscribe/abc>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
            MessageIdLocalPart = "job-42",
        });

        var mail = Assert.Single(await _sink.WaitForAsync(1));
        Assert.Equal("job-42@acme.test", id);
        Assert.Equal(id, mail.MessageId);
        Assert.Equal(["ana@northwind.test"], mail.To);
        Assert.Equal(["sam@acme.test"], mail.Cc);
        Assert.Equal(["ana@northwind.test", "sam@acme.test"], mail.EnvelopeRecipients.Order());
        Assert.Equal("Acme Plans", mail.From.Name);
        Assert.Equal("plans@acme.test", mail.From.Address);
        Assert.Equal("Your plan: Northwind rollout — “next steps”", mail.Subject);
        Assert.Contains("<strong>Ana</strong>", mail.Html);
        Assert.Equal("Hello Ana", mail.Text?.Trim());
        var attachment = Assert.Single(mail.Attachments);
        Assert.Equal("plan.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        Assert.Equal(pdf, ReceivedEmail.Content(attachment));
        Assert.Equal("<https://plans.acme.test/unsubscribe/abc>", mail.Header("List-Unsubscribe"));
        Assert.Equal("List-Unsubscribe=One-Click", mail.Header("List-Unsubscribe-Post"));
    }

    [Fact]
    public async Task A_server_that_is_down_makes_sending_fail_and_works_again_once_it_is_back()
    {
        var sender = Sender(o => o.TimeoutSeconds = 5);
        var message = new EmailMessage { To = [new EmailAddress("ana@northwind.test")], Subject = "Hi", Html = "<p>Hi</p>", Text = "Hi" };
        _sink.Stop();
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => sender.SendAsync(message));
        _sink.Start();
        await sender.SendAsync(message);
        Assert.Single(await _sink.WaitForAsync(1));
    }

    [Fact]
    public async Task Addressing_headers_cannot_be_smuggled_in_as_extra_headers()
    {
        var message = new EmailMessage
        {
            To = [new EmailAddress("ana@northwind.test")], Subject = "Hi", Html = "<p>Hi</p>", Text = "Hi",
            Headers = new Dictionary<string, string> { ["Bcc"] = "eve@evil.test" },
        };
        await Assert.ThrowsAsync<ArgumentException>(() => Sender().SendAsync(message));
        Assert.Empty(_sink.Messages());
    }

    [Theory]
    [InlineData(null, "plans@acme.test", "Smtp__Host")]
    [InlineData("", "plans@acme.test", "Smtp__Host")]
    [InlineData("127.0.0.1", null, "Smtp__From__Address")]
    [InlineData("127.0.0.1", "not an address", "Smtp__From__Address")]
    public async Task Without_a_host_or_a_sender_address_email_is_off_with_a_reason_and_nothing_is_sent(string? host, string? from, string named)
    {
        var sender = Sender(o => { o.Host = host; o.From.Address = from; });
        Assert.False(sender.IsEnabled);
        Assert.Contains(named, sender.DisabledReason);
        var e = await Assert.ThrowsAsync<EmailDisabledException>(() => sender.SendAsync(
            new EmailMessage { To = [new EmailAddress("ana@northwind.test")], Subject = "Hi", Html = "<p>Hi</p>", Text = "Hi" }));
        Assert.Equal(sender.DisabledReason, e.Message);
    }

    [Fact]
    public void Without_a_port_the_usual_one_for_the_security_mode_is_used()
    {
        Assert.Equal(25, new SmtpOptions { Security = SmtpSecurity.None }.EffectivePort);
        Assert.Equal(587, new SmtpOptions { Security = SmtpSecurity.StartTls }.EffectivePort);
        Assert.Equal(465, new SmtpOptions { Security = SmtpSecurity.SslOnConnect }.EffectivePort);
        Assert.Equal(2525, new SmtpOptions { Port = 2525 }.EffectivePort);
    }
}

/// <summary>The app without SMTP settings says so in the notification centre instead of failing.</summary>
public abstract class EmailOffTests(TestApp app)
{
    [Fact]
    public async Task The_notification_centre_says_email_is_off_when_no_smtp_server_is_configured()
    {
        var seller = await app.NewWorkspaceAsync();
        var client = await seller.LoginAsync();
        var html = await client.GetStringAsync("/notifications");
        Assert.Contains("E-mail is turned off on this server", html);
        Assert.False(app.Services.GetRequiredService<IMailSender>().IsEnabled);
    }
}

public sealed class EmailOffTests_Sqlite(SqliteApp app) : EmailOffTests(app), IClassFixture<SqliteApp>;
public sealed class EmailOffTests_Postgres(PostgresApp app) : EmailOffTests(app), IClassFixture<PostgresApp>;
