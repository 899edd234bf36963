using System.Globalization;
using System.Text.RegularExpressions;
using Polis.Search;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Library.Import;

/// <summary>
/// `polis import` and `polis reindex` as an operator runs them: a real process on a real SQLite data folder,
/// with real PDF, DOCX, HTML, Markdown and text files.
/// </summary>
public sealed partial class ImportingAFolder : IDisposable
{
    private readonly ImportWorkspace work = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Six files, five documents: the guidebook has an English PDF and a Russian text edition.</summary>
    private void MixedFolder()
    {
        work.Copy("guidebook.pdf");
        work.Write("guidebook-ru.md", "# Руководство по киберпреступности\n\nРусское издание руководства по сбору цифровых доказательств, см. PC.DEC/1049.");
        work.Copy("annual-report.docx");
        work.Copy("page-with-script.html", "community-security.html");
        work.Copy("notes.md", "experts-meeting-2012.md");
        work.Write("decision.txt", "Decision on a demonstration matter. The Permanent Council, recalling PC.DEC/1049 and MC.DEC/9/11, decides.");
        work.Metadata(
        [
            new { file = "guidebook.pdf", document = "cyber-guide", language = "en", title = "Guidebook on cyber evidence", type = "Guidebook",
                series = "SPMU Publication Series", volume = 9, publishedOn = "2012-03-15", priorities = new[] { "Cybercrime" }, keywords = new[] { "digital evidence" } },
            new { file = "guidebook-ru.md", document = "cyber-guide", language = "ru", title = "Руководство по киберпреступности" },
            new { file = "annual-report.docx", language = "en", title = "Annual Report 2012", type = "Report", symbol = "SEC.DOC/9/13", access = "Members" },
            new { file = "community-security.html", language = "ru", title = "Общественная безопасность в Кыргызстане", type = "EventReport",
                countries = new[] { "KG" }, access = "Restricted", allowedParties = new[] { "org:CBISHKEK" } },
            new { file = "experts-meeting-2012.md", language = "en", title = "Police Experts Meeting 2012", type = "lessons learned" },
            new { file = "decision.txt", language = "en", title = "Decision on a demonstration matter", type = "Decision", symbol = "pc.dec/2001", issuingBody = "pc" },
        ]);
    }

    [Fact]
    public async Task With_pdftotext_turned_off_pdfpig_reads_the_pdf_and_the_summary_says_so()
    {
        MixedFolder();
        var environment = new Dictionary<string, string>(work.Environment) { ["Polis__Library__Extraction__PdfToText"] = "off" };

        var result = await PolisCli.RunAsync(environment, null, ["import", work.Folder]);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("[1/6] imported guidebook.pdf", result.Output, StringComparison.Ordinal);
        Assert.Contains("PDF text read by pdftotext: 0 files; by PdfPig: 1 file (pdftotext is not installed or is turned off).", result.Output, StringComparison.Ordinal);
        Assert.Equal((5, 6, 6), (await work.DocumentsAsync(), await work.EditionsAsync(), await work.FilesAsync()));
    }

    [Fact]
    public async Task Every_file_is_imported_once_and_a_second_run_adds_nothing()
    {
        MixedFolder();

        var first = await work.ImportAsync();

        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        Assert.Contains("[1/6] imported guidebook.pdf", first.Output, StringComparison.Ordinal);
        Assert.Contains("[6/6] imported decision.txt", first.Output, StringComparison.Ordinal);
        Assert.Contains("6 imported, 0 already present, 0 failed (5 documents created", first.Output, StringComparison.Ordinal);
        // ADR 0010: poppler-utils is installed where the tests run (tests/run.sh), so pdftotext read the PDF.
        Assert.Contains("PDF text read by pdftotext: 1 file; by PdfPig: 0 files.", first.Output, StringComparison.Ordinal);
        Assert.Equal((5, 6, 6), (await work.DocumentsAsync(), await work.EditionsAsync(), await work.FilesAsync()));

        var second = await work.ImportAsync();

        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Contains("[1/6] already present guidebook.pdf", second.Output, StringComparison.Ordinal);
        Assert.Contains("0 imported, 6 already present, 0 failed (0 documents created", second.Output, StringComparison.Ordinal);
        Assert.Equal((5, 6, 6), (await work.DocumentsAsync(), await work.EditionsAsync(), await work.FilesAsync()));
        // The second run's workers read the first files while the database was being checked (seventh pass); what they
        // staged before they knew the files were stored is gone.
        Assert.Empty(work.StagedCopiesOnDisk());
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_their_reason_and_the_others_are_imported()
    {
        work.Write("good.md", "# Community policing in practice\n\nNeighbourhood officers meet residents every week.");
        work.Write("memo.md", "# A memo\n\nThis row names a type Polis does not know.");
        work.Copy("truncated.pdf", "damaged.pdf");
        work.Write("bad-symbol.md", "# A decision\n\nIts symbol does not parse.");
        work.Write("good.txt", "Police training in line with international policing standards.");
        work.Metadata(
        [
            new { file = "good.md", language = "en", title = "Community policing in practice", type = "Article" },
            new { file = "memo.md", language = "en", title = "A memo", type = "Memo" },
            new { file = "absent.pdf", language = "en", title = "Not in the folder", type = "Report" },
            new { file = "damaged.pdf", language = "en", title = "A damaged report", type = "Report" },
            new { file = "bad-symbol.md", language = "en", title = "A decision", type = "Decision", symbol = "PC/DEC-12" },
            new { file = "good.txt", language = "en", title = "Police training", type = "TrainingMaterial" },
        ]);

        var result = await work.ImportAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[2/6] failed memo.md: unknown type 'Memo'", result.Output, StringComparison.Ordinal);
        Assert.Contains("[3/6] failed absent.pdf: file not found", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"\[4/6\] failed damaged\.pdf: .*damaged", result.Output);
        Assert.Contains("[5/6] failed bad-symbol.md: symbol 'PC/DEC-12' is not a document symbol", result.Output, StringComparison.Ordinal);
        Assert.Contains("2 imported, 0 already present, 4 failed", result.Output, StringComparison.Ordinal);
        Assert.Contains("4 of 6 rows failed", result.Error, StringComparison.Ordinal);
        // The damaged PDF left no empty document behind.
        Assert.Equal((2, 2), (await work.DocumentsAsync(), await work.FilesAsync()));
    }

    [Fact]
    public async Task A_file_over_an_extraction_budget_fails_its_row_naming_the_limit()
    {
        work.Write("nested.html", "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 100_000)) + "policing");
        work.Write("good.txt", "Police training in line with international policing standards.");
        work.Metadata(
        [
            new { file = "nested.html", language = "en", title = "A nesting bomb", type = "Report" },
            new { file = "good.txt", language = "en", title = "Police training", type = "TrainingMaterial" },
        ]);

        var result = await work.ImportAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[1/2] failed nested.html: nested.html nests its elements more than 512 levels deep (the limit)", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 imported, 0 already present, 1 failed", result.Output, StringComparison.Ordinal);
        Assert.Equal((1, 1), (await work.DocumentsAsync(), await work.FilesAsync()));
    }

    [Fact]
    public async Task New_editions_join_the_document_with_the_same_symbol_or_import_key()
    {
        work.Write("decision-en.txt", "Decision No. 9/11 on transnational threats, in English.");
        work.Write("handbook-en.md", "# Handbook\n\nThe English edition of a handbook without a symbol.");
        work.Metadata(
        [
            new { file = "decision-en.txt", language = "en", title = "Decision on transnational threats", type = "Decision", symbol = "MC.DEC/9/11" },
            new { file = "handbook-en.md", document = "handbook", language = "en", title = "Handbook", type = "Guidebook" },
        ]);
        Assert.Equal(0, (await work.ImportAsync()).ExitCode);

        // Later, a CSV sidecar with the Russian editions: one found by its symbol, one by its import key.
        work.Write("decision-ru.txt", "Решение № 9/11 о транснациональных угрозах, на русском языке.");
        work.Write("handbook-ru.md", "# Справочник\n\nРусское издание справочника без условного обозначения.");
        var csv = Path.Combine(work.Folder, "russian.csv");
        await File.WriteAllTextAsync(csv, """
            file,document,language,title,symbol,type,keywords
            decision-ru.txt,vilnius-russian,ru,Решение о транснациональных угрозах,mc.dec/9/11,Decision,угрозы;координация
            handbook-ru.md,handbook,ru,Справочник,,Guidebook,
            """, Ct);

        var result = await work.ImportAsync("--metadata", csv);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("2 imported, 0 already present, 0 failed (0 documents created, 2 existing documents reused)", result.Output, StringComparison.Ordinal);
        Assert.Equal((2, 4), (await work.DocumentsAsync(), await work.EditionsAsync()));
    }

    [Fact]
    public async Task A_dry_run_checks_every_row_and_changes_nothing()
    {
        work.Write("good.md", "# Good\n\nA readable file.");
        work.Copy("truncated.pdf", "damaged.pdf");
        work.Metadata(
        [
            new { file = "good.md", language = "en", title = "Good", type = "Article" },
            new { file = "damaged.pdf", language = "en", title = "Damaged", type = "Report" },
        ]);

        var result = await work.ImportAsync("--dry-run");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[1/2] would import good.md", result.Output, StringComparison.Ordinal);
        Assert.Contains("[2/2] failed damaged.pdf", result.Output, StringComparison.Ordinal);
        Assert.Contains("Dry run: 1 would be imported, 0 already present, 1 failed. Nothing was changed.", result.Output, StringComparison.Ordinal);
        // Nothing at all: not even a database (issue 23: a dry run never creates or migrates one).
        Assert.False(File.Exists(Path.Combine(work.DataPath, "polis.db")), "a dry run created the database");
        Assert.Empty(work.BlobsOnDisk());
    }

    [Fact]
    public async Task An_import_killed_half_way_is_finished_by_running_it_again_without_duplicates_or_orphan_files()
    {
        const int total = 40;
        var rows = new List<object>
        {
            new { file = work.Copy("guidebook.pdf"), language = "en", title = "Guidebook", type = "Guidebook" },
            new { file = work.Copy("annual-report.docx"), language = "en", title = "Annual report", type = "Report" },
            new { file = work.Copy("page-with-script.html"), language = "ru", title = "Общественная безопасность", type = "EventReport" },
        };
        for (var i = rows.Count; i < total; i++)
        {
            var name = work.Write(string.Create(CultureInfo.InvariantCulture, $"notes/note-{i:00}.md"),
                string.Create(CultureInfo.InvariantCulture, $"# Lessons learned note {i}\n\nField operation {i} reports on community policing, week {i * 7}."));
            rows.Add(new { file = name, language = "en", title = $"Lessons learned note {i}", type = "LessonsLearned" });
        }
        work.Metadata(rows);

        using (var process = work.StartImport())
        {
            var imported = 0;
            while (imported < 3 && await process.StandardOutput.ReadLineAsync(Ct) is { } line)
            {
                if (line.Contains("] imported ", StringComparison.Ordinal)) imported++;
            }
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Ct);
            Assert.Equal(3, imported);
        }
        var afterKill = await work.FilesAsync();
        Assert.InRange(afterKill, 3, total - 1);

        var resumed = await work.ImportAsync();

        Assert.True(resumed.ExitCode == 0, resumed.Output + resumed.Error);
        var summary = Summary().Match(resumed.Output);
        Assert.True(summary.Success, resumed.Output);
        Assert.Equal(total, int.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture) + int.Parse(summary.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.Equal((total, total, total), (await work.DocumentsAsync(), await work.EditionsAsync(), await work.FilesAsync()));
        var stored = await work.StoredHashesAsync();
        var onDisk = work.BlobsOnDisk();
        Assert.Equal(total, stored.Distinct(StringComparer.Ordinal).Count());
        Assert.All(stored, sha => Assert.Contains(sha, onDisk));        // every file row has its blob
        Assert.All(onDisk, blob => Assert.Contains(blob, stored));      // and no blob is left without a row
        Assert.All(work.PreviewedBlobsOnDisk(), blob => Assert.Contains(blob, onDisk));   // nor a PDF preview without its blob
    }

    [Fact]
    public async Task Reindex_rebuilds_the_search_index_and_says_how_many_records_it_holds()
    {
        MixedFolder();
        Assert.Equal(0, (await work.ImportAsync()).ExitCode);

        var result = await work.RunAsync("reindex");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("Search index rebuilt: 5 records indexed.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_a_server_holds_the_index_import_saves_everything_and_reindex_refuses_clearly()
    {
        MixedFolder();
        using (LuceneSearchIndex.Open(Path.Combine(work.DataPath, "index")))   // what a running server does
        {
            var import = await work.ImportAsync();
            Assert.True(import.ExitCode == 0, import.Output + import.Error);
            Assert.Contains("6 imported", import.Output, StringComparison.Ordinal);
            Assert.Contains("held by a running Polis server, which will index the changes within seconds", import.Output, StringComparison.Ordinal);

            var reindex = await work.RunAsync("reindex");
            Assert.Equal(1, reindex.ExitCode);
            Assert.Contains("is in use by a running Polis server", reindex.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", reindex.Error, StringComparison.Ordinal);
        }
        Assert.Equal(6, await work.FilesAsync());

        var afterServerStopped = await work.RunAsync("reindex");
        Assert.True(afterServerStopped.ExitCode == 0, afterServerStopped.Output + afterServerStopped.Error);
        Assert.Contains("Search index rebuilt: 5 records indexed.", afterServerStopped.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_server_on_the_same_data_folder_stops_with_a_message()
    {
        using (LuceneSearchIndex.Open(Path.Combine(work.DataPath, "index")))   // the first server
        {
            var second = await work.RunAsync("serve", "--urls", "http://127.0.0.1:0");

            Assert.Equal(4, second.ExitCode);
            Assert.Contains("is open in another Polis process", second.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", second.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_folder_without_a_sidecar_is_refused_before_anything_is_written()
    {
        work.Write("lonely.md", "# Alone\n\nNo metadata describes this file.");

        var result = await work.ImportAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no metadata.json or metadata.csv", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(work.DataPath, "polis.db")));
    }

    [Fact]
    public async Task Help_describes_the_sidecar_and_the_exit_codes()
    {
        var root = await work.RunAsync("--help");
        Assert.Contains("import", root.Output, StringComparison.Ordinal);
        Assert.Contains("reindex", root.Output, StringComparison.Ordinal);

        var import = await work.RunAsync("import", "--help");
        Assert.Equal(0, import.ExitCode);
        foreach (var text in new[] { "--metadata", "--dry-run", "metadata.json", "publishedOn (yyyy-mm-dd)", "1 some rows failed" })
            Assert.Contains(text, import.Output, StringComparison.Ordinal);

        var reindex = await work.RunAsync("reindex", "--help");
        Assert.Contains("Stop the web server first", reindex.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(\d+) imported, (\d+) already present, 0 failed")]
    private static partial Regex Summary();

    public void Dispose() => work.Dispose();
}
