using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Polis.Web;

/// <summary>
/// API errors as ProblemDetails with a trace id and no exception text; a stale edit becomes 409.
/// Page requests fall through to the /error page.
/// </summary>
internal sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var conflict = exception is DbUpdateConcurrencyException;
        if (!conflict) log.LogError(exception, "Unhandled error on {Path}", context.Features.Get<IExceptionHandlerPathFeature>()?.Path);
        // The middleware has already pointed Request.Path at /error; the feature keeps the original path.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value ?? "";
        if (!path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase)) return false;
        // Written directly: the problem-details writers skip clients that send no Accept header.
        await TypedResults.Problem(
            statusCode: conflict ? StatusCodes.Status409Conflict : StatusCodes.Status500InternalServerError,
            title: conflict ? "The record was changed by someone else; reload it and apply your change again."
                            : "An unexpected error occurred. It has been logged.",
            extensions: new Dictionary<string, object?> { ["traceId"] = context.TraceIdentifier }).ExecuteAsync(context);
        return true;
    }
}
