using System.Globalization;
using System.Resources;

using Polis.Tests.Fixtures;

namespace Polis.Tests.Foundation;

/// <summary>
/// UI strings live in each module's strings.tsv; the build writes them into the resources (never committed). These
/// tests read the sources the way a reviewer would and check what the assembly serves against them.
/// </summary>
public sealed class KeepingTheStrings
{
    private static readonly string Source = Path.Combine(Repository.Root, "src", "Polis");

    private static List<(string File, string Key, Dictionary<string, string> Texts)> Rows()
    {
        var rows = new List<(string, string, Dictionary<string, string>)>();
        foreach (var file in Directory.EnumerateFiles(Source, "strings.tsv", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                              && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(file);
            var columns = lines.First(l => l.StartsWith('#')).TrimStart('#', ' ').Split('\t');
            foreach (var line in lines.Where(l => l.Trim().Length > 0 && !l.StartsWith('#')))
            {
                var cells = line.Split('\t');
                rows.Add((Path.GetRelativePath(Source, file), cells[0],
                    columns.Skip(1).Select((language, i) => (language, text: i + 1 < cells.Length ? cells[i + 1] : ""))
                        .ToDictionary(x => x.language, x => x.text, StringComparer.Ordinal)));
            }
        }
        return rows;
    }

    [Fact]
    public void Every_module_keeps_its_own_strings_and_no_key_is_defined_twice()
    {
        var rows = Rows();
        Assert.True(rows.Select(r => r.File).Distinct().Count() >= 4, "strings are per module: Library, Accounts, Home, Searching, Shared …");
        var twice = rows.GroupBy(r => r.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "defined twice: " + string.Join(", ", twice));
    }

    [Fact]
    public void Every_key_has_every_language()
    {
        var missing = Rows().SelectMany(r => new[] { "en", "ru" }.Where(l => !r.Texts.TryGetValue(l, out var t) || t.Trim().Length == 0)
            .Select(l => $"{r.File}: {r.Key} ({l})")).ToList();
        Assert.True(missing.Count == 0, "strings without a text: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_built_resources_serve_exactly_the_sources_in_english_and_russian()
    {
        var resources = new ResourceManager("Polis.Text", typeof(Polis.Text).Assembly);
        var rows = Rows();
        foreach (var (file, key, texts) in rows)
        {
            Assert.Equal(texts["en"], resources.GetString(key, CultureInfo.InvariantCulture));
            Assert.Equal(texts["ru"], resources.GetString(key, new CultureInfo("ru")));
        }
        // Nothing in the assembly that no source defines (a stale generated file would show up here).
        var built = resources.GetResourceSet(CultureInfo.InvariantCulture, true, false)!.Cast<System.Collections.DictionaryEntry>()
            .Select(e => (string)e.Key).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(rows.Select(r => r.Key).ToHashSet(StringComparer.Ordinal).Order(StringComparer.Ordinal), built.Order(StringComparer.Ordinal));
    }

    // Text answers through CachedStrings (issue 21, eighth pass): each string once per culture, the same as the resources.
    [Fact]
    public void The_cached_strings_are_those_of_the_resources_in_every_culture_and_fallback()
    {
        Polis.Platform.CachedStrings.Install();
        Assert.IsType<Polis.Platform.CachedStrings>(Text.ResourceManager);
        var plain = new ResourceManager(Text.ResourceManager.BaseName, typeof(Text).Assembly);
        var keys = Rows().Select(r => r.Key).Append("Type_NoSuchType").ToList();
        foreach (var culture in new[] { "en", "ru", "ru-RU", "es-MX", "" }.Select(CultureInfo.GetCultureInfo))
        {
            for (var round = 0; round < 2; round++)   // the second round is served from what the first kept
            {
                foreach (var key in keys) Assert.Equal(plain.GetString(key, culture), Text.ResourceManager.GetString(key, culture));
            }
        }
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ru");
            Assert.Equal(plain.GetString(nameof(Text.AccessPublic), CultureInfo.GetCultureInfo("ru")), Text.AccessPublic);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal(plain.GetString(nameof(Text.AccessPublic), CultureInfo.GetCultureInfo("en")), Text.AccessPublic);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
