using System.Diagnostics;

namespace Polis.Search.Tests;

// The figures of docs/lexicon.md, on the installed dictionaries. Opt-in (timers do not belong in the normal run):
//   dotnet test --project tests/Polis.Search.Tests -c Release -- --filter-class "*MeasuringTheLexicon*" --explicit only --output detailed
public sealed class MeasuringTheLexicon
{
    private static readonly (string Language, string Text)[] Queries =
    [
        ("ru", "обучение пограничников полиции"), ("en", "training of border guards"), ("de", "Ausbildung der Grenzpolizei"),
        ("fr", "formation des gardes-frontières"), ("es", "formación policía fronteras"), ("ru", "борьба с коррупцией"),
        ("en", "xyzzy qwerty plugh"),
    ];

    [Fact(Explicit = true)]
    public void Build_load_memory_and_translation_time()
    {
        using var folder = new TempFolder();
        var path = folder.File(Lexicon.FileName);
        var output = TestContext.Current.TestOutputHelper!;

        var watch = Stopwatch.StartNew();
        var info = LexiconBuilder.Build(new LexiconBuildOptions(path), null, Index.Ct);
        output.WriteLine($"build: {watch.Elapsed.TotalSeconds:F1} s, {info.FileBytes:N0} bytes, {info.Headwords:N0} headwords, {info.Translations:N0} translations");
        foreach (var pair in info.Pairs)
        {
            output.WriteLine($"  {pair.SourceLanguage}→{pair.TargetLanguage}: {pair.Headwords:N0} headwords, {pair.DirectTranslations:N0} direct, {pair.PivotTranslations:N0} pivot");
        }

        var before = GC.GetTotalMemory(forceFullCollection: true);
        watch.Restart();
        var lexicon = Lexicon.Open(path);
        var load = watch.Elapsed;
        var loaded = GC.GetTotalMemory(forceFullCollection: true) - before;
        output.WriteLine($"load: {load.TotalMilliseconds:F0} ms, {loaded / 1e6:F1} MB of managed memory");

        var analysed = Queries
            .Select(q => (q.Language, Stems: (IReadOnlyList<string>)BuildingALexiconFromSmallDictionaries.Stems(q.Language, q.Text)))
            .ToList();
        ITermTranslator translator = lexicon;
        for (var i = 0; i < 1000; i++)
        {
            analysed.ForEach(q => translator.Translate(q.Language, q.Stems));
        }
        var worst = 0.0;
        foreach (var (language, stems) in analysed)
        {
            const int Calls = 20_000;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            watch.Restart();
            var matches = 0;
            for (var i = 0; i < Calls; i++)
            {
                matches = translator.Translate(language, stems).Count;
            }
            var micros = watch.Elapsed.TotalMicroseconds / Calls;
            worst = Math.Max(worst, micros);
            output.WriteLine($"translate {language} [{string.Join(' ', stems)}]: {matches} matches, {micros:F2} µs, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / Calls:N0} B per call");
        }
        var cached = GC.GetTotalMemory(forceFullCollection: true) - before;
        output.WriteLine($"managed memory after the queries: {cached / 1e6:F1} MB");
        GC.KeepAlive(lexicon);

        Assert.True(load < TimeSpan.FromSeconds(2), $"load took {load}");
        Assert.True(loaded < 300_000_000, $"{loaded:N0} bytes");
        Assert.True(worst < 50, $"{worst:F1} µs");
    }
}
