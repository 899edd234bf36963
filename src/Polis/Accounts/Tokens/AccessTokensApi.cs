using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Polis.Accounts.Contracts;

namespace Polis.Accounts.Tokens;

/// <summary>The caller's own personal access tokens. Only the sign-in cookie may manage them, never a token.</summary>
internal static class AccessTokensApi
{
    public static RouteGroupBuilder MapAccessTokensApi(this RouteGroupBuilder account)
    {
        var tokens = account.MapGroup("/tokens");
        tokens.MapGet("/", List).RequireAuthorization(AccountPermissions.ManageTokens)
            .WithSummary("The caller's personal access tokens, newest first; never their secrets.");
        tokens.MapPost("/", Create).RequireAuthorization(AccountPermissions.ManageTokens)
            .WithSummary("Creates a read-only personal access token. The response holds its secret, which is never shown again.");
        tokens.MapDelete("/{id:guid}", Revoke).RequireAuthorization(AccountPermissions.ManageTokens)
            .WithSummary("Revokes one of the caller's tokens; another user's token answers 404.");
        return account;
    }

    private static async Task<Ok<IReadOnlyList<AccessTokenView>>> List(ManageAccessTokens tokens, Viewer viewer, CancellationToken ct) =>
        TypedResults.Ok(await tokens.ListAsync(viewer, ct));

    private static async Task<Results<Created<CreatedAccessToken>, ValidationProblem>> Create(
        CreateAccessToken input, ManageAccessTokens tokens, Viewer viewer, CancellationToken ct)
    {
        if (ManageAccessTokens.Check(input) is { } errors) return TypedResults.ValidationProblem(errors);
        var created = await tokens.CreateAsync(input, viewer, ct);
        return TypedResults.Created((string?)null, created);
    }

    private static async Task<Results<NoContent, NotFound>> Revoke(Guid id, ManageAccessTokens tokens, Viewer viewer, CancellationToken ct) =>
        await tokens.RevokeAsync(id, viewer, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
