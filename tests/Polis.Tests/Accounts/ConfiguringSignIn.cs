using Polis.Tests.Fixtures;

namespace Polis.Tests.Accounts;

/// <summary>The sign-in and mail settings are checked at start-up like every other setting: one line naming it, exit code 2.</summary>
public sealed class ConfiguringSignIn : IDisposable
{
    private readonly string dataPath = Path.Combine(Path.GetTempPath(), "polis-signin-config-" + Guid.NewGuid().ToString("N")[..8]);

    [Theory]
    [InlineData("Polis__SignIn__FreeAttemptsPerClient", "0", "Polis:SignIn:FreeAttemptsPerClient")]
    [InlineData("Polis__SignIn__MaxDelaySeconds", "soon", "Polis:SignIn:MaxDelaySeconds")]
    [InlineData("Polis__SignIn__FirstDelaySeconds", "600", "Polis:SignIn:FirstDelaySeconds")]
    [InlineData("Polis__SignIn__ResetLinkMinutes", "1", "Polis:SignIn:ResetLinkMinutes")]
    [InlineData("Polis__Mail__Port", "70000", "Polis:Mail:Port")]
    [InlineData("Polis__Mail__From", "nobody", "Polis:Mail:From")]
    [InlineData("Polis__Mail__Host", "smtp.example.org", "Polis:Mail:From")]
    public async Task A_bad_sign_in_or_mail_setting_stops_start_up_naming_it(string variable, string value, string setting)
    {
        var result = await PolisCli.RunAsync(new Dictionary<string, string> { ["Polis__DataPath"] = dataPath, [variable] = value },
            null, "serve", "--urls", "http://127.0.0.1:0");
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains($"Configuration error in '{setting}' (module 'accounts')", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
