namespace Polis.Search;

/// <summary>
/// The full-text index. It can be rebuilt from the database at any time; losing it loses nothing.
/// Implementations are thread-safe and meant to be one instance per process.
/// </summary>
public interface ISearchIndex : IDisposable
{
    /// <summary>Adds the documents, replacing any with the same Id. The next search sees them.</summary>
    Task IndexAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct);

    /// <summary>
    /// Adds the documents, replacing any with the same Id, without a commit: a bulk writer's batches (an import) go in
    /// as fast as they are analysed, and become durable and searchable at the next call that commits
    /// (<see cref="CommitAsync"/>, <see cref="IndexAsync"/>, <see cref="CompactAsync"/>) or when the index is closed.
    /// </summary>
    Task AddUncommittedAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct);

    /// <summary>Commits what <see cref="AddUncommittedAsync"/> added. The next search sees it.</summary>
    Task CommitAsync(CancellationToken ct);

    /// <summary>Removes the documents with these Ids. The next search no longer sees them.</summary>
    Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken ct);

    /// <summary>Removes every document.</summary>
    Task ClearAsync(CancellationToken ct);

    /// <summary>Runs a query. A malformed query gives an empty result with <see cref="SearchResults.Error"/> set, never an exception.</summary>
    Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct);

    /// <summary>
    /// Merges the index into a few segments after a bulk change (a rebuild, a large import), so that a query looks
    /// each of its terms up in a few places instead of dozens. Other writes wait while it runs; searches go on.
    /// Returns the number of segments left.
    /// </summary>
    Task<int> CompactAsync(CancellationToken ct);

    /// <summary>The number of documents in the index.</summary>
    Task<long> CountAsync(CancellationToken ct);
}
