using Polis.Data;
using Polis.Search;

namespace Polis.Searching;

/// <summary>
/// Opens the Lucene index on first use, not at start: commands that never search (migrate, seed) do not take
/// the index's write lock, and start-up stays fast. One writer per process; one process owns the index folder
/// (a second one gets <see cref="Lucene.Net.Store.LockObtainFailedException"/>). Queries are translated by the
/// policing glossary and, when it has been built, the dictionary lexicon of the data folder.
/// </summary>
internal sealed class SearchIndexHolder(PolisStorage storage, LexiconSource lexicon) : IDisposable
{
    private readonly Lazy<ISearchIndex> index = new(() => LuceneSearchIndex.Open(storage.IndexPath, lexicon), LazyThreadSafetyMode.ExecutionAndPublication);

    public ISearchIndex Value => index.Value;

    public bool IsOpen => index.IsValueCreated;

    public void Dispose()
    {
        if (index.IsValueCreated) index.Value.Dispose();
    }
}
