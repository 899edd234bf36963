using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Polis.Accounts.Contracts;

namespace Polis.Library;

internal static class LibraryApi
{
    public static void MapLibraryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/library").WithTags("Library");
        api.MapGet("/search", Search).RequireAuthorization(AccountPermissions.Public).WithMetadata(new Microsoft.AspNetCore.OutputCaching.OutputCacheAttribute { PolicyName = Platform.PageCache.Anonymous }).WithMetadata(LibraryFacets.Parameters)
            .WithSummary("Full-text search across languages, with facet counts, snippets and the query translation used. Only documents the caller may read are counted or returned.")
            .WithDescription("Each hit carries its type, year, language editions (with links), file formats (media types) and access level. When a query finds fewer than three documents, `suggestion` is the query with misspelt words corrected from the words of documents the caller may read (\"did you mean\"), offered only when it finds more; otherwise null. `translations` lists what was translated; `translatedInto` the languages a query may be translated into, which are the languages the library holds documents in (empty when translation is off).");
        api.MapGet("/documents/{id:guid}", Get).RequireAuthorization(AccountPermissions.Public)
            .WithSummary("A document with its editions, files and citations. 404 when it does not exist or the caller may not read it. The ETag is the version to send back in If-Match.");
        api.MapPost("/documents", Create).RequireAuthorization(LibraryPermissions.Edit)
            .WithSummary("Create a document (metadata only; add files with POST /documents/{id}/files). The write rule applies: 403 when the caller may not create a document with that owner (docs/access.md).");
        api.MapPut("/documents/{id:guid}", Update).RequireAuthorization(LibraryPermissions.Edit)
            .WithSummary("Replace a document's metadata. Requires If-Match with the version from GET; a stale version answers 409 and changes nothing; 403 when the write rule refuses the change, 404 when the caller cannot read the document.");
        api.MapPost("/documents/{id:guid}/publish", Publish).RequireAuthorization(LibraryPermissions.Edit)
            .WithSummary("Publish a document: a new document is a draft, visible only to those who may write it (its owner's editors, coordinators, administrators); once published it is visible at its access level. 403 when the write rule refuses, 404 when the caller cannot see the document.");
        api.MapPost("/documents/{id:guid}/withdraw", Withdraw).RequireAuthorization(LibraryPermissions.Edit)
            .WithSummary("Withdraw a published document, with a reason: readers no longer see it (harvesters get a deleted record); it and its history are kept, and its writers can publish it again. 400 without a reason or when it is not published, 403 when the write rule refuses, 404 when the caller cannot see it.");
        api.MapDelete("/documents/{id:guid}", Delete).RequireAuthorization(LibraryPermissions.Edit)
            .WithSummary("Delete a document for good, with its editions, files and citations (the audit keeps a Deleted entry). Administrators and coordinators only: 403 for others (editors withdraw instead), 404 when the caller cannot see it.");
        api.MapPost("/documents/{id:guid}/files", Upload).RequireAuthorization(LibraryPermissions.Edit).DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Upload a PDF, DOCX, HTML, text or Markdown file as (part of) the edition in `language`. Send the antiforgery token from GET /api/v1/account/antiforgery in the RequestVerificationToken header.")
            .WithDescription("A refused file answers with the reason under `errors.file`: 400 (damaged, encrypted, macro-enabled, wrong type, already stored), 413 (larger than `Polis:Library:MaxUploadMegabytes`), 422 (over an extraction limit, `Polis:Library:Extraction:*`: nesting depth, expanded size, pages or reading time; the message names the limit). 409 when the document was changed while the file was read (nothing is stored; upload again).");
        api.MapPut("/documents/{id:guid}/editions/{language}", DescribeEdition).RequireAuthorization(LibraryPermissions.Edit)
            .WithSummary("Set an edition's title, summary and keywords in its language (readers of that language see them first). Requires If-Match with the document's version; 409 when stale, 403 when the write rule refuses, 404 when the document or the edition does not exist for the caller.");
        app.MapGet("/library/files/{id:guid}", Download).RequireAuthorization(AccountPermissions.Public).WithTags("Library")
            .Produces(StatusCodes.Status200OK, null, "application/pdf", "text/plain", "text/html", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            .WithSummary("A file, if the caller may read its document: PDFs and text (plain or Markdown, as text/plain) inline, so they open in the browser; HTML and Word documents as attachments. Always with a sandbox Content-Security-Policy and nosniff.");
        api.MapGet("/documents/{id:guid}/downloads", Downloads).RequireAuthorization(LibraryPermissions.Edit)
            .WithSummary("Downloads of the document's files per calendar month (UTC), newest first, at most 24 months: counts only, nothing about who downloaded. For editors; 404 when the caller cannot see the document.");
        app.MapGet("/library/files/{id:guid}/preview", Preview).RequireAuthorization(AccountPermissions.Public).WithTags("Library")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .WithSummary("A PNG of a PDF's first page (at most 600 px on its longer side), made on upload or on the first request (an imported PDF's) when pdftoppm is installed; the file's access rule applies. 404 when the caller may not read the file, it is no PDF, or it has no preview.");
    }

    private static async Task<Ok<LibrarySearchResponse>> Search([AsParameters] SearchParameters p, SearchLibrary search, Viewer viewer, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await search.SearchAsync(p.ToRequest(LibraryFacets.Parameters.Read(http.Request.Query)), viewer,
            CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, ct));

    private static async Task<Results<Ok<DocumentView>, NotFound>> Get(Guid id, DocumentQueries queries, Viewer viewer, HttpContext http, CancellationToken ct)
    {
        if (await queries.GetAsync(id, viewer, ct) is not { } view) return TypedResults.NotFound();
        http.Response.Headers.ETag = $"\"{view.Version}\"";
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Created<DocumentView>, ValidationProblem, ProblemHttpResult>> Create(DocumentInput input, SaveDocument save, DocumentQueries queries, Viewer viewer, CancellationToken ct)
    {
        var result = await save.CreateAsync(input, viewer, ct);
        if (result.Forbidden) return Forbidden(result);
        if (!result.Succeeded) return TypedResults.ValidationProblem(result.Errors);
        var view = await queries.GetAsync(result.Id!.Value, viewer, ct);
        return TypedResults.Created($"/api/v1/library/documents/{result.Id}", view);
    }

    private static async Task<Results<Ok<DocumentView>, ValidationProblem, NotFound, Conflict<ProblemDetails>, ProblemHttpResult>> Update(
        Guid id, DocumentInput input, [FromHeader(Name = "If-Match")] string? ifMatch, SaveDocument save, DocumentQueries queries, Viewer viewer, CancellationToken ct)
    {
        if (!int.TryParse(ifMatch?.Trim('"', ' ', 'W', '/'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired,
                title: "Send If-Match with the version (ETag) you read, so a concurrent edit is not overwritten.");
        var result = await save.UpdateAsync(id, version, input, viewer, ct);
        if (result.NotFound) return TypedResults.NotFound();
        if (result.Forbidden) return Forbidden(result);
        if (result.Conflict) return TypedResults.Conflict(new ProblemDetails { Status = 409, Title = Text.LibraryStale });
        if (!result.Succeeded) return TypedResults.ValidationProblem(result.Errors);
        return TypedResults.Ok((await queries.GetAsync(id, viewer, ct))!);
    }

    private static async Task<Results<Ok<DocumentView>, ValidationProblem, NotFound, Conflict<ProblemDetails>, ProblemHttpResult>> DescribeEdition(
        Guid id, string language, EditionInput input, [FromHeader(Name = "If-Match")] string? ifMatch, DescribeEdition describe, DocumentQueries queries,
        Viewer viewer, CancellationToken ct)
    {
        if (!int.TryParse(ifMatch?.Trim('"', ' ', 'W', '/'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired,
                title: "Send If-Match with the version (ETag) you read, so a concurrent edit is not overwritten.");
        var result = await describe.SaveAsync(id, language, version, input, viewer, ct);
        if (result.NotFound) return TypedResults.NotFound();
        if (result.Forbidden) return Forbidden(result);
        if (result.Conflict) return TypedResults.Conflict(new ProblemDetails { Status = 409, Title = Text.LibraryStale });
        if (!result.Succeeded) return TypedResults.ValidationProblem(result.Errors);
        return TypedResults.Ok((await queries.GetAsync(id, viewer, ct))!);
    }

    /// <summary>Why a document is withdrawn.</summary>
    internal sealed record WithdrawRequest(string? Reason);

    private static async Task<Results<Ok<DocumentView>, ValidationProblem, NotFound, Conflict<ProblemDetails>, ProblemHttpResult>> Publish(
        Guid id, DocumentLifecycle lifecycle, DocumentQueries queries, Viewer viewer, CancellationToken ct) =>
        await ChangedAsync(id, await lifecycle.PublishAsync(id, viewer, ct), queries, viewer, ct);

    private static async Task<Results<Ok<DocumentView>, ValidationProblem, NotFound, Conflict<ProblemDetails>, ProblemHttpResult>> Withdraw(
        Guid id, WithdrawRequest request, DocumentLifecycle lifecycle, DocumentQueries queries, Viewer viewer, CancellationToken ct) =>
        await ChangedAsync(id, await lifecycle.WithdrawAsync(id, request.Reason, viewer, ct), queries, viewer, ct);

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(Guid id, DocumentLifecycle lifecycle, Viewer viewer, CancellationToken ct)
    {
        var result = await lifecycle.DeleteAsync(id, viewer, ct);
        if (result.NotFound) return TypedResults.NotFound();
        if (result.Forbidden) return Forbidden(result);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<DocumentView>, ValidationProblem, NotFound, Conflict<ProblemDetails>, ProblemHttpResult>> ChangedAsync(
        Guid id, SaveResult result, DocumentQueries queries, Viewer viewer, CancellationToken ct)
    {
        if (result.NotFound) return TypedResults.NotFound();
        if (result.Forbidden) return Forbidden(result);
        if (result.Conflict) return TypedResults.Conflict(new ProblemDetails { Status = 409, Title = Text.LibraryStale });
        if (!result.Succeeded) return TypedResults.ValidationProblem(result.Errors);
        return TypedResults.Ok((await queries.GetAsync(id, viewer, ct))!);
    }

    private static ProblemHttpResult Forbidden(SaveResult refused) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: Text.WriteRefusedTitle, detail: refused.Reason);

    private static async Task<Results<Created<DocumentView>, ValidationProblem, NotFound, Conflict<ProblemDetails>, ProblemHttpResult>> Upload(
        Guid id, IFormFile? file, [FromForm] string? language, [FromForm] string? title, UploadFile upload, DocumentQueries queries, Viewer viewer,
        Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, HttpContext http, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["RequestVerificationToken"] = ["Missing or invalid antiforgery token: GET /api/v1/account/antiforgery and send the token in the header it names."],
            });
        if (file is null || file.Length == 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [Text.LibraryFileMissing] });
        await using var stream = file.OpenReadStream();
        var result = await upload.UploadAsync(id, language ?? "", title, stream, file.FileName, viewer, ct);
        if (result.NotFound) return TypedResults.NotFound();
        if (result.Forbidden) return Forbidden(result);
        if (result.Conflict) return TypedResults.Conflict(new ProblemDetails { Status = 409, Title = Text.LibraryStale });
        // Too large (413) and over an extraction limit (422) keep the shape of a validation problem: the reason is under "file".
        if (!result.Succeeded && result.Status is { } status)
            return TypedResults.Problem(new HttpValidationProblemDetails(result.Errors.ToDictionary()) { Status = status, Title = Text.LibraryFileNotStored });
        if (!result.Succeeded) return TypedResults.ValidationProblem(result.Errors);
        return TypedResults.Created($"/api/v1/library/documents/{id}", await queries.GetAsync(id, viewer, ct));
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> Download(Guid id, DocumentQueries queries, BlobStore blobs, DownloadCounts counts, Viewer viewer, HttpContext http, CancellationToken ct)
    {
        var file = await queries.FileAsync(id, viewer, ct);
        if (file is null || !blobs.Exists(file.Sha256)) return TypedResults.NotFound();
        // One download per reading: a browser's PDF viewer fetches the rest of the file in ranges, counted once at its start.
        var range = http.Request.Headers.Range.ToString();
        if (range.Length == 0 || range.StartsWith("bytes=0-", StringComparison.Ordinal)) await counts.CountFileAsync(file.Id, ct);
        // An uploaded HTML file must never run as a page of this site.
        http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        // PDFs and plain text (Markdown too, as text) open in the browser; HTML and Word documents are downloaded.
        var inline = file.MediaType switch
        {
            "application/pdf" => "application/pdf",
            "text/plain" or "text/markdown" => "text/plain",
            _ => null,
        };
        if (inline is null) return TypedResults.File(blobs.Open(file.Sha256), file.MediaType, file.FileName, enableRangeProcessing: true);
        http.Response.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("inline") { FileNameStar = file.FileName }.ToString();
        return TypedResults.File(blobs.Open(file.Sha256), inline, enableRangeProcessing: true);
    }

    private static async Task<Results<Ok<IReadOnlyList<MonthlyDownloads>>, NotFound>> Downloads(Guid id, DownloadCounts counts, Viewer viewer, CancellationToken ct) =>
        await counts.ForAsync(id, viewer, ct) is { } months ? TypedResults.Ok(months) : TypedResults.NotFound();

    private static async Task<Results<FileStreamHttpResult, NotFound>> Preview(Guid id, DocumentQueries queries, PdfPreviews previews, Viewer viewer, HttpContext http, CancellationToken ct)
    {
        // The file's own access rule: no file for this viewer, no picture of it.
        var file = await queries.FileAsync(id, viewer, ct);
        // An imported PDF's picture is made on its first view (once, however many ask at once), then served as stored.
        if (file is null || file.MediaType != "application/pdf" || !await previews.EnsureAsync(file.Sha256, ct)) return TypedResults.NotFound();
        http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        return TypedResults.File(new FileStream(previews.PathOf(file.Sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 16384, useAsync: true), "image/png");
    }

    // The facet filters (type, language …) are read from the query string by LibraryFacets and described in OpenAPI from it.
    internal sealed record SearchParameters(string? Q, string? Sort, int? Page, int? PageSize, bool? Translate)
    {
        public LibrarySearchRequest ToRequest(IReadOnlyDictionary<string, IReadOnlyList<string>> filters) => new()
        {
            Q = Q,
            Filters = filters,
            Sort = Sort,
            Page = Page,
            PageSize = PageSize,
            Translate = Translate,
        };
    }
}
