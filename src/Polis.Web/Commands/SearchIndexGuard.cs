using Lucene.Net.Index;
using Lucene.Net.Store;

namespace Polis.Web.Commands;

/// <summary>
/// Keeps a command from opening a second IndexWriter on an index that a running server holds. Lucene.NET
/// 4.8 (beta 17) takes its write lock on Linux and macOS as a shared file lock, so a second process's
/// IndexWriter opens without error and two writers would corrupt the index; <see cref="IndexWriter.IsLocked"/>
/// does see the other process, because it asks for an exclusive lock. When a server holds the index, this
/// process takes its own instance of the write lock first, so every IndexWriter it then tries to open fails
/// with <see cref="LockObtainFailedException"/>, which the import and reindex handle.
/// </summary>
internal static class SearchIndexGuard
{
    public static bool HeldElsewhere(string indexPath)
    {
        if (!System.IO.Directory.Exists(indexPath)) return false;
        var directory = FSDirectory.Open(indexPath);
        if (!IndexWriter.IsLocked(directory)) return false;
        // Held for the rest of this short-lived process and never released: releasing deletes the lock file
        // (Lucene opens it delete-on-close), which would hide the server's lock from the next command.
        directory.MakeLock(IndexWriter.WRITE_LOCK_NAME).Obtain();
        return true;
    }
}
