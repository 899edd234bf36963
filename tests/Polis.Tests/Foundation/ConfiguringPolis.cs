using Microsoft.Extensions.Configuration;
using Polis.Data;

namespace Polis.Tests.Foundation;

public sealed class ConfiguringPolis
{
    private static PolisStorage Read(params (string Key, string Value)[] settings) =>
        PolisStorage.From(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build(),
            Path.GetTempPath());

    [Fact]
    public void Sqlite_in_the_data_folder_is_the_default()
    {
        var storage = Read((PolisStorage.DataPathSetting, "polis-config-test"));
        Assert.Equal(DatabaseProvider.Sqlite, storage.Provider);
        Assert.Equal($"Data Source={Path.Combine(Path.GetTempPath(), "polis-config-test", "polis.db")}", storage.ConnectionString);
    }

    [Fact]
    public void An_unknown_provider_names_the_setting()
    {
        var e = Assert.Throws<PolisConfigurationException>(() => Read((PolisStorage.ProviderSetting, "Oracle")));
        Assert.Equal("Polis:Database:Provider", e.Setting);
        Assert.Contains("'Oracle' is not a database provider", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_without_a_connection_string_names_the_setting()
    {
        var e = Assert.Throws<PolisConfigurationException>(() => Read((PolisStorage.ProviderSetting, "Postgres")));
        Assert.Equal("ConnectionStrings:Polis", e.Setting);
    }

    [Fact]
    public void A_malformed_connection_string_names_the_setting()
    {
        var e = Assert.Throws<PolisConfigurationException>(() =>
            Read((PolisStorage.ProviderSetting, "Postgres"), (PolisStorage.ConnectionSetting, "Host=127.0.0.1;NoSuchKeyword=3")));
        Assert.Equal("ConnectionStrings:Polis", e.Setting);
    }
}
