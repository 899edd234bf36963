using Polis.Data;

namespace Polis.Searching.Contracts;

/// <summary>
/// For bulk writes that bypass the change tracker (and so the save's outbox interceptor): records, set-based and in
/// the caller's transaction, that these records' search forms are out of date, then wakes the indexer once the caller
/// has committed. The index catches up in the background; a search finds the records once it has.
/// </summary>
public interface ISearchOutbox
{
    /// <summary>One outbox row per record id of <paramref name="module"/>, in the open transaction of <paramref name="db"/>.</summary>
    Task AddAsync(PolisDb db, string module, IReadOnlyCollection<string> recordIds, CancellationToken ct);

    /// <summary>Call after the commit: the indexer takes the rows now rather than at its next poll.</summary>
    void Committed();
}
