using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using Lucene.Net.Store;
using Polis.Data;
using Polis.Platform;
using Polis.Search;
using Spectre.Console;

namespace Polis.Searching.Commands;

/// <summary>`polis reindex`: rebuilds the search index from the database (the index is derived data).</summary>
internal static class ReindexCommand
{
    public static Command Create(CommandHost host)
    {
        var command = new Command("reindex", """
            Rebuild the search index from the database. Stop the web server first: while it runs it holds the index.
            Exit codes: 0 rebuilt; 1 the index is in use by a running server; 2 configuration error; 3 database unreachable.
            """);
        command.SetAction((_, ct) => host.RunAsync(async (sp, _) =>
        {
            await sp.GetRequiredService<PolisSetup>().MigrateAsync(ct);
            var indexPath = sp.GetRequiredService<PolisStorage>().IndexPath;
            if (LuceneSearchIndex.IsOwnedElsewhere(indexPath)) return await InUseAsync(indexPath);
            var indexer = sp.GetRequiredService<SearchIndexer>();
            long count;
            try
            {
                if (ConsoleOutput.Interactive)
                {
                    count = 0;
                    await AnsiConsole.Status().StartAsync("Rebuilding the search index…", async status =>
                        count = await indexer.RebuildAsync(new SyncProgress<long>(n =>
                            status.Status(string.Create(CultureInfo.InvariantCulture, $"Rebuilding the search index… {ConsoleOutput.Count(n, "record")}"))), ct));
                }
                else
                {
                    Console.WriteLine("Rebuilding the search index…");
                    count = await indexer.RebuildAsync(new SyncProgress<long>(n =>
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {ConsoleOutput.Count(n, "record")} indexed"))), ct);
                }
            }
            catch (LockObtainFailedException)
            {
                return await InUseAsync(indexPath);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Search index rebuilt: {ConsoleOutput.Count(count, "record")} indexed."));
            return 0;
        }, ct));
        return command;
    }

    private static async Task<int> InUseAsync(string indexPath)
    {
        await Console.Error.WriteLineAsync($"The search index ({indexPath}) is in use by a running Polis server. "
            + "Stop the server and run 'polis reindex' again; while it runs, the server keeps the index up to date itself.");
        return 1;
    }
}
