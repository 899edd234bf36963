using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Globalization;
using Polis.Data;
using Polis.Search;
using Polis.Platform;

namespace Polis.Searching.Commands;

/// <summary>
/// `polis lexicon build`: reads the bilingual dictionaries installed from Debian packages (FreeDict, Ding) and writes
/// the lexicon that translates search queries into the data folder; `polis lexicon status` says what the search uses.
/// </summary>
internal static class LexiconCommand
{
    public static Command Create(CommandHost host)
    {
        var dictd = new Option<string>("--dictd") { Description = "Folder of the FreeDict dictd files.", DefaultValueFactory = _ => "/usr/share/dictd" };
        var ding = new Option<string>("--ding") { Description = "The Ding German–English dictionary (package trans-de-en).", DefaultValueFactory = _ => "/usr/share/trans/de-en" };
        var catalogs = new Option<string[]>("--catalogs")
        {
            Description = "Locale folders of software translation catalogs (<folder>/<lang>/LC_MESSAGES/*.mo), repeatable; replaces the defaults "
                + string.Join(" and ", LexiconBuildOptions.DefaultCatalogs) + " (list them too to keep them); 'none' for none.",
            DefaultValueFactory = _ => [.. LexiconBuildOptions.DefaultCatalogs],
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<string?>("--output") { Description = "Where to write the lexicon (default: the data folder's lexicon/" + Lexicon.FileName + ")." };
        var build = new Command("build", """
            Build the lexicon from the installed dictionaries (apt-get install dict-freedict-eng-rus … trans-de-en mueller7-dict).
            A running server picks the new file up by itself within seconds. Re-running gives the same file.
            Exit codes: 0 built; 1 no dictionary found; 2 configuration error.
            Software terms come from the translated interfaces of the installed programs (/usr/share/locale) and of
            the programs tools/fetch-catalogs.sh unpacked (/usr/local/share/polis/locale; tests/run.sh runs it), or
            from the folders given with --catalogs.
            """) { dictd, ding, catalogs, output };
        build.SetAction((parse, ct) => host.RunAsync(async (sp, configuration) =>
        {
            var target = parse.GetValue(output) is { Length: > 0 } o ? Path.GetFullPath(o)
                : SearchingModule.LexiconPath(sp.GetRequiredService<PolisStorage>(), configuration);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var watch = Stopwatch.StartNew();
            LexiconInfo info;
            try
            {
                info = LexiconBuilder.Build(
                    new LexiconBuildOptions(target)
                    {
                        DictdFolder = parse.GetValue(dictd)!,
                        DingFile = parse.GetValue(ding)!,
                        CatalogFolders = [.. parse.GetValue(catalogs)!.Where(c => c != "none")],
                    },
                    new SyncProgress<string>(line => Console.WriteLine("  " + line)), ct);
            }
            catch (LexiconException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 1;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Lexicon written to {target}: {info.FileBytes / 1024.0 / 1024.0:F1} MB from {info.Sources.Count} dictionaries in {watch.Elapsed.TotalSeconds:F1} s."));
            return 0;
        }, ct));

        var status = new Command("status", "Say whether the search has a usable lexicon and what it holds. Exit codes: 0 usable; 1 missing or unusable.");
        status.SetAction((_, ct) => host.RunAsync(async (sp, _) =>
        {
            var result = sp.GetRequiredService<LexiconSource>().Preload();
            if (result.Info is not { } info)
            {
                await Console.Error.WriteLineAsync(result.Problem);
                return 1;
            }
            Console.WriteLine($"Lexicon {result.Path}: {info.Sources.Count} dictionaries, {info.FileBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes, SHA-256 {info.Sha256}.");
            return 0;
        }, ct));

        return new Command("lexicon", "The dictionary lexicon that translates search queries between languages.") { build, status };
    }

}
