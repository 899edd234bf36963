using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Activities.Coverage;
using Polis.Activities.Iati;
using Polis.Activities.Overlaps;
using Polis.Activities.Reporting;
using Polis.Platform;
using Polis.Reference.Contracts;

namespace Polis.Activities;

/// <summary>
/// The co-ordination outputs of the activity registry (issue 22, part B): overlap warnings, coverage, the annual report
/// and the IATI file. Every endpoint is for signed-in callers (a personal access token works) and counts or lists
/// only the activities the caller may see.
/// </summary>
internal static class ActivityInsightsApi
{
    public static void AddActivityInsights(this ModuleServices module)
    {
        module.Services.AddScoped<OverlapCheck>();
        module.Services.AddSingleton<OverlapFeatureAnalyzer>();
        module.Services.AddScoped<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, OverlapFeaturesInterceptor>();
        module.Services.AddScoped<CoverageQuery>();
        module.Services.AddScoped<AnnualReportComposer>();
        module.Services.AddScoped<IatiExport>();
        module.Services.AddHostedService<ChartWarmUp>();
    }

    public static void MapActivityInsightsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/activities").WithTags("Activities").RequireAuthorization(AccountPermissions.SignedIn);
        api.MapGet("/{id:guid}/overlaps", Overlaps)
            .WithSummary("Possibly overlapping activities of other structures or partners: a shared beneficiary State and thematic priority, a start within 60 days, and similar content in any language (glossary, dictionaries, language analyzers), each scored and explained. 404 when the caller cannot see the activity; only activities the caller may see are compared.");
        api.MapGet("/overlaps", OverlapPairs)
            .WithSummary("Every pair of possibly overlapping activities starting in a period (from, to: ISO dates, at most three years; default: this year), best first. Only activities the caller may see.");
        api.MapGet("/coverage", CoverageJson)
            .WithSummary("Participating States x thematic priorities: activities, participants and women per cell, totals per State and priority, and the trend by year. Filters (optional, repeatable): year, structure, line (line of action), type. Only activities the caller may see are counted.");
        api.MapGet("/coverage.csv", CoverageCsv).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The coverage tables as CSV (activities, participants, share of women, trend), same filters as /coverage. Text cells that a spreadsheet would evaluate are neutralised.");
        api.MapGet("/coverage.xlsx", CoverageXlsx).Produces(StatusCodes.Status200OK, contentType: TableExport.XlsxType)
            .WithSummary("The coverage tables as an XLSX workbook (a sheet per table), same filters as /coverage.");
        api.MapGet("/reports/{year:int}", Report)
            .WithSummary("The Annual Report on Police-Related Activities in the year, for the caller, as its blocks (headings, paragraphs, tables, charts as SVG with their tables) in the caller's language. Only activities the caller may see are listed or counted.");
        api.MapGet("/reports/{year:int}.docx", ReportDocx).WithName("getActivitiesReportsByYearDocx").Produces(StatusCodes.Status200OK, contentType: DocxReportWriter.ContentType)
            .WithSummary("The same report as a Word document: headings, a table of contents field, tables; charts as the tables of their numbers.");
        api.MapGet("/iati.xml", Iati).Produces(StatusCodes.Status200OK, contentType: "application/xml")
            .WithSummary("An IATI 2.03 activity file of the activities the caller may see (optionally of one year): DAC 5-digit sectors, recipient countries, status, participating organisations with roles, dates, budgets and commitments where money is recorded.");
    }

    private static async Task<Results<Ok<IReadOnlyList<OverlapWarning>>, NotFound>> Overlaps(Guid id, OverlapCheck check, CancellationToken ct) =>
        await check.ForAsync(id, ct) is { } warnings ? TypedResults.Ok(warnings) : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<OverlapPair>>, ValidationProblem>> OverlapPairs(
        DateOnly? from, DateOnly? to, OverlapCheck check, TimeProvider clock, CancellationToken ct)
    {
        var (start, end) = Period(from, to, clock);
        if (end < start || end.DayNumber - start.DayNumber > 3 * 366)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = [Text.OverlapsBadPeriod] });
        return TypedResults.Ok(await check.PairsAsync(start, end, ct));
    }

    internal static (DateOnly From, DateOnly To) Period(DateOnly? from, DateOnly? to, TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var start = from ?? new DateOnly(today.Year, 1, 1);
        return (start, to ?? new DateOnly(start.Year, 12, 31));
    }

    private static async Task<Results<Ok<CoverageMatrix>, ValidationProblem>> CoverageJson(
        [AsParameters] CoverageParameters p, CoverageQuery coverage, IReferenceCodes codes, CancellationToken ct)
    {
        var (filter, errors) = await p.ParseAsync(codes, ct);
        if (filter is null) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await coverage.MatrixAsync(filter, CultureInfo.CurrentUICulture, ct));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> CoverageCsv(
        [AsParameters] CoverageParameters p, CoverageQuery coverage, IReferenceCodes codes, CancellationToken ct)
    {
        var (filter, errors) = await p.ParseAsync(codes, ct);
        if (filter is null) return TypedResults.ValidationProblem(errors);
        var tables = CoverageQuery.Tables(await coverage.MatrixAsync(filter, CultureInfo.CurrentUICulture, ct));
        return TypedResults.File(TableExport.Csv(tables), TableExport.CsvType, "coverage.csv");
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> CoverageXlsx(
        [AsParameters] CoverageParameters p, CoverageQuery coverage, IReferenceCodes codes, CancellationToken ct)
    {
        var (filter, errors) = await p.ParseAsync(codes, ct);
        if (filter is null) return TypedResults.ValidationProblem(errors);
        var tables = CoverageQuery.Tables(await coverage.MatrixAsync(filter, CultureInfo.CurrentUICulture, ct));
        return TypedResults.File(TableExport.Xlsx(tables), TableExport.XlsxType, "coverage.xlsx");
    }

    private static async Task<Results<Ok<ReportDocument>, ValidationProblem>> Report(int year, AnnualReportComposer composer, CancellationToken ct)
    {
        if (year is < AnnualReportComposer.FirstYear or > AnnualReportComposer.LastYear)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [Text.ReportBadYear] });
        return TypedResults.Ok(await composer.ComposeAsync(year, CultureInfo.CurrentUICulture, ct));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ReportDocx(int year, AnnualReportComposer composer, CancellationToken ct)
    {
        if (year is < AnnualReportComposer.FirstYear or > AnnualReportComposer.LastYear)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [Text.ReportBadYear] });
        var report = await composer.ComposeAsync(year, CultureInfo.CurrentUICulture, ct);
        return TypedResults.File(DocxReportWriter.Write(report, Text.ReportContentsPlaceholder), DocxReportWriter.ContentType,
            string.Create(CultureInfo.InvariantCulture, $"annual-report-{year}.docx"));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> Iati(int? year, IatiExport export, CancellationToken ct)
    {
        if (year is < AnnualReportComposer.FirstYear or > AnnualReportComposer.LastYear)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [Text.ReportBadYear] });
        return TypedResults.File(await export.WriteAsync(year, ct), IatiWriter.ContentType, "activities-iati.xml");
    }
}

/// <summary>The coverage filters as query parameters (each repeatable except the year).</summary>
internal sealed record CoverageParameters(int? Year, string[]? Structure, string[]? Line, string[]? Type)
{
    public async Task<(CoverageFilter? Filter, Dictionary<string, string[]> Errors)> ParseAsync(IReferenceCodes codes, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (Year is < AnnualReportComposer.FirstYear or > AnnualReportComposer.LastYear)
            errors["year"] = [Text.ReportBadYear];
        var structures = Clean(Structure);
        var lines = Clean(Line);
        var types = Clean(Type);
        if (await codes.UnknownAsync(structures, ct, ReferenceKind.ExecutiveStructure) is { Count: > 0 } s)
            errors["structure"] = [string.Format(CultureInfo.CurrentCulture, Text.CoverageBadFilter, string.Join(", ", s))];
        if (await codes.UnknownAsync(lines, ct, ReferenceKind.LineOfAction) is { Count: > 0 } l)
            errors["line"] = [string.Format(CultureInfo.CurrentCulture, Text.CoverageBadFilter, string.Join(", ", l))];
        if (types.Where(t => !Enum.TryParse<ActivityType>(t, ignoreCase: true, out _) || int.TryParse(t, out _)).ToList() is { Count: > 0 } t)
            errors["type"] = [string.Format(CultureInfo.CurrentCulture, Text.CoverageBadFilter, string.Join(", ", t))];
        return errors.Count > 0 ? (null, errors) : (new CoverageFilter(Year, structures, lines, types), errors);
    }

    private static List<string> Clean(string[]? values) =>
        [.. (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).Take(50)];
}
