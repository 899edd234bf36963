using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;
using Polis.Accounts.Tokens;

namespace Polis.Accounts;

/// <summary>
/// The signed-in user's account: who they are to the access rule, and their personal access tokens. Only the
/// cookie opens it (a token cannot manage tokens). A new token's text is on the page that answers the POST and
/// nowhere else.
/// </summary>
[Authorize(AccountPermissions.ManageTokens)]
public sealed class AccountModel(ManageAccessTokens tokens, Viewer viewer) : PageModel
{
    [BindProperty] public CreateAccessToken Input { get; set; } = new();
    public Viewer Viewer => viewer;
    public IReadOnlyList<AccessTokenView> Tokens { get; private set; } = [];
    /// <summary>The token just created, with its text: shown once.</summary>
    public CreatedAccessToken? Created { get; private set; }
    public bool RevokedOne { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await tokens.ListAsync(viewer, ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (ModelState.IsValid && ManageAccessTokens.Check(Input) is { } errors)
            foreach (var (field, messages) in errors)
                foreach (var m in messages) ModelState.AddModelError($"{nameof(Input)}.{field}", m);
        if (ModelState.IsValid)
        {
            Created = await tokens.CreateAsync(Input, viewer, ct);
            Input = new();
            // The secret is in this response: no cache may keep it.
            Response.Headers.CacheControl = "no-store";
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        Tokens = await tokens.ListAsync(viewer, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        if (!await tokens.RevokeAsync(id, viewer, ct)) return NotFound();
        TempData["Notice"] = Text.TokenRevoked;
        return LocalRedirect("/account");
    }

    public string? Error(string field) =>
        ModelState.TryGetValue($"{nameof(Input)}.{field}", out var e) && e.Errors.Count > 0 ? string.Join(" ", e.Errors.Select(x => x.ErrorMessage)) : null;

    public static string StateText(TokenState state) => state switch
    {
        TokenState.Active => Text.TokenStateActive,
        TokenState.Expired => Text.TokenStateExpired,
        TokenState.Revoked => Text.TokenStateRevoked,
    };
}
