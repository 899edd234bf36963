using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;

namespace Polis.Home;

/// <summary>The one error page: never shows an exception, only what happened in words and a trace id.</summary>
[Authorize(AccountPermissions.Public)]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = Text.ErrorTitle;
    public string Message { get; private set; } = Text.ErrorText;
    public string? TraceId { get; private set; }

    public void OnGet(int? status) => Describe(status);
    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        var code = status ?? (HttpContext.Features.Get<IExceptionHandlerFeature>() is not null ? 500 : Response.StatusCode);
        (Title, Message) = code switch
        {
            404 => (Text.NotFoundTitle, Text.NotFoundText),
            400 => (Text.BadRequestTitle, Text.BadRequestText),
            403 => (Text.DeniedTitle, Text.DeniedText),
            413 => (Text.TooLargeTitle, Text.TooLargeText),
            _ => (Text.ErrorTitle, Text.ErrorText),
        };
        if (code is >= 400 and < 500 && Platform.ErrorDetail.Get(HttpContext) is { } detail) Message = detail;
        if (code >= 500) TraceId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        if (status is not null) Response.StatusCode = code;
    }
}
