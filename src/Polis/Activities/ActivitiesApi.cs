using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Polis.Accounts.Contracts;
using Polis.Search;
using Polis.Searching.Contracts;

namespace Polis.Activities;

/// <summary>A stale save: the changes made since the version the writer sent, field by field, and the version now stored.</summary>
public sealed class StaleActivityProblem : ProblemDetails
{
    public IReadOnlyList<FieldChange> TheirChanges { get; init; } = [];
    public int CurrentVersion { get; init; }
}

/// <summary>Search results of the activities, with facet counts and the query translation used.</summary>
public sealed record ActivitySearchResponse(string Query, long Total, int Page, int PageSize, IReadOnlyList<SearchHit> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets, IReadOnlyList<TermTranslation> Translations, string? Error);

internal static class ActivitiesApi
{
    public const string Root = "/api/v1/activities";

    public static void MapActivitiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Root).WithTags("Activities");
        // Mapped on the app, not the group: the group's "" would be "/api/v1/activities/" with a trailing slash.
        app.MapGet(Root, List).WithTags("Activities").RequireAuthorization(AccountPermissions.Public)
            .WithSummary("The activities the caller may read, latest start first, filtered by year (running during it), structure (owner or co-organiser), beneficiary state, priority, line of action, type and status; paged (pageSize at most 100).");
        api.MapGet("/{id:guid}", Get).RequireAuthorization(AccountPermissions.Public)
            .WithSummary("An activity with its texts in every language, participants, budget lines and linked library documents (those the caller may read). 404 when it does not exist or the caller may not read it. The ETag is the version to send back in If-Match.");
        api.MapGet("/{id:guid}/history", History).RequireAuthorization(ActivityPermissions.Edit)
            .WithSummary("Every saved version of an activity, newest first, with who saved it and each changed field (old -> new). For writers; 404 when the caller may not read the activity.");
        app.MapPost(Root, Create).WithTags("Activities").RequireAuthorization(ActivityPermissions.Edit)
            .WithSummary("Register an activity. Every problem is answered at once, keyed by field (400). The write rule applies: editors register activities of their own structures, coordinators of any (403 otherwise; docs/access.md). The answer (201) carries `overlaps`: the possibly overlapping activities of other structures or partners that the writer may see, each scored and explained.");
        api.MapPut("/{id:guid}", Update).RequireAuthorization(ActivityPermissions.Edit)
            .WithSummary("Replace an activity. Requires If-Match with the version from GET; a stale version answers 409 with the changes made since (theirChanges: field, old, new) and the current version, and changes nothing; 403 when the write rule refuses, 404 when the caller cannot read the activity. The answer (200) carries `overlaps`, as POST does.");
        api.MapGet("/export.csv", ExportCsv).RequireAuthorization(AccountPermissions.Public)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The activities the caller may read (the list's filters apply, paging does not) as CSV, UTF-8, in the column set of docs/activities.md. Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) start with an apostrophe.");
        api.MapGet("/export.xlsx", ExportXlsx).RequireAuthorization(AccountPermissions.Public)
            .Produces(StatusCodes.Status200OK, contentType: XlsxType)
            .WithSummary("The same activities and columns as export.csv, as an XLSX workbook (text cells are inline strings, never formulas).");
        api.MapPost("/import", Import).RequireAuthorization(ActivityPermissions.Import).DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data").WithMetadata(new RequestSizeLimitAttribute(Csv.ImportActivities.MaxBytes + 64 * 1024))
            .WithSummary("Import activities from a CSV file (field `file`; columns in docs/activities.md; UTF-8; at most 10,000 rows and 10 MB). Every row is checked with the form's rules and the write rule; any problem answers 400 with every problem by row and column and stores nothing; otherwise all rows are stored at once (201). `dryRun=true` checks and stores nothing. Send the antiforgery token from GET /api/v1/account/antiforgery in the RequestVerificationToken header.");
        api.MapGet("/search", Search).RequireAuthorization(AccountPermissions.Public).WithMetadata(ActivityFacets.Parameters)
            .WithSummary("Full-text search of the activities across languages (a Russian query finds English activities and back), with facet counts. Only activities the caller may read are counted or returned.");
    }

    private static async Task<Ok<ActivityPage>> List([AsParameters] ListParameters p, ActivityQueries queries, Viewer viewer, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(p.ToFilter(), viewer, ct));

    private static async Task<Results<Ok<ActivityView>, NotFound>> Get(Guid id, ActivityQueries queries, Viewer viewer, HttpContext http, CancellationToken ct)
    {
        if (await queries.GetAsync(id, viewer, ct) is not { } view) return TypedResults.NotFound();
        http.Response.Headers.ETag = $"\"{view.Version}\"";
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<IReadOnlyList<ActivityHistoryEntry>>, NotFound>> History(Guid id, ActivityQueries queries, Viewer viewer, CancellationToken ct) =>
        await queries.HistoryAsync(id, viewer, ct) is { } history ? TypedResults.Ok(history) : TypedResults.NotFound();

    private static async Task<Results<Created<ActivityView>, ValidationProblem, ProblemHttpResult>> Create(
        ActivityInput input, SaveActivity save, ActivityQueries queries, Overlaps.OverlapCheck overlaps, Viewer viewer, CancellationToken ct)
    {
        var result = await save.CreateAsync(input, viewer, ct);
        if (result.Forbidden) return Forbidden(result);
        if (!result.Succeeded) return TypedResults.ValidationProblem(result.Errors);
        return TypedResults.Created($"{Root}/{result.Id}", await SavedAsync(result.Id!.Value, queries, overlaps, viewer, ct));
    }

    /// <summary>The save answer: the activity as stored, with the overlap warnings among what the writer may see.</summary>
    private static async Task<ActivityView> SavedAsync(Guid id, ActivityQueries queries, Overlaps.OverlapCheck overlaps, Viewer viewer, CancellationToken ct)
    {
        var view = (await queries.GetAsync(id, viewer, ct))!;
        return view with { Overlaps = await overlaps.ForAsync(id, ct) ?? [] };
    }

    private static async Task<Results<Ok<ActivityView>, ValidationProblem, NotFound, Conflict<StaleActivityProblem>, ProblemHttpResult>> Update(
        Guid id, ActivityInput input, [FromHeader(Name = "If-Match")] string? ifMatch, SaveActivity save, ActivityQueries queries,
        Overlaps.OverlapCheck overlaps, Viewer viewer, HttpContext http, CancellationToken ct)
    {
        if (!int.TryParse(ifMatch?.Trim('"', ' ', 'W', '/'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: Text.ActivitiesIfMatchRequired);
        var result = await save.UpdateAsync(id, version, input, viewer, ct);
        if (result.NotFound) return TypedResults.NotFound();
        if (result.Forbidden) return Forbidden(result);
        if (result.Conflict)
        {
            http.Response.Headers.ETag = $"\"{result.CurrentVersion}\"";
            return TypedResults.Conflict(new StaleActivityProblem
            {
                Status = StatusCodes.Status409Conflict,
                Title = Text.ActivitiesStale,
                TheirChanges = result.TheirChanges,
                CurrentVersion = result.CurrentVersion,
            });
        }
        if (!result.Succeeded) return TypedResults.ValidationProblem(result.Errors);
        var view = await SavedAsync(id, queries, overlaps, viewer, ct);
        http.Response.Headers.ETag = $"\"{view.Version}\"";
        return TypedResults.Ok(view);
    }

    private static async Task<Ok<ActivitySearchResponse>> Search(string? q, int? page, int? pageSize, bool? translate, ISearchService search,
        Viewer viewer, HttpContext http, CancellationToken ct)
    {
        var text = (q ?? "").Trim();
        if (text.Length > 2000) text = text[..2000];
        var query = new ModuleSearch(ActivitiesSearchSource.ModuleName, text)
        {
            Filters = ActivityFacets.Parameters.Read(http.Request.Query),
            Page = Math.Clamp(page ?? 1, 1, 1000),
            PageSize = Math.Clamp(pageSize ?? 20, 1, 100),
            Translate = translate ?? true,
            UiLanguage = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
        };
        var results = await search.SearchAsync(query, viewer, ct);
        return TypedResults.Ok(new ActivitySearchResponse(text, results.Total, query.Page, query.PageSize, results.Hits, results.Facets,
            results.Translations, results.Error));
    }

    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static async Task ExportCsv([AsParameters] ListParameters p, ActivityQueries queries, Viewer viewer, HttpContext http, CancellationToken ct)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"activities.csv\"";
        await Csv.ActivityCsv.WriteAsync(http.Response.Body, queries.StreamAsync(p.ToFilter(), viewer, ct), ct);
    }

    private static async Task ExportXlsx([AsParameters] ListParameters p, ActivityQueries queries, Viewer viewer, HttpContext http, CancellationToken ct)
    {
        http.Response.ContentType = XlsxType;
        http.Response.Headers.ContentDisposition = "attachment; filename=\"activities.xlsx\"";
        await Csv.ActivityXlsx.WriteAsync(http.Response.Body, queries.StreamAsync(p.ToFilter(), viewer, ct), ct);
    }

    private static async Task<Results<Created<Csv.ImportReport>, Ok<Csv.ImportReport>, BadRequest<Csv.ImportReport>, ValidationProblem>> Import(
        IFormFile? file, bool? dryRun, Csv.ImportActivities import, Viewer viewer, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery,
        HttpContext http, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["RequestVerificationToken"] = ["Missing or invalid antiforgery token: GET /api/v1/account/antiforgery and send the token in the header it names."],
            });
        if (file is null || file.Length == 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [Text.ActivitiesCsvEmpty] });
        await using var stream = file.OpenReadStream();
        var report = await import.ImportAsync(stream, viewer, dryRun == true, ct);
        if (!report.Succeeded) return TypedResults.BadRequest(report);
        return dryRun == true ? TypedResults.Ok(report) : TypedResults.Created(Root, report);
    }

    private static ProblemHttpResult Forbidden(ActivitySaveResult refused) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: Text.WriteRefusedTitle, detail: refused.Reason);

    /// <summary>The list's query string.</summary>
    internal sealed record ListParameters(int? Year, string? Structure, string? State, string? Priority, string? LineOfAction,
        ActivityType? Type, ActivityStatus? Status, int? Page, int? PageSize)
    {
        public ActivityFilter ToFilter() => new()
        {
            Year = Year,
            Structure = Structure,
            State = State,
            Priority = Priority,
            LineOfAction = LineOfAction,
            Type = Type,
            Status = Status,
            Page = Math.Clamp(Page ?? 1, 1, 100_000),
            PageSize = Math.Clamp(PageSize ?? 25, 1, ActivityQueries.MaxPageSize),
        };
    }
}
