using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Polis.Web;

/// <summary>
/// ASP.NET Core's form reader refuses a whole url-encoded form that carries a NUL (%00) with "The form value contains
/// invalid characters": the antiforgery check then fails and the editor got the site's bare 400 page, its input lost.
/// For page forms (never the API) a body with %00 is read here instead, keeping the NUL, so the page's own validation
/// refuses the field ("contains control characters") and shows the form again with every other error (issue 23).
/// </summary>
internal static class FormsWithNul
{
    public static IApplicationBuilder UseFormsWithNul(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && !ApiExceptionHandler.IsApi(request)
            && request.ContentType is { } type && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            request.EnableBuffering();
            // The body is bounded by Kestrel's request size limit; the reader below keeps the form's value-count limit.
            using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            request.Body.Position = 0;
            if (body.Contains("%00", StringComparison.Ordinal))
            {
                var fields = QueryHelpers.ParseQuery(body);
                if (fields.Count > new FormOptions().ValueCountLimit)
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    return;
                }
                context.Features.Set<IFormFeature>(new FormFeature(new FormCollection(fields)));
            }
        }
        await next(context);
    });
}
