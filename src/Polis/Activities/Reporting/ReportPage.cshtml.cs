using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;

namespace Polis.Activities.Reporting;

/// <summary>The annual report as a printable page (the same blocks as the DOCX file), or the year chooser.</summary>
[Authorize(AccountPermissions.SignedIn)]
public sealed class ReportPageModel(AnnualReportComposer composer, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public ReportDocument? Report { get; private set; }
    public string? Error { get; private set; }
    public int DefaultYear { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        DefaultYear = clock.GetUtcNow().Year - 1;
        if (Year is null)
        {
            return;
        }
        if (Year is < AnnualReportComposer.FirstYear or > AnnualReportComposer.LastYear)
        {
            Error = Text.ReportBadYear;
            return;
        }
        Report = await composer.ComposeAsync(Year.Value, CultureInfo.CurrentUICulture, ct);
    }
}
