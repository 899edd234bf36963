using Polis.Search;

namespace Polis.Web.Commands;

/// <summary>
/// Tells a command, before it starts, whether another process (a running server, another import) owns the search
/// index: the owner holds <see cref="LuceneSearchIndex.OwnerLockFile"/> open exclusively, and the command could not
/// open the index anyway (<see cref="LuceneSearchIndex.Open(string)"/> would throw). An import then stores its records
/// and leaves their indexing to the owner, which reads the outbox.
/// </summary>
internal static class SearchIndexGuard
{
    public static bool HeldElsewhere(string indexPath)
    {
        if (!System.IO.Directory.Exists(indexPath)) return false;
        try
        {
            using var probe = new FileStream(Path.Combine(indexPath, LuceneSearchIndex.OwnerLockFile),
                FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
