using Microsoft.Extensions.DependencyInjection;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Foundation;

public sealed class RunningTheCommandLine : IDisposable
{
    private readonly string dataPath = Path.Combine(Path.GetTempPath(), "polis-cli-" + Guid.NewGuid().ToString("N")[..8]);
    private Dictionary<string, string> Env => new() { ["Polis__DataPath"] = dataPath };

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var result = await PolisCli.RunAsync(Env, null, "--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "serve", "seed", "migrate", "users" })
            Assert.Contains(command, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_twice_adds_reference_data_once()
    {
        var first = await PolisCli.RunAsync(Env, null, "seed");
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Matches(@"Seed added [1-9]\d* reference records", first.Output);
        var second = await PolisCli.RunAsync(Env, null, "seed");
        Assert.Contains("Seed added nothing.", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_admin_creates_an_administrator_once()
    {
        var created = await PolisCli.RunAsync(Env, "A-strong-password-2026", "users", "create-admin", "--email", "chief@polis.example", "--password-stdin");
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Contains("Administrator chief@polis.example created.", created.Output, StringComparison.Ordinal);
        var again = await PolisCli.RunAsync(Env, "A-strong-password-2026", "users", "create-admin", "--email", "chief@polis.example", "--password-stdin");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_weak_password_is_refused_with_identity_s_reasons()
    {
        var result = await PolisCli.RunAsync(Env, "short", "users", "create-admin", "--email", "weak@polis.example", "--password-stdin");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Passwords must be at least 10 characters", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_provider_setting_stops_start_up_naming_the_setting_without_a_stack_trace()
    {
        var env = Env;
        env["Polis__Database__Provider"] = "Oracle";
        var result = await PolisCli.RunAsync(env, null, "serve", "--urls", "http://127.0.0.1:0");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Configuration error in 'Polis:Database:Provider'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_stops_start_up_with_a_clear_message()
    {
        var env = Env;
        env["Polis__Database__Provider"] = "Postgres";
        env["ConnectionStrings__Polis"] = "Host=127.0.0.1;Port=1;Username=polis;Database=polis;Timeout=3";
        var result = await PolisCli.RunAsync(env, null, "serve", "--urls", "http://127.0.0.1:0");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Polis cannot open its Postgres database", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lexicon_build_and_status_report_what_the_search_translates_with()
    {
        var none = await PolisCli.RunAsync(Env, null, "lexicon", "status");
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("run `polis lexicon build`", none.Error, StringComparison.Ordinal);

        var missingSources = await PolisCli.RunAsync(Env, null, "lexicon", "build", "--dictd", Path.Combine(dataPath, "nowhere"), "--ding", Path.Combine(dataPath, "nothing"));
        Assert.Equal(1, missingSources.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(missingSources.Error));
        Assert.DoesNotContain("   at ", missingSources.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dataPath, "lexicon", Polis.Search.Lexicon.FileName)));

        var env = Env;
        env["Polis__Search__Lexicon"] = await SharedLexicon.PathAsync();
        var built = await PolisCli.RunAsync(env, null, "lexicon", "status");
        Assert.True(built.ExitCode == 0, built.Error);
        Assert.Matches(@"Lexicon .*: \d+ dictionaries, [\d,]+ bytes, SHA-256 [0-9a-f]{64}\.", built.Output);
    }

    /// <summary>A folder with one text file and its sidecar, ready for `polis import`.</summary>
    private string ImportFolder()
    {
        var folder = Path.Combine(dataPath + "-in");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "guide.txt"), "A guide to community policing.");
        File.WriteAllText(Path.Combine(folder, "metadata.csv"), "file,language,title,type,access\nguide.txt,en,A guide,Guidebook,Public\n");
        return folder;
    }

    [Fact]
    public async Task Every_command_takes_configuration_on_the_command_line_as_serve_does()
    {
        var elsewhere = Path.Combine(dataPath, "given-on-the-command-line");
        // No environment variable: the data folder is named only by --Polis:DataPath, before or after the command.
        var migrated = await PolisCli.RunAsync(new Dictionary<string, string>(), null, "migrate", $"--Polis:DataPath={elsewhere}");
        Assert.True(migrated.ExitCode == 0, migrated.Error);
        Assert.True(File.Exists(Path.Combine(elsewhere, "polis.db")));

        var imported = await PolisCli.RunAsync(new Dictionary<string, string>(), null, "--Polis:DataPath", elsewhere, "library", "import", ImportFolder());
        Assert.True(imported.ExitCode == 0, imported.Output + imported.Error);
        Assert.Contains("1 imported", imported.Output, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(elsewhere, "blobs")));

        var status = await PolisCli.RunAsync(new Dictionary<string, string>(), null, "lexicon", "status", $"--Polis:DataPath={elsewhere}");
        Assert.Contains(Path.Combine(elsewhere, "lexicon"), status.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_s_host_has_the_services_and_no_web_pipeline()
    {
        // Commands leave the request pipeline out (issue 21, eighth pass: it was a fifth of an import's start-up); what
        // they use must not depend on it, and the server's host must still map every endpoint.
        await using var command = Polis.Web.PolisHost.Build([$"--Polis:DataPath={dataPath}"], web: false);
        Assert.Empty(((Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)command).DataSources.SelectMany(d => d.Endpoints));
        await using (var scope = command.Services.CreateAsyncScope())
        {
            Assert.NotNull(scope.ServiceProvider.GetRequiredService<Polis.Library.Import.ImportDocuments>());
            Assert.NotNull(scope.ServiceProvider.GetRequiredService<Polis.Platform.PolisSetup>());
        }
        await using var served = Polis.Web.PolisHost.Build([$"--Polis:DataPath={dataPath}"]);
        Assert.NotEmpty(((Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)served).DataSources.SelectMany(d => d.Endpoints));
    }

    [Fact]
    public async Task A_dry_run_import_writes_nothing_at_all()
    {
        var result = await PolisCli.RunAsync(Env, null, "import", ImportFolder(), "--dry-run");
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("1 would be imported", result.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dataPath), "the dry run created the data folder: " + string.Join(", ", Directory.Exists(dataPath) ? Directory.GetFileSystemEntries(dataPath, "*", SearchOption.AllDirectories) : []));
    }

    [Fact]
    public async Task A_dry_run_against_an_existing_library_reports_what_is_already_there_and_changes_nothing()
    {
        var folder = ImportFolder();
        var first = await PolisCli.RunAsync(Env, null, "import", folder);
        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        var database = Path.Combine(dataPath, "polis.db");
        var before = File.GetLastWriteTimeUtc(database);
        var dry = await PolisCli.RunAsync(Env, null, "import", folder, "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.Output + dry.Error);
        Assert.Contains("0 would be imported, 1 already present", dry.Output, StringComparison.Ordinal);
        Assert.Equal(before, File.GetLastWriteTimeUtc(database));
    }

    [Fact]
    public async Task Started_from_another_folder_polis_reads_its_own_settings_and_says_where_from()
    {
        var elsewhere = Directory.CreateTempSubdirectory("polis-cwd-").FullName;
        try
        {
            var env = Env;
            env.Remove("Serilog__MinimumLevel__Default");
            env["Serilog__MinimumLevel__Default"] = "Information";
            var result = await PolisCli.RunInAsync(env, null, elsewhere, "migrate");
            Assert.True(result.ExitCode == 0, result.Error);
            // appsettings.json next to the binary keeps EF Core's SQL at Warning: no command is logged.
            Assert.DoesNotContain("Executed DbCommand", result.Output, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(AppContext.BaseDirectory, "appsettings.json").Replace("\\", "\\\\", StringComparison.Ordinal), result.Output, StringComparison.Ordinal);
            Assert.Contains("Content root", result.Output, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    public void Dispose()
    {
        foreach (var folder in new[] { dataPath, dataPath + "-in" })
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
