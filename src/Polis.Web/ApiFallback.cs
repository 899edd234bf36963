using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace Polis.Web;

/// <summary>
/// What a request that no endpoint took is told. The catch-all fallback also catches requests routing refused for their
/// method or Content-Type (it accepts any), so for the API this finds out why: an API route with that path but other
/// methods answers 405 with Allow, one that takes the method but not the body's Content-Type answers 415; otherwise
/// 404. Each as ProblemDetails. Pages and other paths get the 404 page.
/// </summary>
internal static class ApiFallback
{
    public static async Task Answer(HttpContext http, EndpointDataSource endpoints, IInlineConstraintResolver constraints)
    {
        if (!ApiExceptionHandler.IsApi(http.Request))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var routes = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.TrimStart('/').StartsWith("api/", StringComparison.OrdinalIgnoreCase)
                && Matches(e.RoutePattern, http, constraints))
            .ToList();
        var methods = routes.SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult answer;
        if (routes.Count == 0)
            answer = TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "There is no such API resource.");
        else if (!methods.Contains(http.Request.Method, StringComparer.OrdinalIgnoreCase))
        {
            http.Response.Headers.Allow = string.Join(", ", methods);
            answer = TypedResults.Problem(statusCode: StatusCodes.Status405MethodNotAllowed,
                title: $"{http.Request.Method} is not allowed here; the methods allowed are {string.Join(", ", methods)}.");
        }
        else
        {
            var accepted = routes.SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes ?? []).Distinct(StringComparer.OrdinalIgnoreCase);
            answer = TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: $"The body must be sent as {string.Join(" or ", accepted)} (Content-Type).");
        }
        // Written directly: the problem-details writers skip clients that send no Accept header (as ApiExceptionHandler).
        await answer.ExecuteAsync(http);
    }

    private static bool Matches(RoutePattern pattern, HttpContext http, IInlineConstraintResolver constraints)
    {
        var values = new RouteValueDictionary();
        if (!new TemplateMatcher(new RouteTemplate(pattern), new RouteValueDictionary(pattern.Defaults)).TryMatch(http.Request.Path, values))
            return false;
        foreach (var (name, policies) in pattern.ParameterPolicies)
            foreach (var policy in policies)
            {
                var constraint = policy.ParameterPolicy as IRouteConstraint ?? (policy.Content is { } c ? constraints.ResolveConstraint(c) : null);
                if (constraint is not null && !constraint.Match(http, null, name, values, RouteDirection.IncomingRequest)) return false;
            }
        return true;
    }
}
