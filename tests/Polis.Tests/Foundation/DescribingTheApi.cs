using Polis.Tests.Fixtures;

namespace Polis.Tests.Foundation;

public sealed class DescribingTheApi(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_openapi_description_passes_spectral_redocly_and_swagger_parser()
    {
        var json = await app.Anonymous().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Contains("/api/v1/library/search", json, StringComparison.Ordinal);
        Assert.Contains("/api/v1/library/documents/{id}", json, StringComparison.Ordinal);
        await Validators.AssertValidAsync("validate-openapi.sh", json, ".json");
    }
}
