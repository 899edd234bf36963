using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;
using Polis.Reference.Contracts;

namespace Polis.Activities.Coverage;

/// <summary>Coverage and trends: the matrix and the trend as SVG, each with the same numbers in a table beside it.</summary>
[Authorize(AccountPermissions.SignedIn)]
public sealed class CoveragePageModel(CoverageQuery coverage, IReferenceDirectory reference, IReferenceCodes codes) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string[]? Structure { get; set; }

    [BindProperty(SupportsGet = true)]
    public string[]? Line { get; set; }

    [BindProperty(SupportsGet = true)]
    public string[]? Type { get; set; }

    public CoverageMatrix? Matrix { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public IReadOnlyList<ReferenceOption> Structures { get; private set; } = [];
    public IReadOnlyList<ReferenceOption> Lines { get; private set; } = [];
    public string MatrixSvg { get; private set; } = "";
    public string TrendSvg { get; private set; } = "";

    /// <summary>The filters as a query string, for the downloads.</summary>
    public string Query => Request.QueryString.Value ?? "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        Structures = await reference.ExecutiveStructuresAsync(culture, ct);
        Lines = await reference.LinesOfActionAsync(culture, ct);
        var (filter, errors) = await new CoverageParameters(Year, Structure, Line, Type).ParseAsync(codes, ct);
        if (filter is null)
        {
            Errors = [.. errors.Values.SelectMany(e => e)];
            return;
        }
        Matrix = await coverage.MatrixAsync(filter, culture, ct);
        MatrixSvg = CoverageCharts.Matrix(Matrix, Text.CoverageMatrixCaption, Text.CoverageMatrixDescription);
        TrendSvg = CoverageCharts.Bars([.. Matrix.Trend.Select(y => (y.Year.ToString(CultureInfo.InvariantCulture), y.Counts.Activities))],
            Text.CoverageTrendCaption, Text.CoverageTrendDescription);
    }

    public static string Share(CoverageCounts counts) =>
        counts.WomenShare is { } share ? share.ToString("P0", CultureInfo.CurrentCulture) : "—";
}
