using System.Globalization;
using System.Text;

namespace Polis.CrossLang;

internal sealed record CollectionSize(string Collection, string Language, int Pages, int Paragraphs, long Words);

// One table row: a collection's pair and query type, with the metrics of each configuration by name.
internal sealed record ResultRow(string Collection, string Pair, string Type, int Queries, IReadOnlyDictionary<string, Metrics> ByConfiguration, string? Reference);

internal sealed record StemCount(string Stem, int Count);

// Misses of the richest configuration by how much of the query was translated into the target language.
internal sealed record FailureBreakdown(string Pair, string Type, string Configuration, int Queries, int Misses, int NothingTranslated, int PartlyTranslated,
    int AllTranslated, int OtherSourceLanguage, IReadOnlyList<StemCount> TopUntranslatedStems);

internal sealed record FailureSample(string Pair, string Configuration, string Query, string Translations, string UntranslatedStems, int RankIn100,
    string? TopHit, string RelevantTitle, string EnglishTitle);

internal sealed record Report(
    string Label,
    string Machine,
    string Command,
    string Date,
    int Seed,
    IReadOnlyList<CollectionSize> Collections,
    IReadOnlyList<string> Configurations,
    string Lexicon,
    IReadOnlyList<ResultRow> Rows,
    IReadOnlyList<ResultRow> Summary,
    TranslationTiming? Timing,
    IReadOnlyList<FailureBreakdown> Breakdowns,
    IReadOnlyList<FailureSample> Failures);

internal static class ReportWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // Figures reported in the issue for direct dictionaries + pivot (GNOME Help, X→EN): the ones to beat.
    public static string? Reference(string collection, string source, string target, string type)
    {
        if (collection != "gnome-help" || target != "en")
        {
            return null;
        }
        if (type == QueryTypes.ContentWords)
        {
            return "0.18–0.32";
        }
        return source switch
        {
            "fr" => "0.70",
            "de" => "0.66",
            "es" => "0.48",
            "ru" => "0.28–0.32",
            _ => null,
        };
    }

    public static string Markdown(Report r)
    {
        var md = new StringBuilder();
        md.AppendLine(Inv, $"# Cross-language retrieval: {r.Label}").AppendLine();
        md.AppendLine(Inv, $"- Date: {r.Date}");
        md.AppendLine(Inv, $"- Machine: {r.Machine}");
        md.AppendLine(Inv, $"- Command: `{r.Command}`");
        md.AppendLine(Inv, $"- Seed: {r.Seed}");
        md.AppendLine(Inv, $"- Configurations: {string.Join(", ", r.Configurations.Select(Configurations.TitleOf))}");
        md.AppendLine(Inv, $"- Lexicon: {r.Lexicon}");
        md.AppendLine("- Collections (pages / paragraphs / words per language):");
        foreach (var collection in r.Collections.GroupBy(c => c.Collection))
        {
            md.AppendLine(Inv, $"  - {collection.Key}: {string.Join(", ", collection.Select(c => string.Create(Inv, $"{c.Language} {c.Pages} / {c.Paragraphs} / {c.Words:N0}")))}");
        }
        md.AppendLine();
        md.AppendLine("For each pair q→d only the d-language editions are indexed (one document per page); each query has exactly one");
        md.AppendLine("relevant document, the same page in d. R@10: share of queries with it in the top 10; MRR: mean reciprocal rank");
        md.AppendLine("within the top 10; tw: mean query terms translated into d (distinct source terms of `SearchResults.Translations`).");
        md.AppendLine("ref: the issue's figures for direct dictionaries + pivot, the ones to beat.").AppendLine();

        // Anonymous (English interface) first: the figures that count.
        foreach (var label in r.Rows.Select(x => x.Collection).Where(c => c != "policing").Distinct()
            .OrderBy(c => c.EndsWith("ui en", StringComparison.Ordinal) ? 0 : 1))
        {
            Table(md, r, r.Rows.Where(x => x.Collection == label).ToList(), label);
            Table(md, r, r.Summary.Where(x => x.Collection == label).ToList(), label + ", means over pairs");
        }
        Table(md, r, r.Rows.Where(x => x.Collection == "policing").ToList(), "Policing library (demo/library, documents with two editions)");

        if (r.Timing is { } t)
        {
            md.AppendLine(Inv, $"## Translation cost ({Configurations.TitleOf(t.Configuration)})").AppendLine();
            md.AppendLine(Inv, $"{t.Queries:N0} queries of the first collection (all pairs, both types) × {t.Repetitions} repetitions, warm, single-threaded; milliseconds.").AppendLine();
            md.AppendLine("| what | p50 | p95 | p99 | max | mean |");
            md.AppendLine("|---|---|---|---|---|---|");
            TimingRow(md, "lookup: language guess + analysis + translator", t.Lookup);
            TimingRow(md, "query build, Translate on", t.BuildOn);
            TimingRow(md, "query build, Translate off", t.BuildOff);
            TimingRow(md, "query build, on − off (paired)", t.BuildAdded);
            TimingRow(md, "search, Translate on", t.SearchOn);
            TimingRow(md, "search, Translate off", t.SearchOff);
            TimingRow(md, "search, on − off (paired)", t.SearchAdded);
            md.AppendLine();
            md.AppendLine(Inv, $"Added to query building at p95: **{t.BuildP95Difference:F3} ms** (p95 on − p95 off; target ≤ 1 ms); whole search: {t.SearchP95Difference:F3} ms.").AppendLine();
        }

        if (r.Breakdowns.Count > 0)
        {
            var configuration = Configurations.TitleOf(r.Breakdowns[0].Configuration);
            md.AppendLine(Inv, $"## Where translation fails ({configuration})").AppendLine();
            md.AppendLine("Misses (relevant page not in the top 10) by how much of the query was translated into the target language;");
            md.AppendLine("\"other source\": some words were translated as another language than the query's (the language guess fell");
            md.AppendLine("through to another candidate language). Untranslated stems: the query-language stems most often left");
            md.AppendLine("untranslated in missed queries.").AppendLine();
            md.AppendLine("| pair | type | queries | misses | nothing translated | partly | all translated | other source | untranslated stems (count) |");
            md.AppendLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var b in r.Breakdowns)
            {
                md.AppendLine(Inv, $"| {b.Pair} | {b.Type} | {b.Queries} | {b.Misses} | {b.NothingTranslated} | {b.PartlyTranslated} | {b.AllTranslated} | {b.OtherSourceLanguage} | {Escape(string.Join(", ", b.TopUntranslatedStems.Take(10).Select(s => $"{s.Stem} ({s.Count})")))} |");
            }
            md.AppendLine();
        }

        if (r.Failures.Count > 0)
        {
            md.AppendLine("### Sample of missed title queries").AppendLine();
            md.AppendLine("| pair | query | translated (source → targets) | untranslated stems | rank in 100 | top hit | relevant title | English title |");
            md.AppendLine("|---|---|---|---|---|---|---|---|");
            foreach (var f in r.Failures)
            {
                md.AppendLine(Inv, $"| {f.Pair} | {Escape(f.Query)} | {Escape(f.Translations)} | {Escape(f.UntranslatedStems)} | {(f.RankIn100 > 0 ? f.RankIn100.ToString(Inv) : "—")} | {Escape(f.TopHit ?? "—")} | {Escape(f.RelevantTitle)} | {Escape(f.EnglishTitle)} |");
            }
            md.AppendLine();
        }
        return md.ToString();
    }

    private static void Table(StringBuilder md, Report r, List<ResultRow> rows, string heading)
    {
        if (rows.Count == 0)
        {
            return;
        }
        md.AppendLine(Inv, $"## {heading}").AppendLine();
        var header = new StringBuilder("| pair | query type | n | ref R@10 |");
        var rule = new StringBuilder("|---|---|---|---|");
        foreach (var name in r.Configurations)
        {
            header.Append(Inv, $" {Configurations.TitleOf(name)} R@10 | MRR |");
            rule.Append("---|---|");
            if (name != Configurations.None)
            {
                header.Append(" tw |");
                rule.Append("---|");
            }
        }
        md.AppendLine(header.ToString()).AppendLine(rule.ToString());
        foreach (var row in rows)
        {
            var line = new StringBuilder(string.Create(Inv, $"| {row.Pair} | {row.Type} | {row.Queries} | {row.Reference ?? ""} |"));
            var best = r.Configurations.Max(c => row.ByConfiguration[c].Recall);
            foreach (var name in r.Configurations)
            {
                var m = row.ByConfiguration[name];
                var recall = m.Recall.ToString("F3", Inv);
                line.Append(Inv, $" {(m.Recall == best && r.Configurations.Count > 1 ? $"**{recall}**" : recall)} | {m.Mrr:F3} |");
                if (name != Configurations.None)
                {
                    line.Append(Inv, $" {m.TranslatedTerms:F2} |");
                }
            }
            md.AppendLine(line.ToString());
        }
        md.AppendLine();
    }

    private static void TimingRow(StringBuilder md, string what, Stats s) =>
        md.AppendLine(Inv, $"| {what} | {s.P50:F3} | {s.P95:F3} | {s.P99:F3} | {s.Max:F2} | {s.Mean:F3} |");

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
