using Polis.Tests.Fixtures;

namespace Polis.Tests.Library.Harvesting;

/// <summary>The harvesting settings are checked at start-up like every other setting: one line naming it, exit code 2.</summary>
public sealed class ConfiguringHarvesting : IDisposable
{
    private readonly string dataPath = Path.Combine(Path.GetTempPath(), "polis-oai-config-" + Guid.NewGuid().ToString("N")[..8]);

    [Theory]
    [InlineData("Polis__Oai__PageSize", "0", "Polis:Oai:PageSize")]
    [InlineData("Polis__Oai__PageSize", "lots", "Polis:Oai:PageSize")]
    [InlineData("Polis__AdminEmail", "nobody", "Polis:AdminEmail")]
    public async Task A_bad_harvesting_setting_stops_start_up_naming_the_setting(string variable, string value, string setting)
    {
        var result = await PolisCli.RunAsync(new Dictionary<string, string> { ["Polis__DataPath"] = dataPath, [variable] = value },
            null, "serve", "--urls", "http://127.0.0.1:0");
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains($"Configuration error in '{setting}'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
