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
    /// <summary>
    /// For an anonymous caller on any 404: sign in, then come back here. Every anonymous 404 has it, a missing record's
    /// as well as a hidden one's, so it tells nothing about what the address holds.
    /// </summary>
    public string? SignInLink { get; private set; }

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
        if (code == 404 && User.Identity?.IsAuthenticated != true)
        {
            var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is { } reExecuted
                ? reExecuted.OriginalPathBase + reExecuted.OriginalPath + reExecuted.OriginalQueryString
                : "/";
            SignInLink = "/account/login?returnUrl=" + Uri.EscapeDataString(Platform.ReturnUrls.Safe(original));
        }
        if (status is not null) Response.StatusCode = code;
    }
}
