using Polis.Search;

namespace Polis.Searching.Contracts;

/// <summary>
/// A module whose records are searchable. The indexer asks it for the search form of a record (null when the
/// record is gone) and, for a full re-index, for all of them. The module sets <see cref="SearchDocument.AccessKeys"/>
/// from <see cref="Accounts.Contracts.AccessRule.RecordKeys"/>, so search applies the one access rule.
/// </summary>
public interface ISearchSource
{
    /// <summary>The module name stored with each search document (e.g. "library").</summary>
    string Module { get; }
    Task<SearchDocument?> LoadAsync(string id, CancellationToken ct);
    IAsyncEnumerable<SearchDocument> LoadAllAsync(CancellationToken ct);
}

/// <summary>Tells the indexer that a record changed; call before SaveChanges so the note is in the same transaction.</summary>
public interface ISearchOutbox
{
    void RecordChanged(string module, string id);
}
