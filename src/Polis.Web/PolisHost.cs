using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Platform;
using Serilog;
using Serilog.Formatting.Compact;

namespace Polis.Web;

/// <summary>
/// Builds and starts the web application; the command line reuses <see cref="Build"/> for its services. It knows no
/// module: everything module-specific comes from <see cref="ModuleCatalog"/> (docs/modules.md).
/// </summary>
internal static class PolisHost
{
    /// <summary>Routes the host itself maps that anonymous callers may use.</summary>
    public static readonly string[] PublicRoutes = ["/health", "/health/ready", "/health/live", "/language/{code}", "/openapi/{documentName}.json", "/{*path:nonfile}"];

    public static async Task<int> ServeAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
        }
        catch (PolisConfigurationException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        var catalog = app.Services.GetRequiredService<ModuleCatalog>();
        try
        {
            foreach (var module in catalog.Modules) module.OnStarting(app.Services);
        }
        catch (PolisStartupException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await app.DisposeAsync();
            return e.ExitCode;
        }
        var problems = catalog.CheckEndpoints(app.Services.GetRequiredService<EndpointDataSource>().Endpoints, AccountPermissions.Public, PublicRoutes);
        if (problems.Count > 0)
        {
            foreach (var problem in problems) await Console.Error.WriteLineAsync(problem);
            await app.DisposeAsync();
            return 2;
        }
        if (!await InitialiseAsync(app)) return 3;
        await app.RunAsync();
        return 0;
    }

    /// <summary>
    /// The content root: the application's folder (appsettings.json, wwwroot, demo/), whatever the working directory a
    /// service manager starts Polis from; the project folder when run from source (<c>dotnet run</c> starts there).
    /// <c>--contentRoot</c> or ASPNETCORE_CONTENTROOT still choose another.
    /// </summary>
    private static string ContentRoot()
    {
        var current = Directory.GetCurrentDirectory();
        return File.Exists(Path.Combine(current, "Polis.Web.csproj")) ? current : AppContext.BaseDirectory;
    }

    /// <param name="args">ASP.NET Core and configuration options (--urls, --Polis:DataPath=…).</param>
    /// <param name="readOnly">For a command that writes nothing (a dry run): the data folder is not created.</param>
    /// <param name="web">
    /// False for a command (`polis import`, `polis reindex` …), which uses the services and never serves a request: the
    /// request pipeline and the endpoints (<see cref="Configure"/>) and the page cache's eviction hook are left out. They
    /// were a fifth of a command's start-up before its first line of work (issue 21, eighth pass).
    /// </param>
    public static WebApplication Build(string[] args, bool readOnly = false, bool web = true)
    {
        // Only when Polis.Web is the program: a test host (WebApplicationFactory) sets its own content root.
        var ownProcess = System.Reflection.Assembly.GetEntryAssembly() == typeof(PolisHost).Assembly;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ownProcess ? ContentRoot() : null });
        var storage = PolisStorage.From(builder.Configuration, builder.Environment.ContentRootPath, create: !readOnly);

        builder.Services.AddSerilog((services, log) =>
        {
            log.ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext();
            if (builder.Environment.IsDevelopment())
                log.WriteTo.Console(formatProvider: CultureInfo.InvariantCulture);
            else
                log.WriteTo.Console(new RenderedCompactJsonFormatter());
        });

        var catalog = builder.Services.AddPolis(storage, builder.Configuration);
        // Request bodies up to what the modules accept (uploads); larger requests get 413 before any byte is stored.
        var maxRequest = catalog.RequestBodyLimit;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = maxRequest;
            k.AddServerHeader = false; // no "Server: Kestrel"
        });
        builder.Services.AddForwardedHeaders(Deployment.KnownProxies(builder.Configuration));
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = maxRequest);
        builder.Services.AddDataProtection()
            .SetApplicationName("Polis")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(storage.DataPath, "keys")));
        builder.Services.AddLocalization();
        builder.Services.AddPolisCompression();
        builder.Services.AddPolisPageCache();
        builder.Services.AddHostedService<StartupWarming>();
        // Cyrillic and other scripts go out as characters, not as &#x…; entities (half the bytes on a slow link).
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/";
            foreach (var module in catalog.Modules) module.ConfigurePages(o.Conventions);
        }).AddMvcOptions(o => o.ModelBindingMessageProvider.UseInterfaceLanguage());
        // Razor buffers a page in pages of 32 or 256 values rented from this pool, which MVC takes from
        // ArrayPool.Shared: that pool keeps 8 arrays of a size per core, while each page in flight holds its buffers
        // until it is written and 32 requests run at once, so pages were allocated anew and dropped (the profile of
        // the uncached search page showed their allocation waiting for a GC; issue 21, ninth pass). This pool keeps up
        // to 1,024 of each size (256 values are 2 KB).
        builder.Services.AddSingleton(System.Buffers.ArrayPool<Microsoft.AspNetCore.Mvc.ViewFeatures.Buffers.ViewBufferValue>.Create(
            maxArrayLength: 1024, maxArraysPerBucket: 1024));
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "polis.af";
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });
        var maxMegabytes = catalog.UploadMegabytes > 0 ? catalog.UploadMegabytes : maxRequest / 1024 / 1024;
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            if (c.ProblemDetails.Status == StatusCodes.Status400BadRequest && c.ProblemDetails.Detail is null
                && c.ProblemDetails is not HttpValidationProblemDetails)
                c.ProblemDetails.Detail = c.HttpContext.Request.HasFormContentType
                    ? $"The upload could not be read; files may be at most {maxMegabytes} MB."
                    : "The request could not be read: check that the body is valid JSON and that each value has the documented type.";
            if (c.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge)
                c.ProblemDetails.Detail = "The request is larger than the upload limit.";
        });
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddOpenApi(o => OpenApiDocumentSetup.Configure(o, catalog));
        builder.Services.AddSingleton<DatabaseHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [DatabaseHealthCheck.ReadyTag]);
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
            o.ExcludedHosts.Clear();
        });

        var app = builder.Build();
        if (web)
        {
            PageCache.EvictOnChange(app.Services);
            Configure(app, catalog);
        }
        // Where the settings came from, so a service started from another folder shows whether it found them.
        var files = builder.Configuration.Sources.OfType<Microsoft.Extensions.Configuration.Json.JsonConfigurationSource>()
            .Select(s => s.FileProvider?.GetFileInfo(s.Path ?? "") is { Exists: true } f ? f.PhysicalPath : null).OfType<string>().ToList();
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Polis.Startup").LogInformation(
            "Content root {ContentRoot}; settings read from {SettingsFiles}, the environment and the command line; data in {DataPath}",
            builder.Environment.ContentRootPath, files.Count > 0 ? string.Join(", ", files) : "no appsettings file", storage.DataPath);
        return app;
    }

    private static void Configure(WebApplication app, ModuleCatalog catalog)
    {
        // First: the scheme and client address a known proxy forwarded (HTTPS behind TLS termination: Secure cookies, HSTS).
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UsePrivateCaching();
        // Before everything that writes a body, error pages included (Compression.cs; BREACH is discussed there).
        app.UseResponseCompression();
        if (app.Environment.IsDevelopment())
            app.UseDeveloperExceptionPage();
        else
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }
        app.UseWhen(c => ApiExceptionHandler.IsApi(c.Request), a => a.UseStatusCodePages());
        app.UseWhen(c => !ApiExceptionHandler.IsApi(c.Request), a => a.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseSerilogRequestLogging();
        app.UseFormsWithNul();
        // Routing after the error handlers, so a re-executed /error request is routed to its page.
        app.UseRouting();
        // A page answers GET, HEAD and POST; any other method (TRACE, PUT …) on a page is 405, not a page run without its
        // handler (which failed with 500).
        app.Use(async (context, next) =>
        {
            var method = context.Request.Method;
            if (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null
                && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsPost(method))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = "GET, HEAD, POST";
                return;
            }
            await next(context);
        });
        var webRoot = app.Environment.WebRootFileProvider;
        app.UsePrecompressedStaticFiles(webRoot);
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = Compression.ContentTypes,
            OnPrepareResponse = c =>
            {
                // Fingerprinted files never change: the style sheet is linked with ?v=<hash> (asp-append-version), and
                // the fonts it names carry their hash in the file name (build.mjs). Anything else may change on deploy.
                c.Context.Response.Headers.CacheControl = c.Context.Request.Query.ContainsKey("v")
                    || c.Context.Request.Path.StartsWithSegments("/dist/fonts", StringComparison.Ordinal)
                    ? "public,max-age=31536000,immutable" : "public,max-age=3600";
                Compression.PrepareResponse(c, webRoot);
            },
        });
        app.UseRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = [.. app.Services.GetRequiredService<Polis.Shared.PolisLanguages>().Cultures];
            o.SupportedUICultures = o.SupportedCultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        app.UseAuthentication();
        foreach (var module in catalog.Modules) module.AfterAuthentication(app);
        app.UseAuthorization();
        // After authentication: a signed-in viewer is known, and never served or stored (PageCache).
        app.UseOutputCache();
        app.UseAntiforgery();

        app.MapRazorPages();
        catalog.MapEndpoints(app);
        app.MapLanguageSwitch();
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(AccountPermissions.Public);
        // Readiness (/health, /health/ready: the database probe, cached for 2 s) and liveness (/health/live: the process answers).
        app.MapHealthChecks("/health").RequireAuthorization(AccountPermissions.Public);
        app.MapHealthChecks("/health/ready").RequireAuthorization(AccountPermissions.Public);
        app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false })
            .RequireAuthorization(AccountPermissions.Public);
        // Unknown paths answer 404 (a page or ProblemDetails), not a sign-in redirect from the fallback policy; an API route
        // asked with another method or Content-Type answers 405 or 415 (ApiFallback).
        app.MapFallback(ApiFallback.Answer).RequireAuthorization(AccountPermissions.Public).ExcludeFromDescription();
    }

    /// <summary>Migrates and lets every module seed; on failure says what is wrong in one line, without a stack trace.</summary>
    public static async Task<bool> InitialiseAsync(WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILogger<WebApplication>>();
        var storage = app.Services.GetRequiredService<PolisStorage>();
        var demo = app.Configuration.GetValue<bool>("Polis:Demo");
        SeedReport report;
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var setup = scope.ServiceProvider.GetRequiredService<PolisSetup>();
            await setup.MigrateAsync(app.Lifetime.ApplicationStopping);
            report = await setup.SeedAsync(demo, app.Lifetime.ApplicationStopping);
            log.LogInformation("Database ready ({Provider}); seed added {Added}", storage.Provider, report.ToString());
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            await Console.Error.WriteLineAsync(
                $"Polis cannot open its {storage.Provider} database (check '{PolisStorage.ConnectionSetting}' and that the server is running): {e.GetBaseException().Message}");
            return false;
        }
        foreach (var line in report.Notes) Console.WriteLine(line);
        return true;
    }
}
