using System.IO.Compression;
using System.Text;

namespace Polis.Search.Tests;

// Small dictionaries written by the tests: dictd pairs of files (.index + gzip .dict.dz) and Ding files.
internal static class LexiconFiles
{
    public const string WikDictInfo = """
        Deutsch-Русский FreeDict+WikDict dictionary

        Availability:

            Licensed under the Creative Commons Attribution-ShareAlike 3.0 Unported
          license
        """;

    public const string ErganeInfo = """
        English-Russian FreeDict Dictionary

        Availability:

            Copyright (C) 1999-2017 by various authors listed below.
            Available under the terms of the GNU General Public License ver. 2.0 and
          any later version.
        """;

    public const string DingImportInfo = """
        German - English Ding/FreeDict dictionary

        Availability:

            it under the terms of both the GNU General Public License, version 3
          (GPLv3) and the GNU Affero General Public License, version 3 (AGPLv3),
        """;

    private const string Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    // Writes folder/name.index and folder/name.dict.dz; the entries' first lines are their headwords.
    public static void WriteDictd(string folder, string name, string info, params string[] entries)
    {
        var data = new MemoryStream();
        var index = new StringBuilder();
        foreach (var (headword, text) in new[] { ("00databaseinfo", info + "\n") }.Concat(entries.Select(e => (Headword(e), e))))
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            index.Append(headword).Append('\t').Append(Base64(data.Length)).Append('\t').Append(Base64(bytes.Length)).Append('\n');
            data.Write(bytes);
        }
        File.WriteAllText(Path.Combine(folder, name + ".index"), index.ToString());
        using var file = File.Create(Path.Combine(folder, name + ".dict.dz"));
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        gzip.Write(data.ToArray());
    }

    public static string Base64(long value)
    {
        var digits = new StringBuilder();
        do
        {
            digits.Insert(0, Digits[(int)(value % 64)]);
            value /= 64;
        }
        while (value > 0);
        return digits.ToString();
    }

    private static string Headword(string entry) => entry.Split('\n')[0].Split(" /")[0].Split(" <")[0].ToLowerInvariant();

    // A handful of dictionaries between English, Russian, German, Spanish and Polish, small enough to build in a moment.
    public static LexiconBuildOptions WriteSmallSet(string folder, string output)
    {
        WriteDictd(folder, "freedict-eng-rus", ErganeInfo,
            "border /bɔːdə/\nграница\n",
            "border guard /bɔːdə ɡɑːd/\nпограничник\n",
            "police /pəˈliːs/\nполиция, милиция\n",
            "training /treinin/\n1. обучение\n2. тренировка\n",
            "set /set/\n1. набор, комплект, ряд, серия\n2. ставить, класть, помещать, устанавливать\n3. сервиз, прибор, аппарат, гарнитур\n");
        WriteDictd(folder, "freedict-deu-rus", WikDictInfo,
            "Grenze /ˈɡʁɛnt͡sə/ <n, fem>\n1. граница\nTrennlinie zwischen zwei Gebieten\n2. предел\nLinie, die nicht überschritten werden darf\n",
            "Polizei /ˌpoliˈt͡saɪ̯/ <n, fem>\nполиция, мили́ция\nfür die öffentliche Sicherheit und Ordnung zuständige Behörde\n");
        WriteDictd(folder, "freedict-deu-spa", WikDictInfo,
            "Grenze /ˈɡʁɛnt͡sə/ <n, fem>\nfrontera, límite\nTrennlinie zwischen zwei Gebieten\n",
            "Polizei /ˌpoliˈt͡saɪ̯/ <n, fem>\npolicía\nfür die öffentliche Sicherheit und Ordnung zuständige Behörde\n");
        WriteDictd(folder, "freedict-pol-rus", WikDictInfo,
            "granica /ɡrãˈɲiʦ̑a/ <n>\nграница\n(administracja) umowna linia oddzielająca państwa\n",
            "policja /pɔˈlʲiʦ̑ja/ <n>\nполиция\nformacja powołana do ochrony bezpieczeństwa\n");
        WriteDictd(folder, "freedict-pol-spa", WikDictInfo,
            "granica /ɡrãˈɲiʦ̑a/ <n>\nfrontera\n(administracja) umowna linia oddzielająca państwa\n",
            "policja /pɔˈlʲiʦ̑ja/ <n>\npolicía\nformacja powołana do ochrony bezpieczeństwa\n");
        var ding = Path.Combine(folder, "de-en");
        File.WriteAllText(ding, """
            # Version :: test
            Grenze {f}; Begrenzung {f} | Grenzen {pl}; Begrenzungen {pl} :: border; limit | borders; limits
            Polizei {f} :: police
            Ausbildung {f} [school] :: training; education
            Satz {m}; Garnitur {f}; Set {n}; Reihe {f}; Serie {f}; Sammlung {f}; Gruppe {f}; Bausatz {m}; Kollektion {f}; Zusammenstellung {f} :: set
            """);
        return new LexiconBuildOptions(output) { DictdFolder = folder, DingFile = ding };
    }
}

// A folder in the temp directory, deleted with everything in it.
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "polis-lexicon-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
