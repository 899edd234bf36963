using Polis.Search;

namespace Polis.Web.Commands;

/// <summary>
/// Tells a command, before it starts, whether another process (a running server, another import) owns the search
/// index (<see cref="LuceneSearchIndex.IsOwnedElsewhere"/>): the command could not open it anyway, so an import then
/// stores its records and leaves their indexing to the owner, which reads the outbox.
/// </summary>
internal static class SearchIndexGuard
{
    public static bool HeldElsewhere(string indexPath) => LuceneSearchIndex.IsOwnedElsewhere(indexPath);
}
