using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Polis.Accounts;
using Polis.Data;
using Serilog;
using Serilog.Formatting.Compact;

namespace Polis.Web;

/// <summary>Builds and starts the web application; the command line reuses <see cref="Build"/> for its services.</summary>
internal static class PolisHost
{
    public static readonly CultureInfo[] Cultures = [new("en"), new("ru")];

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
        try
        {
            // Opened now, not on the first search: a second server on the same data folder stops here with a message
            // instead of running without its index.
            _ = app.Services.GetRequiredService<Polis.Searching.SearchIndexHolder>().Value;
        }
        catch (Lucene.Net.Store.LockObtainFailedException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await app.DisposeAsync();
            return 4;
        }
        if (!await InitialiseAsync(app)) return 3;
        await app.RunAsync();
        return 0;
    }

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var storage = PolisStorage.From(builder.Configuration, builder.Environment.ContentRootPath);
        var maxUpload = builder.Configuration.GetValue<long?>(Polis.Library.LibraryModule.MaxUploadSetting) ?? 100;

        builder.Services.AddSerilog((services, log) =>
        {
            log.ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext();
            if (builder.Environment.IsDevelopment())
                log.WriteTo.Console(formatProvider: CultureInfo.InvariantCulture);
            else
                log.WriteTo.Console(new RenderedCompactJsonFormatter());
        });

        builder.Services.AddPolisModules(storage, builder.Configuration);
        // Uploads up to the library's limit (+1 MB for the form around the file); larger requests get 413 before any byte is stored.
        var maxRequest = (maxUpload + 1) * 1024 * 1024;
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxRequest);
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = maxRequest);
        builder.Services.AddDataProtection()
            .SetApplicationName("Polis")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(storage.DataPath, "keys")));
        builder.Services.AddLocalization();
        // Cyrillic and other scripts go out as characters, not as &#x…; entities (half the bytes on a slow link).
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/";
            o.Conventions.AddPageRoute("/Library/Pages/Edit", "library/documents/new");
        });
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "polis.af";
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            if (c.ProblemDetails.Status == StatusCodes.Status400BadRequest && c.ProblemDetails.Detail is null
                && c.ProblemDetails is not HttpValidationProblemDetails)
                c.ProblemDetails.Detail = c.HttpContext.Request.HasFormContentType
                    ? $"The upload could not be read; files may be at most {maxUpload} MB."
                    : "The request could not be read: check that the body is valid JSON and that each value has the documented type.";
            if (c.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge)
                c.ProblemDetails.Detail = "The request is larger than the upload limit.";
        });
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddOpenApi(OpenApiDocumentSetup.Configure);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
            o.ExcludedHosts.Clear();
        });

        var app = builder.Build();
        Configure(app);
        return app;
    }

    private static void Configure(WebApplication app)
    {
        app.UseSecurityHeaders();
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
        // Routing after the error handlers, so a re-executed /error request is routed to its page.
        app.UseRouting();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = c.Context.Request.Query.ContainsKey("v")
                ? "public,max-age=31536000,immutable" : "public,max-age=3600",
        });
        app.UseRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        app.UsePolisAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.Use(async (context, next) =>
        {
            context.RequestServices.GetRequiredService<CurrentActor>().Viewer = context.RequestServices.GetRequiredService<Polis.Accounts.Contracts.Viewer>();
            await next();
        });

        app.MapRazorPages();
        app.MapPolisModules();
        app.MapLanguageSwitch();
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(AccountPermissions.Public);
        app.MapHealthChecks("/health").RequireAuthorization(AccountPermissions.Public);
        // Unknown paths answer 404 (a page or ProblemDetails), not a sign-in redirect from the fallback policy.
        app.MapFallback(() => Results.NotFound()).RequireAuthorization(AccountPermissions.Public).ExcludeFromDescription();
    }

    /// <summary>Migrates and seeds; on failure says what is wrong in one line, without a stack trace.</summary>
    public static async Task<bool> InitialiseAsync(WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILogger<WebApplication>>();
        var storage = app.Services.GetRequiredService<PolisStorage>();
        var demo = app.Configuration.GetValue<bool>("Polis:Demo");
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var setup = scope.ServiceProvider.GetRequiredService<PolisSetup>();
            await setup.MigrateAsync(app.Lifetime.ApplicationStopping);
            var report = await setup.SeedAsync(demo, app.Lifetime.ApplicationStopping);
            log.LogInformation("Database ready ({Provider}); seed added {Reference} reference records and {Users} demo users",
                storage.Provider, report.ReferenceRecordsAdded, report.DemoUsersAdded);
            if (demo)
            {
                var library = app.Configuration[Polis.Library.Import.DemoLibrary.PathSetting] is { Length: > 0 } path
                    ? Path.GetFullPath(path, app.Environment.ContentRootPath) : Polis.Library.Import.DemoLibrary.DefaultPath;
                await scope.ServiceProvider.GetRequiredService<Polis.Library.Import.DemoLibrary>().SeedAsync(library, app.Lifetime.ApplicationStopping);
            }
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            await Console.Error.WriteLineAsync(
                $"Polis cannot open its {storage.Provider} database (check '{PolisStorage.ConnectionSetting}' and that the server is running): {e.GetBaseException().Message}");
            return false;
        }
        if (demo)
        {
            Console.WriteLine("Demo mode: these accounts exist (password for all: " + DemoUsers.Password + ")");
            foreach (var a in DemoUsers.All)
                Console.WriteLine($"  {a.Role ?? "(registered only)",-16} {a.Email}");
        }
        return true;
    }
}
