using Polis.Data;
using Polis.Search;

namespace Polis.Searching;

/// <summary>
/// Opens the Lucene index on first use, not at start: commands that never search (migrate, seed) do not take
/// the index's write lock, and start-up stays fast. One writer per process; one process owns the index folder.
/// </summary>
public sealed class SearchIndexHolder(PolisStorage storage) : IDisposable
{
    private readonly Lazy<ISearchIndex> index = new(() => LuceneSearchIndex.Open(storage.IndexPath), LazyThreadSafetyMode.ExecutionAndPublication);

    public ISearchIndex Value => index.Value;

    public void Dispose()
    {
        if (index.IsValueCreated) index.Value.Dispose();
    }
}
