using System.Diagnostics;
using System.Globalization;
using Polis.Ingest;

// Usage: PdfPigAlone FOLDER WORKERS PAGES [pdfpig|poppler]. Extracts every *.pdf in FOLDER with Polis's TextExtractor
// (the import's extraction, nothing else: no hashing, copying, preview or database), WORKERS files at a time, and
// prints the time in seconds and the pages per second (PAGES: the pages of those files, counted by the caller with
// pdfinfo). pdfpig (the default): PdfPig reads the text, as without poppler-utils; poppler: pdftotext reads it
// (ADR 0010), as the import does when it is installed.
if (args.Length is < 3 or > 4 || !int.TryParse(args[1], out var workers) || !long.TryParse(args[2], out var pages)
    || (args.Length == 4 && args[3] is not ("pdfpig" or "poppler")))
{
    await Console.Error.WriteLineAsync("usage: PdfPigAlone FOLDER WORKERS PAGES [pdfpig|poppler]");
    return 2;
}
var files = Directory.GetFiles(args[0], "*.pdf").Order(StringComparer.Ordinal).ToList();
var limits = new IngestLimits();
var extractor = new TextExtractor(args.Length == 4 && args[3] == "poppler" ? limits : limits with { PdfToText = null });
var failed = 0;
var started = Stopwatch.GetTimestamp();
await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = workers }, async (file, ct) =>
{
    try
    {
        await using var content = File.OpenRead(file);
        await extractor.ExtractAsync(content, Path.GetFileName(file), ct);
    }
    catch (IngestException e)
    {
        Interlocked.Increment(ref failed);
        await Console.Error.WriteLineAsync($"{Path.GetFileName(file)}: {e.Message}");
    }
});
var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{seconds:F2} s, {pages / seconds:F1} pages/s, {failed} failed"));
return 0;
