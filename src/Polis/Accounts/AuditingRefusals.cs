using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Data;

namespace Polis.Accounts;

/// <summary>
/// A write that an endpoint's policy refuses (a member posting to the editor's API, an anonymous upload) is audited
/// like a refusal of the write rule: who, which route, why. Reads that are refused are not (the access rule answers
/// those with 404, and a refused read changes nothing). The audit's writer (and with it the request's database context)
/// is taken from the request's services only for a refused write (issue 21, eighth pass: as a constructor dependency it
/// built the request's DbContext on every request, a tenth of an uncached search page's time).
/// </summary>
internal sealed class AuditingRefusals : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler inner = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if ((result.Forbidden || result.Challenged) && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            && !HttpMethods.IsOptions(context.Request.Method))
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
            var action = HttpMethods.IsDelete(context.Request.Method) ? WriteAction.Delete
                : HttpMethods.IsPost(context.Request.Method) && !route.Contains('{', StringComparison.Ordinal) ? WriteAction.Create : WriteAction.Edit;
            var target = $"{context.Request.Method} {route}";
            await context.RequestServices.GetRequiredService<RefusedWrites>().RecordAsync(Viewer.From(context.User), "Endpoint", target.Length > 100 ? target[..100] : target, action,
                result.Forbidden ? "the endpoint's policy" : "not signed in", context.RequestAborted);
        }
        await inner.HandleAsync(next, context, policy, result);
    }
}
