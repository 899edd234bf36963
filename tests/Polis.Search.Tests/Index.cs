namespace Polis.Search.Tests;

// Builds small in-memory indexes of SearchDocuments for one test each.
internal static class Index
{
    public static readonly string[] PublicKeys = ["public"];

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<LuceneSearchIndex> WithAsync(params SearchDocument[] documents)
    {
        var index = LuceneSearchIndex.InMemory();
        await index.IndexAsync(documents, Ct);
        return index;
    }

    public static SearchDocument Doc(
        string id,
        string title,
        string body = "",
        string language = "en",
        string? summary = null,
        string? symbol = null,
        DateOnly? date = null,
        string module = "library",
        string[]? keys = null,
        params (string Facet, string[] Values)[] facets) =>
        new(id, module, symbol, [new SearchText(language, title, summary, body)], date,
            facets.ToDictionary(f => f.Facet, f => (IReadOnlyList<string>)f.Values),
            keys ?? PublicKeys);

    public static Task<SearchResults> SearchAsync(this ISearchIndex index, string text) =>
        index.SearchAsync(new SearchQuery(text) { Access = SearchAccess.Everything }, Ct);

    public static string[] Ids(this SearchResults results) => [.. results.Hits.Select(h => h.Id)];
}
