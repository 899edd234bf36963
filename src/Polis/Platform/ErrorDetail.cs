using Microsoft.AspNetCore.Http;

namespace Polis.Platform;

/// <summary>
/// A sentence a module leaves for the error page to show instead of the generic text of the status (e.g. the upload
/// limit with a 413), when it answers a page request with an error status and no body.
/// </summary>
public static class ErrorDetail
{
    private const string Key = "Polis.ErrorDetail";

    public static void Set(HttpContext context, string detail) => context.Items[Key] = detail;

    public static string? Get(HttpContext context) => context.Items.TryGetValue(Key, out var detail) ? detail as string : null;
}
