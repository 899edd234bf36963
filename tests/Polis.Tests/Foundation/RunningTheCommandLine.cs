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

    public void Dispose()
    {
        try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
