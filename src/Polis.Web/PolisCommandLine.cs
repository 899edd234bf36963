using System.CommandLine;
using System.Security.Cryptography;
using Polis.Accounts;
using Polis.Accounts.Contracts;
using Polis.Data;

namespace Polis.Web;

/// <summary>The `polis` command line: the same binary and configuration as the web server.</summary>
internal static class PolisCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Polis, the Policing OnLine Information System. Run without a command to serve the web application.");

        var serve = new Command("serve", "Start the web server (options such as --urls go to ASP.NET Core).") { TreatUnmatchedTokensAsErrors = false };
        serve.SetAction((parse, _) => PolisHost.ServeAsync([.. parse.UnmatchedTokens]));
        root.Subcommands.Add(serve);

        var migrate = new Command("migrate", "Apply pending database migrations and exit.");
        migrate.SetAction((_, ct) => WithServicesAsync(async (sp, _) =>
        {
            await sp.GetRequiredService<PolisSetup>().MigrateAsync(ct);
            Console.WriteLine("Database is at the current schema.");
            return 0;
        }, ct));
        root.Subcommands.Add(migrate);

        var demo = new Option<bool>("--demo") { Description = "Also create the demo accounts (one per role)." };
        var seed = new Command("seed", "Apply migrations and load the reference data (idempotent: a second run adds nothing).") { demo };
        seed.SetAction((parse, ct) => WithServicesAsync(async (sp, _) =>
        {
            var setup = sp.GetRequiredService<PolisSetup>();
            await setup.MigrateAsync(ct);
            var report = await setup.SeedAsync(parse.GetValue(demo), ct);
            Console.WriteLine($"Seed added {report.ReferenceRecordsAdded} reference records and {report.DemoUsersAdded} demo users.");
            return 0;
        }, ct));
        root.Subcommands.Add(seed);

        root.Subcommands.Add(Users());
        root.Subcommands.Add(Commands.ImportCommand.Create());
        root.Subcommands.Add(Commands.ReindexCommand.Create());
        root.Subcommands.Add(Commands.LexiconCommand.Create());
        foreach (var command in ExtraCommands) root.Subcommands.Add(command());
        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>Commands that modules add (import, reindex …).</summary>
    internal static readonly List<Func<Command>> ExtraCommands = [];

    private static Command Users()
    {
        var email = new Option<string>("--email") { Description = "E-mail address, also the user name.", Required = true };
        var name = new Option<string>("--name") { Description = "Display name.", DefaultValueFactory = _ => "Administrator" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input instead of generating one." };
        var createAdmin = new Command("create-admin", "Create an administrator account. Prints a generated password unless --password-stdin is given.")
            { email, name, passwordStdin };
        createAdmin.SetAction((parse, ct) => WithServicesAsync(async (sp, _) =>
        {
            await sp.GetRequiredService<PolisSetup>().MigrateAsync(ct);
            var generated = !parse.GetValue(passwordStdin);
            var password = generated ? GeneratePassword() : (await Console.In.ReadLineAsync(ct))?.Trim() ?? "";
            try
            {
                var created = await sp.GetRequiredService<UserDirectory>().CreateAsync(
                    parse.GetValue(email)!, parse.GetValue(name)!, password, [Role.Administrator]);
                if (!created)
                {
                    await Console.Error.WriteLineAsync($"A user with the e-mail {parse.GetValue(email)} already exists; nothing was changed.");
                    return 1;
                }
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"The administrator was not created: {e.Message}");
                return 1;
            }
            Console.WriteLine($"Administrator {parse.GetValue(email)} created." + (generated ? $" Password: {password}" : ""));
            return 0;
        }, ct));
        return new Command("users", "Manage user accounts.") { createAdmin };
    }

    private static string GeneratePassword() =>
        "Pl-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y') + "-9";

    /// <summary>Builds the application's services (no web server) and runs one command with them.</summary>
    internal static async Task<int> WithServicesAsync(Func<IServiceProvider, WebApplication, Task<int>> action, CancellationToken ct)
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
                return await action(scope.ServiceProvider, app);
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
