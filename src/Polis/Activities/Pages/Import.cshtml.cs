using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;
using Polis.Activities.Csv;

namespace Polis.Activities.Pages;

/// <summary>
/// CSV import with a preview: "Check" reads and checks the file and lists its rows and every problem by row and column,
/// storing nothing; "Import" does the same and, when there is no problem, stores every row at once.
/// </summary>
[Authorize(ActivityPermissions.Import)]
[RequestSizeLimit(ImportActivities.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportActivities.MaxBytes + 64 * 1024)]
public sealed class ImportModel(ImportActivities import, Viewer viewer) : PageModel
{
    public ImportReport? Report { get; private set; }
    public bool Checked { get; private set; }

    public Task<IActionResult> OnPostCheckAsync(IFormFile? file, CancellationToken ct) => RunAsync(file, dryRun: true, ct);

    public Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct) => RunAsync(file, dryRun: false, ct);

    private async Task<IActionResult> RunAsync(IFormFile? file, bool dryRun, CancellationToken ct)
    {
        Checked = dryRun;
        if (file is null || file.Length == 0)
        {
            Report = new ImportReport(0, [new CsvProblem(0, "", Text.ActivitiesCsvEmpty)], 0, []);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await using var stream = file.OpenReadStream();
        Report = await import.ImportAsync(stream, viewer, dryRun, ct);
        if (!Report.Succeeded) Response.StatusCode = StatusCodes.Status400BadRequest;
        else if (!dryRun)
        {
            TempData["Notice"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, Text.ActivitiesCsvImported, Report.Created);
            return LocalRedirect("/activities");
        }
        return Page();
    }
}
