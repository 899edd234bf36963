using Microsoft.Extensions.Logging;

namespace Polis.Library.Import;

/// <summary>
/// The demo library (demo/library/ at the repository root, copied next to the binary): imported on start in
/// demo mode through the same import as `polis import`, so a second start finds every file stored and adds nothing.
/// </summary>
internal sealed class DemoLibrary(ImportDocuments import, ILogger<DemoLibrary> log)
{
    /// <summary>Overrides where the demo library is read from (default: demo/library next to the binary).</summary>
    public const string PathSetting = "Polis:DemoLibraryPath";

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "demo", "library");

    public async Task<ImportReport?> SeedAsync(string folder, CancellationToken ct)
    {
        ImportPlan plan;
        try
        {
            plan = ImportPlan.Read(folder);
        }
        catch (ImportException e)
        {
            log.LogWarning("Demo library not imported: {Problem}", e.Message);
            return null;
        }
        var report = await import.RunAsync(plan, dryRun: false, row =>
        {
            if (row.Outcome == ImportOutcome.Failed)
                log.LogWarning("Demo library: {File} not imported: {Reason}", row.File, row.Reason);
        }, ct);
        log.LogInformation("Demo library: {Documents} documents added ({Files} files imported, {Present} already present, {Failed} failed)",
            report.DocumentsCreated, report.Imported, report.AlreadyPresent, report.Failed);
        return report;
    }
}
