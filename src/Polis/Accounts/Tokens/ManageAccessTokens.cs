using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Data;

namespace Polis.Accounts.Tokens;

/// <summary>A new personal access token as the account page and the API ask for it.</summary>
public sealed record CreateAccessToken
{
    /// <summary>A label that says where the token is used, e.g. "Calendar on my phone".</summary>
    [Required(ErrorMessageResourceType = typeof(Text), ErrorMessageResourceName = nameof(Text.TokenNameRequired))]
    [StringLength(100, ErrorMessageResourceType = typeof(Text), ErrorMessageResourceName = nameof(Text.TokenNameTooLong))]
    public string Name { get; init; } = "";

    /// <summary>Days until the token stops working: 1 to 365.</summary>
    [Range(1, 365, ErrorMessageResourceType = typeof(Text), ErrorMessageResourceName = nameof(Text.TokenDaysOutOfRange))]
    public int ExpiresInDays { get; init; } = 90;
}

/// <summary>A token as its owner sees it in lists: never its secret.</summary>
public sealed record AccessTokenView(Guid Id, string Name, string Prefix, TokenScope Scope, DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, TokenState State);

/// <summary>A token just created: the only time its text is given out.</summary>
public sealed record CreatedAccessToken(AccessTokenView Token, string Secret);

/// <summary>Creates, lists and revokes the signed-in user's own tokens.</summary>
public sealed class ManageAccessTokens(PolisDb db, TimeProvider clock)
{
    internal static IReadOnlyDictionary<string, string[]>? Check(CreateAccessToken input)
    {
        var errors = new List<ValidationResult>();
        if (Validator.TryValidateObject(input, new ValidationContext(input), errors, validateAllProperties: true)
            && !string.IsNullOrWhiteSpace(input.Name))
            return null;
        if (errors.Count == 0) errors.Add(new ValidationResult(Text.TokenNameRequired, [nameof(CreateAccessToken.Name)]));
        return errors.SelectMany(e => e.MemberNames.DefaultIfEmpty("").Select(m => (m, e.ErrorMessage ?? "")))
            .GroupBy(x => x.m, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => x.Item2).ToArray(), StringComparer.Ordinal);
    }

    internal async Task<CreatedAccessToken> CreateAsync(CreateAccessToken input, Viewer owner, CancellationToken ct)
    {
        var (token, text) = PersonalAccessToken.Issue(UserOf(owner), input.Name, input.ExpiresInDays, clock.GetUtcNow());
        db.Set<PersonalAccessToken>().Add(token);
        await db.SaveChangesAsync(ct);   // audited as Added by the interceptor
        return new CreatedAccessToken(View(token, clock.GetUtcNow()), text);
    }

    internal async Task<IReadOnlyList<AccessTokenView>> ListAsync(Viewer owner, CancellationToken ct)
    {
        var user = UserOf(owner);
        var tokens = await db.Set<PersonalAccessToken>().AsNoTracking().Where(t => t.UserId == user).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return [.. tokens.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Select(t => View(t, now))];
    }

    /// <summary>Revokes one of the owner's tokens; false when the owner has no token with this id.</summary>
    internal async Task<bool> RevokeAsync(Guid id, Viewer owner, CancellationToken ct)
    {
        var user = UserOf(owner);
        if (await db.Set<PersonalAccessToken>().SingleOrDefaultAsync(t => t.Id == id && t.UserId == user, ct) is not { } token)
            return false;
        if (token.RevokedAt is null)
        {
            token.Revoke(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);   // audited as Modified (RevokedAt)
        }
        return true;
    }

    private static Guid UserOf(Viewer owner) => owner.UserId ?? throw new InvalidOperationException("tokens belong to a signed-in user");

    private static AccessTokenView View(PersonalAccessToken t, DateTimeOffset now) =>
        new(t.Id, t.Name, t.Prefix, t.Scope, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, t.StateAt(now));
}
