using System.Security.Claims;
using Microsoft.AspNetCore.Builder;

namespace Polis.Accounts.Contracts;

/// <summary>
/// Personal access tokens as other modules see them: the scheme name, the opt-in for GET endpoints that read
/// the token from the query string (feed and calendar readers cannot send headers), and how to tell a token
/// caller from a cookie caller.
/// </summary>
public static class AccessTokens
{
    /// <summary>The authentication scheme of personal access tokens.</summary>
    public const string Scheme = "PersonalAccessToken";

    /// <summary>The query parameter that carries a token on endpoints that accept it there.</summary>
    public const string QueryParameter = "access_token";

    /// <summary>Claim holding the id of the token the request was made with.</summary>
    public const string TokenIdClaim = "polis:token";

    /// <summary>
    /// Lets GET requests to this endpoint authenticate with <c>?access_token=</c>. Elsewhere a token in the query
    /// is refused (401), because URLs end up in logs, histories and referrers.
    /// </summary>
    public static TBuilder AcceptsAccessTokenInQuery<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(AccessTokenInQuery.Instance);

    /// <summary>Whether the principal signed in with a personal access token (not the cookie).</summary>
    public static bool IsAccessToken(ClaimsPrincipal? principal) =>
        principal?.Identities.Any(i => i.IsAuthenticated && string.Equals(i.AuthenticationType, Scheme, StringComparison.Ordinal)) == true;
}

/// <summary>Endpoint metadata set by <see cref="AccessTokens.AcceptsAccessTokenInQuery{TBuilder}"/>.</summary>
public sealed class AccessTokenInQuery
{
    private AccessTokenInQuery() { }

    /// <summary>The one instance.</summary>
    public static readonly AccessTokenInQuery Instance = new();
}
