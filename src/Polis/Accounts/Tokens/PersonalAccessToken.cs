using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Polis.Data;

namespace Polis.Accounts.Tokens;

/// <summary>What a personal access token may do. Only reading exists: a token never writes.</summary>
public enum TokenScope
{
    /// <summary>GET and HEAD requests, with the holder's access to records.</summary>
    Read = 0,
}

/// <summary>
/// A credential a user gives to a machine client (a feed reader, a calendar, a script). Only the SHA-256 hash
/// of its secret is stored: the text is shown once, when it is created, and cannot be recovered.
/// </summary>
internal sealed class PersonalAccessToken : IAudited
{
    public Guid Id { get; private init; }
    public Guid UserId { get; private init; }
    public string Name { get; private init; } = "";
    /// <summary>Public part of the token text, for lookup; not a secret.</summary>
    public string Prefix { get; private init; } = "";
    public byte[] SecretHash { get; private init; } = [];
    public TokenScope Scope { get; private init; }
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset ExpiresAt { get; private init; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }

    /// <summary>Creates a token and returns it with its text, which exists only in this return value.</summary>
    public static (PersonalAccessToken Token, string Text) Issue(Guid userId, string name, int days, DateTimeOffset now)
    {
        var text = TokenText.New();
        var token = new PersonalAccessToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Name = name.Trim(),
            Prefix = text.Prefix,
            SecretHash = TokenText.Hash(text.Secret),
            Scope = TokenScope.Read,
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        };
        return (token, text.Full);
    }

    public bool Matches(string secret) => CryptographicOperations.FixedTimeEquals(SecretHash, TokenText.Hash(secret));

    public TokenState StateAt(DateTimeOffset now) =>
        RevokedAt is not null ? TokenState.Revoked : ExpiresAt <= now ? TokenState.Expired : TokenState.Active;

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}

/// <summary>Whether a token can still be used.</summary>
public enum TokenState { Active, Expired, Revoked }

/// <summary>
/// The token text: <c>polis_pat_&lt;prefix&gt;_&lt;secret&gt;</c>, with a 12-character hexadecimal prefix (6 random
/// bytes) and a 43-character base64url secret (32 random bytes, 256 bits).
/// </summary>
internal readonly record struct TokenText(string Prefix, string Secret)
{
    public const string Start = "polis_pat_";
    private const int PrefixLength = 12;
    private const int SecretLength = 43;

    public string Full => Start + Prefix + "_" + Secret;

    public static TokenText New() => new(
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PrefixLength / 2)),
        Microsoft.AspNetCore.WebUtilities.Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32)));

    /// <summary>Splits a presented token; false when it does not have the shape of one.</summary>
    public static bool TryParse(string? text, out TokenText token)
    {
        token = default;
        if (text is null || text.Length != Start.Length + PrefixLength + 1 + SecretLength
            || !text.StartsWith(Start, StringComparison.Ordinal) || text[Start.Length + PrefixLength] != '_')
            return false;
        var prefix = text.Substring(Start.Length, PrefixLength);
        var secret = text[(Start.Length + PrefixLength + 1)..];
        if (!prefix.All(char.IsAsciiHexDigitLower) || !secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return false;
        token = new TokenText(prefix, secret);
        return true;
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}

internal sealed class PersonalAccessTokenMapping : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> e)
    {
        e.ToTable("acc_token");
        e.Property(t => t.Name).HasMaxLength(100);
        e.Property(t => t.Prefix).HasMaxLength(12);
        e.Property(t => t.SecretHash).HasMaxLength(32);
        e.Property(t => t.Scope).HasConversion<string>().HasMaxLength(16);
        e.HasIndex(t => t.Prefix).IsUnique();
        e.HasIndex(t => t.UserId);
        // A deleted user's tokens go with the account.
        e.HasOne<PolisUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
