using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Polis.Accounts.Contracts;

namespace Polis.Web;

internal static class LanguageSwitch
{
    /// <summary>GET /language/{code}: remembers the choice in a cookie for a year and goes back where the user was.</summary>
    public static void MapLanguageSwitch(this IEndpointRouteBuilder app) =>
        app.MapGet("/language/{code}", (string code, string? returnUrl, HttpContext context, Polis.Shared.PolisLanguages languages) =>
            {
                var culture = languages.Find(code);
                if (culture is null)
                    return Results.Problem(
                        statusCode: StatusCodes.Status400BadRequest,
                        title: string.Format(CultureInfo.CurrentCulture, Polis.Text.UnknownLanguage, code.Length > 20 ? code[..20] : code));
                context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions
                    {
                        MaxAge = TimeSpan.FromDays(365),
                        HttpOnly = true,
                        SameSite = SameSiteMode.Lax,
                        Secure = context.Request.IsHttps,
                        IsEssential = true,
                    });
                return Results.LocalRedirect(Polis.Platform.ReturnUrls.Safe(returnUrl));
            })
            .RequireAuthorization(AccountPermissions.Public)
            .ExcludeFromDescription();
}
