using Microsoft.Extensions.Configuration;
using Polis.Data;
using Polis.Shared;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Foundation;

public sealed class ConfiguringLanguages
{
    private static PolisLanguages Read(params (string Key, string Value)[] settings) =>
        PolisLanguages.From(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    private static string[] Names(PolisLanguages languages) => [.. languages.Cultures.Select(c => c.Name)];

    [Fact]
    public void English_and_russian_are_the_default()
    {
        Assert.Equal(["en", "ru"], Names(Read()));
        Assert.Equal(["en", "ru"], Names(Read((PolisLanguages.Setting, " "))));
    }

    [Fact]
    public void A_comma_list_or_an_array_gives_the_languages_in_their_order()
    {
        Assert.Equal(["en", "ru", "fr", "es"], Names(Read((PolisLanguages.Setting, "en, ru,fr ,es"))));
        Assert.Equal(["ru", "en", "fr"], Names(Read(("Polis:Languages:0", "ru"), ("Polis:Languages:1", "en"), ("Polis:Languages:2", "fr"))));
    }

    [Fact]
    public void A_regional_culture_with_strings_of_its_language_is_accepted()
    {
        Assert.Equal(["en", "ru-RU"], Names(Read((PolisLanguages.Setting, "en,ru-RU"))));
    }

    [Theory]
    [InlineData("en,xx-nowhere", "'xx-nowhere' is not a known culture")]
    [InlineData("ru,fr", "'en' must be one of the languages")]
    [InlineData("en,ru,RU", "'RU' is listed twice")]
    [InlineData("en,,ru", "has an empty entry")]
    [InlineData("en,fr-CA", "'fr-CA' has no interface strings; use the language alone ('fr')")]
    public void A_bad_value_names_the_setting_and_the_problem(string value, string problem)
    {
        var e = Assert.Throws<PolisConfigurationException>(() => Read((PolisLanguages.Setting, value)));
        Assert.Equal("Polis:Languages", e.Setting);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_regional_culture_without_strings_stays_refused_after_a_reader_of_it_was_served()
    {
        _ = Text.ResourceManager.GetString(nameof(Text.AppName), System.Globalization.CultureInfo.GetCultureInfo("es-MX"));
        var e = Assert.Throws<PolisConfigurationException>(() => Read((PolisLanguages.Setting, "en,es-MX")));
        Assert.Contains("'es-MX' has no interface strings", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_languages_setting_stops_start_up_with_one_line_naming_the_setting()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "polis-cli-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var result = await PolisCli.RunAsync(new Dictionary<string, string> { ["Polis__DataPath"] = dataPath, ["Polis__Languages"] = "ru,fr" },
                null, "serve", "--urls", "http://127.0.0.1:0");
            Assert.Equal(2, result.ExitCode);
            Assert.StartsWith("Configuration error in 'Polis:Languages': 'en' must be one of the languages", result.Error, StringComparison.Ordinal);
            Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { }
        }
    }
}
