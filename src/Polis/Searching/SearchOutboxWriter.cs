using Polis.Data;
using Polis.Searching.Contracts;

namespace Polis.Searching;

/// <summary>The outbox rows of a bulk write (<see cref="ISearchOutbox"/>): the same rows the save's interceptor writes, inserted set-based.</summary>
internal sealed class SearchOutboxWriter(SearchIndexer indexer, TimeProvider clock) : ISearchOutbox
{
    public async Task AddAsync(PolisDb db, string module, IReadOnlyCollection<string> recordIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = recordIds.Distinct(StringComparer.Ordinal).Select(id => SearchOutboxEntry.For(module, id, now)).ToList();
        await BulkInsert.InsertAsync(db, BulkInsert.EntityType<SearchOutboxEntry>(db), rows, null, ct);
    }

    public void Committed() => indexer.Wake();
}
