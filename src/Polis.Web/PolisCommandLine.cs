using System.CommandLine;
using Polis.Data;
using Polis.Platform;

namespace Polis.Web;

/// <summary>
/// The `polis` command line: the same binary and configuration as the web server. The host's own verbs are serve,
/// migrate and seed; every module's verbs come from its descriptor as `polis {module} {verb}`, and the verbs a module
/// names in TopLevelAliases also answer at the top level (`polis import`), as they did before modules declared them.
/// </summary>
internal static class PolisCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Polis, the Policing OnLine Information System. Run without a command to serve the web application.");

        var serve = new Command("serve", "Start the web server (options such as --urls go to ASP.NET Core).") { TreatUnmatchedTokensAsErrors = false };
        serve.SetAction((parse, _) => PolisHost.ServeAsync([.. parse.UnmatchedTokens]));
        root.Subcommands.Add(serve);

        var migrate = new Command("migrate", "Apply pending database migrations and exit.");
        migrate.SetAction((_, ct) => Host.RunAsync(async (sp, _) =>
        {
            await sp.GetRequiredService<PolisSetup>().MigrateAsync(ct);
            Console.WriteLine("Database is at the current schema.");
            return 0;
        }, ct));
        root.Subcommands.Add(migrate);

        var demo = new Option<bool>("--demo") { Description = "Also create the demo data of every module (demo accounts, the demo library)." };
        var seed = new Command("seed", "Apply migrations and load the reference data (idempotent: a second run adds nothing).") { demo };
        seed.SetAction((parse, ct) => Host.RunAsync(async (sp, _) =>
        {
            var setup = sp.GetRequiredService<PolisSetup>();
            await setup.MigrateAsync(ct);
            var report = await setup.SeedAsync(parse.GetValue(demo), ct);
            Console.WriteLine($"Seed added {report}.");
            foreach (var line in report.Notes) Console.WriteLine(line);
            return 0;
        }, ct));
        root.Subcommands.Add(seed);

        foreach (var module in PolisModules.All)
        {
            var verbs = module.Commands(Host).ToList();
            if (verbs.Count == 0) continue;
            var group = new Command(module.Name, $"Commands of the {module.Name} module.");
            foreach (var verb in verbs) group.Subcommands.Add(verb);
            root.Subcommands.Add(group);
            // The old top-level names, built afresh (a command has one parent).
            foreach (var alias in module.TopLevelAliases)
            {
                var again = module.Commands(Host).Single(c => c.Name == alias);
                again.Description = $"(= polis {module.Name} {alias}) {again.Description}";
                root.Subcommands.Add(again);
            }
        }
        return await root.Parse(args).InvokeAsync();
    }

    private static readonly CommandHost Host = new(WithServicesAsync);

    /// <summary>Builds the application's services (no web server) and runs one command with them.</summary>
    private static async Task<int> WithServicesAsync(Func<IServiceProvider, IConfiguration, Task<int>> action, CancellationToken ct)
    {
        WebApplication app;
        try
        {
            app = PolisHost.Build([]);
        }
        catch (PolisConfigurationException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        await using (app)
        {
            await using var scope = app.Services.CreateAsyncScope();
            try
            {
                return await action(scope.ServiceProvider, app.Configuration);
            }
            catch (System.Data.Common.DbException e)
            {
                await Console.Error.WriteLineAsync($"Database error ({PolisStorage.ConnectionSetting}): {e.Message}");
                return 3;
            }
            finally
            {
                ct.ThrowIfCancellationRequested();
            }
        }
    }
}
