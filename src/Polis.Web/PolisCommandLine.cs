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
    /// <summary>
    /// Splits configuration overrides (<c>--Polis:DataPath=/srv/polis</c>, <c>--Polis:DataPath /srv/polis</c>: any option
    /// whose name has a ':') from the command and its own options, so that every command takes them as serve does.
    /// </summary>
    public static (string[] Configuration, string[] Command) SplitConfiguration(string[] args)
    {
        List<string> configuration = [], rest = [];
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2 && (a.IndexOf('=', StringComparison.Ordinal) is var eq) && a[2..(eq < 0 ? a.Length : eq)].Contains(':', StringComparison.Ordinal))
            {
                configuration.Add(a);
                if (eq < 0 && i + 1 < args.Length) configuration.Add(args[++i]);
            }
            else
            {
                rest.Add(a);
            }
        }
        return ([.. configuration], [.. rest]);
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var (configuration, commandArgs) = SplitConfiguration(args);
        var host = new CommandHost((action, readOnly, ct) => WithServicesAsync(configuration, readOnly, action, ct));
        var root = new RootCommand("Polis, the Policing OnLine Information System. Run without a command to serve the web application.");

        var serve = new Command("serve", "Start the web server (options such as --urls go to ASP.NET Core).") { TreatUnmatchedTokensAsErrors = false };
        serve.SetAction((parse, _) => PolisHost.ServeAsync([.. configuration, .. parse.UnmatchedTokens]));
        root.Subcommands.Add(serve);

        var migrate = new Command("migrate", "Apply pending database migrations and exit.");
        migrate.SetAction((_, ct) => host.RunAsync(async (sp, _) =>
        {
            await sp.GetRequiredService<PolisSetup>().MigrateAsync(ct);
            Console.WriteLine("Database is at the current schema.");
            return 0;
        }, ct));
        root.Subcommands.Add(migrate);

        var demo = new Option<bool>("--demo") { Description = "Also create the demo data of every module (demo accounts, the demo library)." };
        var seed = new Command("seed", "Apply migrations and load the reference data (idempotent: a second run adds nothing).") { demo };
        seed.SetAction((parse, ct) => host.RunAsync(async (sp, _) =>
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
            var verbs = module.Commands(host).ToList();
            if (verbs.Count == 0) continue;
            var group = new Command(module.Name, $"Commands of the {module.Name} module.");
            foreach (var verb in verbs) group.Subcommands.Add(verb);
            root.Subcommands.Add(group);
            // The old top-level names, built afresh (a command has one parent).
            foreach (var alias in module.TopLevelAliases)
            {
                var again = module.Commands(host).Single(c => c.Name == alias);
                again.Description = $"(= polis {module.Name} {alias}) {again.Description}";
                root.Subcommands.Add(again);
            }
        }
        return await root.Parse(commandArgs).InvokeAsync();
    }

    /// <summary>Builds the application's services (no web server) and runs one command with them.</summary>
    private static async Task<int> WithServicesAsync(string[] configuration, bool readOnly, Func<IServiceProvider, IConfiguration, Task<int>> action,
        CancellationToken ct)
    {
        WebApplication app;
        try
        {
            var started = Library.Import.ImportTimings.Start();
            // A command reads its settings once: no file watchers on appsettings*.json (they cost start-up, and a
            // command does not live to see a change).
            app = PolisHost.Build([.. configuration, "--hostBuilder:reloadConfigOnChange=false"], readOnly, web: false);
            Library.Import.ImportTimings.Stop("0b host build", started);
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
