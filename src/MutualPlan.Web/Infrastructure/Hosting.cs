using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MutualPlan.Web.Auth;
using MutualPlan.Web.Data;
using MutualPlan.Web.Features.Items;
using MutualPlan.Web.Features.Sharing;
using MutualPlan.Web.Infrastructure.Live;

namespace MutualPlan.Web.Infrastructure;

/// <summary>Everything the host wires up, in one place, in the order it matters.</summary>
public static class Hosting
{
    public const string ApiPolicy = "api";

    public static WebApplicationBuilder AddMutualPlan(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var db = builder.Configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(db);
        services.AddSingleton(TimeProvider.System);
        builder.AddReverseProxy();
        services.AddMemoryCache();
        var contentRoot = builder.Environment.ContentRootPath;
        services.AddDbContext<AppDbContext>((sp, o) =>
        {
            db.Configure(o, contentRoot);
            o.AddInterceptors(Live.LiveCommitInterceptor.Instance, sp.GetRequiredService<Live.LinkPresenceInterceptor>());
        });
        services.AddLiveUpdates();
        services.AddScoped<SchemaMigrator>();
        services.AddHttpContextAccessor();
        services.AddScoped<IActorSource, HttpActorSource>();
        services.AddItemFeatures();
        services.AddScoped<MutualPlan.Web.Features.Recaps.PlanMailer>();
        services.AddSingleton<MutualPlan.Web.Features.Sharing.GuessGuard>();
        services.AddSingleton<MutualPlan.Web.Features.Documents.Import.CsvImporter>();
        services.Configure<Email.SmtpOptions>(builder.Configuration.GetSection(Email.SmtpOptions.Section));
        services.AddSingleton<Email.IMailSender, Email.SmtpMailSender>();
        services.Configure<Jobs.JobOptions>(builder.Configuration.GetSection(Jobs.JobOptions.Section));
        services.Configure<Features.Notifications.NotificationOptions>(builder.Configuration.GetSection(Features.Notifications.NotificationOptions.Section));
        services.AddSingleton<Features.Notifications.PreferenceTokens>();
        services.AddScoped<Features.Notifications.NotificationMailer>();
        services.AddSingleton<Features.Notifications.NotificationWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Notifications.NotificationWorker>());
        services.Configure<Features.Integrations.WebhookOptions>(builder.Configuration.GetSection(Features.Integrations.WebhookOptions.Section));
        services.AddSingleton<Features.Integrations.WebhookWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Integrations.WebhookWorker>());

        services.AddIdentity<AppUser, IdentityRole<Guid>>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<WorkspaceClaimsFactory>();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/login";
            o.Cookie.Name = "mp.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            // htmx requests must not be redirected to the login page inside a section.
            o.Events.OnRedirectToLogin = ctx =>
            {
                if (ctx.Request.Headers.ContainsKey("HX-Request")) { ctx.Response.Headers["HX-Redirect"] = ctx.RedirectUri; ctx.Response.StatusCode = 401; }
                else ctx.Response.Redirect(ctx.RedirectUri);
                return Task.CompletedTask;
            };
        });
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddBuyerLinkCookie();
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(WorkspaceUser.WorkspaceClaim));

        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToFolder("/Account");
            o.Conventions.AllowAnonymousToFolder("/Buyer");
        }).AddMvcOptions(o =>
        {
            var m = o.ModelBindingMessageProvider;
            m.SetAttemptedValueIsInvalidAccessor((_, _) => BindingMessages.Unreadable);
            m.SetValueIsInvalidAccessor(_ => BindingMessages.Unreadable);
            m.SetValueMustBeANumberAccessor(_ => BindingMessages.Unreadable);
            m.SetUnknownValueIsInvalidAccessor(_ => BindingMessages.Unreadable);
            m.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => BindingMessages.Unreadable);
            m.SetNonPropertyUnknownValueIsInvalidAccessor(() => BindingMessages.Unreadable);
            m.SetNonPropertyValueMustBeANumberAccessor(() => BindingMessages.Unreadable);
        });
        services.AddAntiforgery(o => { o.HeaderName = "RequestVerificationToken"; o.Cookie.Name = "mp.af"; });

        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestProblemHandler>();
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.Converters.Add(new DecimalJsonConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiDescription>());
        return builder;
    }

    public static WebApplication UseMutualPlan(this WebApplication app)
    {
        app.UseReverseProxy();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (ctx, next) =>
        {
            var h = ctx.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "same-origin";
            h.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
            await next();
        });
        app.UseStaticFiles();
        app.UseMiddleware<FirstRunMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<MutualPlan.Web.Features.Sharing.BuyerLinkMiddleware>();
        app.UseAuthorization();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGet("/healthz", () => TypedResults.Text("ok")).AllowAnonymous().ExcludeFromDescription();
        var api = app.MapGroup("/api/v1").RequireAuthorization(ApiPolicy).DisableAntiforgery();
        api.MapFeatureApis();
        app.MapRazorPages();
        app.MapLiveUpdates();
        return app;
    }

    /// <summary>Applies pending migrations (safe when several instances start together).</summary>
    public static async Task MigrateAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync();
    }
}

/// <summary>Until the first account exists, every page leads to the setup page.</summary>
public sealed class FirstRunMiddleware(RequestDelegate next)
{
    // One middleware instance per app, so the flag is per app (and per database).
    private volatile bool _setUp;

    public async Task InvokeAsync(HttpContext ctx, AppDbContext db)
    {
        var path = ctx.Request.Path;
        if (!_setUp && !path.StartsWithSegments("/setup") && !path.StartsWithSegments("/api")
            && !path.StartsWithSegments("/openapi") && !path.StartsWithSegments("/healthz") && !Path.HasExtension(path))
        {
            if (path.StartsWithSegments("/p") || path.StartsWithSegments("/email")) { await next(ctx); return; }
            if (await db.Users.AnyAsync()) _setUp = true;
            else { ctx.Response.Redirect("/setup"); return; }
        }
        await next(ctx);
    }
}
