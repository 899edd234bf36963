using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Polis.Accounts.Contracts;
using Polis.Data;

namespace Polis.Accounts.Tokens;

/// <summary>
/// Signs a request in with a personal access token (<c>Authorization: Bearer …</c>, or <c>?access_token=</c> on
/// endpoints that opt in). The principal is the one a cookie sign-in of the same user carries (Identity's claims
/// factory), so the access rule sees no difference. A token only reads; every use is audited.
/// </summary>
internal sealed class AccessTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    PolisDb db, UserManager<PolisUser> users, IUserClaimsPrincipalFactory<PolisUser> claims, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    // Said to the caller in a 401; none tells whether a token with this prefix exists for someone else.
    internal const string Malformed = "The access token is malformed.";
    internal const string Unknown = "The access token is not valid.";
    internal const string Revoked = "The access token has been revoked.";
    internal const string Expired = "The access token has expired.";
    internal const string ReadOnly = "Access tokens are read-only: only GET and HEAD requests accept them.";
    internal const string NotInQuery = "This address does not accept an access token in the query string; send it in the Authorization header.";
    internal const string AccountClosed = "The account that owns this access token cannot sign in.";

    /// <summary>Whether the request carries a token at all (then the token decides, never the cookie).</summary>
    public static bool IsPresented(HttpRequest request) =>
        Bearer(request) is not null || request.Query.ContainsKey(AccessTokens.QueryParameter);

    private static string? Bearer(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } h && h.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? h[7..].Trim() : null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var text = Bearer(Request);
        if (text is null)
        {
            if (!Request.Query.TryGetValue(AccessTokens.QueryParameter, out var query)) return AuthenticateResult.NoResult();
            var readsQuery = (HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method))
                && Context.GetEndpoint()?.Metadata.GetMetadata<AccessTokenInQuery>() is not null;
            if (!readsQuery) return AuthenticateResult.Fail(NotInQuery);
            if (query.Count != 1) return AuthenticateResult.Fail(Malformed);
            text = query[0];
        }
        if (!TokenText.TryParse(text, out var presented)) return AuthenticateResult.Fail(Malformed);

        var token = await db.Set<PersonalAccessToken>().AsNoTracking().SingleOrDefaultAsync(t => t.Prefix == presented.Prefix, Context.RequestAborted);
        if (token is null || !token.Matches(presented.Secret)) return AuthenticateResult.Fail(Unknown);
        var now = clock.GetUtcNow();
        switch (token.StateAt(now))
        {
            case TokenState.Revoked: return AuthenticateResult.Fail(Revoked);
            case TokenState.Expired: return AuthenticateResult.Fail(Expired);
            case TokenState.Active: break;
        }
        var user = await users.FindByIdAsync(token.UserId.ToString());
        if (user is null || await users.IsLockedOutAsync(user)) return AuthenticateResult.Fail(AccountClosed);
        if (!(HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method)))
        {
            await AuditAsync(token, user, "TokenRefused", now, touch: false);
            return AuthenticateResult.Fail(ReadOnly);
        }

        var cookieLike = await claims.CreateAsync(user);
        var source = cookieLike.Identities.First();
        var identity = new ClaimsIdentity(source.Claims, Scheme.Name, source.NameClaimType, source.RoleClaimType);
        identity.AddClaim(new Claim(AccessTokens.TokenIdClaim, token.Id.ToString("D")));
        await AuditAsync(token, user, "TokenUsed", now, touch: true);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    // The path without the query string: the query may hold the token itself.
    private async Task AuditAsync(PersonalAccessToken token, PolisUser user, string action, DateTimeOffset now, bool touch)
    {
        var ct = Context.RequestAborted;
        if (touch)   // not through the change tracker, so that a use is one audit row, not also a "Modified" one
            await db.Set<PersonalAccessToken>().Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        db.Set<AuditEntry>().Add(AuditEntry.Of(now, user.Id, user.DisplayName, action, nameof(PersonalAccessToken), token.Id.ToString(),
            $"{Request.Method} {Request.PathBase}{Request.Path}"));
        await db.SaveChangesAsync(ct);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure?.Message ?? "An access token is required.";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = $"Bearer error=\"{(detail == ReadOnly ? "insufficient_scope" : "invalid_token")}\"";
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "The access token was not accepted.",
            Detail = detail,
            Type = "https://datatracker.ietf.org/doc/html/rfc6750#section-3.1",
        };
        if (Context.RequestServices.GetService<IProblemDetailsService>() is not { } service
            || !await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = problem }))
            await Response.WriteAsJsonAsync(problem, Context.RequestAborted);
    }
}
