using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using Polis.Platform;
using Spectre.Console;

namespace Polis.Library.Import;

/// <summary>`polis import &lt;folder&gt;`: bulk import of a folder of files described by a metadata sidecar.</summary>
internal static class ImportCommand
{
    public static Command Create(CommandHost host)
    {
        var folder = new Argument<string>("folder")
        {
            Description = "Folder holding the files (PDF, DOCX, HTML, TXT, MD) and their sidecar, metadata.json or metadata.csv.",
        };
        var metadata = new Option<string?>("--metadata")
        {
            HelpName = "file",
            Description = "The sidecar, when it is not metadata.json or metadata.csv in the folder: .json (an array of rows, lists as arrays) "
                + "or .csv (a header row, lists separated by ';'). Row fields: file (path in the folder), document (key that groups the "
                + "editions of one document; default: the symbol, else the file name), language (en, ru …), title (of the edition), "
                + "documentTitle, symbol, type (Decision, Report, Guidebook, LessonsLearned …), issuingBody, series, volume, "
                + "publishedOn (yyyy-mm-dd), priorities, subAreas, countries, keywords, summary, access (Public, Registered, Members, "
                + "Restricted), allowedParties (org:CODE or state:CC).",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row (metadata, file present and readable, already stored?) and change nothing." };
        var command = new Command("import", """
            Import a folder of documents described by a metadata sidecar, with the same rules as the web editor.
            Safe to run again, also after an interruption: stored files (same SHA-256) are skipped, existing documents reused.
            Exit codes: 0 every row imported or already present; 1 some rows failed or the folder or sidecar cannot be
            read; 2 configuration error; 3 database unreachable.
            """) { folder, metadata, dryRun };
        command.SetAction((parse, ct) =>
        {
            var dry = parse.GetValue(dryRun);
            // A dry run writes nothing at all: no data folder, no database file, no migration, no seed.
            Func<Func<IServiceProvider, Microsoft.Extensions.Configuration.IConfiguration, Task<int>>, CancellationToken, Task<int>> run =
                dry ? host.RunWithoutWritingAsync : host.RunAsync;
            return run(async (sp, _) =>
            {
                ImportTimings.SinceProcessStart("0 process start to command");
                ImportPlan plan;
                try
                {
                    plan = ImportPlan.Read(parse.GetValue(folder)!, parse.GetValue(metadata));
                }
                catch (ImportException e)
                {
                    await Console.Error.WriteLineAsync($"Nothing imported: {e.Message}");
                    return 1;
                }
                var setup = sp.GetRequiredService<PolisSetup>();
                var compare = true;
                if (dry && !await setup.IsCurrentAsync(ct))
                {
                    compare = false;
                    Console.WriteLine("The database does not exist yet or is not at the current schema: every file is checked as new.");
                }
                // The migration and seed checks run while the import's workers read the first files (ImportDocuments).
                Func<CancellationToken, Task>? prepare = dry ? null : async token =>
                {
                    var t = ImportTimings.Start();
                    // The first use of the context builds EF Core's model (its own span: the largest part of the check).
                    GC.KeepAlive(sp.GetRequiredService<Data.PolisDb>().Model);
                    ImportTimings.Stop("1a EF model", t);
                    t = ImportTimings.Start();
                    await setup.MigrateAsync(token);
                    ImportTimings.Stop("1 migrate", t);
                    t = ImportTimings.Start();
                    await setup.SeedAsync(demo: false, token);
                    ImportTimings.Stop("2 seed", t);
                };
                var code = await RunAsync(sp.GetRequiredService<ImportDocuments>(), plan, dry, compare, prepare, ct);
                ImportTimings.Print(Console.Error);
                return code;
            }, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(ImportDocuments import, ImportPlan plan, bool dryRun, bool compareWithDatabase,
        Func<CancellationToken, Task>? prepareDatabase, CancellationToken ct)
    {
        var total = plan.Files.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(dryRun ? "Checking" : "Importing")} {ConsoleOutput.Count(total, "file")} ({ConsoleOutput.Count(plan.DocumentCount, "document")}) listed in {plan.Sidecar}"));
        ImportReport report;
        if (ConsoleOutput.Interactive)
        {
            report = null!;
            await AnsiConsole.Progress().AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask(dryRun ? "Checking" : "Importing", maxValue: Math.Max(total, 1));
                    report = await import.RunAsync(plan, dryRun, compareWithDatabase, row =>
                    {
                        task.Increment(1);
                        task.Description = Markup.Escape(row.File.Length > 40 ? "…" + row.File[^39..] : row.File);
                        if (row.Outcome == ImportOutcome.Failed)
                            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]failed[/] {row.File}: {row.Reason}");
                    }, ct, prepareDatabase);
                });
        }
        else
        {
            report = await import.RunAsync(plan, dryRun, compareWithDatabase, row => Console.WriteLine(Line(row)), ct, prepareDatabase);
        }

        if (report.LeftoversRemoved > 0)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Removed {ConsoleOutput.Count(report.LeftoversRemoved, "leftover file")} of interrupted uploads from the file store."));
        Console.WriteLine(dryRun
            ? string.Create(CultureInfo.InvariantCulture,
                $"Dry run: {report.WouldImport} would be imported, {report.AlreadyPresent} already present, {report.Failed} failed. Nothing was changed.")
            : string.Create(CultureInfo.InvariantCulture,
                $"{report.Imported} imported, {report.AlreadyPresent} already present, {report.Failed} failed ({ConsoleOutput.Count(report.DocumentsCreated, "document")} created, {ConsoleOutput.Count(report.DocumentsReused, "existing document")} reused)."));
        if (!dryRun && PdfLine(report) is { } pdfs) Console.WriteLine(pdfs);
        foreach (var (file, reason) in report.PopplerFailures)
            Console.WriteLine($"  {file}: {reason}; its text was read by PdfPig instead.");
        if (!dryRun && report.IndexHeldElsewhere)
            Console.WriteLine("The search index is held by a running Polis server, which will index the changes within seconds.");
        if (report.Failed > 0)
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{report.Failed} of {total} rows failed; see the reasons above."));
        return report.Succeeded ? 0 : 1;
    }

    /// <summary>What read the imported PDFs' text (ADR 0010): poppler's pdftotext, else PdfPig; null when no PDF was imported.</summary>
    internal static string? PdfLine(ImportReport report)
    {
        var poppler = report.PdfExtractors.GetValueOrDefault(Ingest.PdfExtractors.Poppler);
        var pig = report.PdfExtractors.GetValueOrDefault(Ingest.PdfExtractors.PdfPig);
        if (poppler + pig == 0) return null;
        var why = pig == 0 ? "" : report.PopplerFailures.Count > 0 ? " (where pdftotext failed or found no text, below)" : " (pdftotext is not installed or is turned off)";
        return string.Create(CultureInfo.InvariantCulture,
            $"PDF text read by pdftotext: {ConsoleOutput.Count(poppler, "file")}; by PdfPig: {ConsoleOutput.Count(pig, "file")}{why}.");
    }

    internal static string Line(ImportProgress row)
    {
        var what = row.Outcome switch
        {
            ImportOutcome.Imported => "imported",
            ImportOutcome.AlreadyPresent => "already present",
            ImportOutcome.WouldImport => "would import",
            ImportOutcome.Failed => "failed",
        };
        return string.Create(CultureInfo.InvariantCulture, $"[{row.Position}/{row.Total}] {what} {row.File}")
            + (row.Reason is { } reason ? ": " + reason : "");
    }

}
