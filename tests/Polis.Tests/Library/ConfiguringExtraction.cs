using Microsoft.Extensions.Configuration;
using Polis.Data;
using Polis.Library;

namespace Polis.Tests.Library;

/// <summary>The extraction budgets and the orphan sweep are settings, checked at start with a message naming the setting.</summary>
public sealed class ConfiguringExtraction
{
    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    [Fact]
    public void The_defaults_are_the_documented_budgets()
    {
        var limits = ExtractionSettings.From(Settings(), 100);

        Assert.Equal(100L * 1024 * 1024, limits.MaxBytes);
        Assert.Equal(TimeSpan.FromSeconds(30), limits.Timeout);
        Assert.Equal(512, limits.MaxNestingDepth);
        Assert.Equal(64L * 1024 * 1024, limits.MaxStreamBytes);
        Assert.Equal(512L * 1024 * 1024, limits.MaxUncompressedBytes);
        Assert.Equal(10_000, limits.MaxPages);
        Assert.Equal(new OrphanSweepSettings(TimeSpan.FromHours(1), TimeSpan.FromHours(1)), OrphanSweepSettings.From(Settings()));
    }

    [Fact]
    public void Each_budget_can_be_set()
    {
        var limits = ExtractionSettings.From(Settings(
            ("Polis:Library:Extraction:TimeoutSeconds", "5"), ("Polis:Library:Extraction:MaxNestingDepth", "200"),
            ("Polis:Library:Extraction:MaxPartMegabytes", "8"), ("Polis:Library:Extraction:MaxExpandedMegabytes", "32"),
            ("Polis:Library:Extraction:MaxPages", "300")), 10);

        Assert.Equal((TimeSpan.FromSeconds(5), 200, 8L * 1024 * 1024, 32L * 1024 * 1024, 300),
            (limits.Timeout, limits.MaxNestingDepth, limits.MaxStreamBytes, limits.MaxUncompressedBytes, limits.MaxPages));
    }

    [Theory]
    [InlineData("Polis:Library:Extraction:TimeoutSeconds", "0", "'0' is not a whole number from 1 to 3600 (seconds).")]
    [InlineData("Polis:Library:Extraction:MaxNestingDepth", "deep", "'deep' is not a whole number from 16 to 10000 (levels).")]
    [InlineData("Polis:Library:Extraction:MaxPartMegabytes", "-1", "'-1' is not a whole number from 1 to 4096 (megabytes).")]
    [InlineData("Polis:Library:Extraction:MaxExpandedMegabytes", "16", "16 is less than Polis:Library:Extraction:MaxPartMegabytes (64)")]
    [InlineData("Polis:Library:Extraction:MaxPages", "1e3", "'1e3' is not a whole number from 1 to 1000000 (pages).")]
    public void A_bad_budget_names_its_setting(string key, string value, string problem)
    {
        var e = Assert.Throws<PolisConfigurationException>(() => ExtractionSettings.From(Settings((key, value)), 100));

        Assert.Equal(key, e.Setting);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Polis:Library:OrphanSweep:IntervalMinutes", "0")]
    [InlineData("Polis:Library:OrphanSweep:MinimumAgeMinutes", "1")]
    public void A_bad_sweep_setting_names_itself(string key, string value) =>
        Assert.Equal(key, Assert.Throws<PolisConfigurationException>(() => OrphanSweepSettings.From(Settings((key, value)))).Setting);
}
