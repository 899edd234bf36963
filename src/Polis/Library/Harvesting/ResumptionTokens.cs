using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Polis.Library.Harvesting;

/// <summary>
/// What a list request asks for, after its arguments were checked: a half-open interval of datestamps
/// (<see cref="From"/> inclusive, <see cref="Before"/> exclusive, so a day-granular <c>until</c> covers the whole day)
/// and an optional set.
/// </summary>
internal sealed record HarvestFilter(string Verb, string MetadataPrefix, DateTimeOffset? From, DateTimeOffset? Before, string? Set);

/// <summary>
/// Where a list continues: after the record (<see cref="AfterUpdatedAt"/>, <see cref="AfterId"/>) in the order
/// UpdatedAt, Id; <see cref="Cursor"/> records were returned before the next page.
/// </summary>
internal sealed record ResumptionToken(HarvestFilter Filter, DateTimeOffset AfterUpdatedAt, Guid AfterId, int Cursor, DateTimeOffset Expires);

/// <summary>
/// Resumption tokens are opaque to harvesters: the filter and the keyset cursor, encrypted and signed with
/// ASP.NET Core Data Protection (keys in the data folder), then base64url. A forged, altered, truncated or
/// expired token does not decode and answers badResumptionToken. Nothing is kept on the server, so tokens
/// survive a restart and cost nothing when a harvester walks away.
/// </summary>
internal sealed class ResumptionTokens(IDataProtectionProvider keys, TimeProvider clock)
{
    /// <summary>How long a harvester may pause between pages.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private const byte Format = 1;
    private const int MaxLength = 4000;

    private readonly IDataProtector protector = keys.CreateProtector("Polis.Library.Harvesting.ResumptionToken.v1");

    public DateTimeOffset NewExpiry() => clock.GetUtcNow() + Lifetime;

    public string Write(ResumptionToken token)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer))
        {
            w.Write(Format);
            w.Write(token.Filter.Verb);
            w.Write(token.Filter.MetadataPrefix);
            WriteInstant(w, token.Filter.From);
            WriteInstant(w, token.Filter.Before);
            w.Write(token.Filter.Set is not null);
            w.Write(token.Filter.Set ?? "");
            w.Write(token.AfterUpdatedAt.UtcTicks);
            w.Write(token.AfterId.ToByteArray());
            w.Write(token.Cursor);
            w.Write(token.Expires.UtcTicks);
        }
        return Base64Url.EncodeToString(protector.Protect(buffer.ToArray()));
    }

    /// <summary>The token, or null when it is not one of ours, was altered, belongs to another verb or has expired.</summary>
    public ResumptionToken? Read(string text, string verb)
    {
        if (text.Length is 0 or > MaxLength) return null;
        try
        {
            var bytes = protector.Unprotect(Base64Url.DecodeFromChars(text));
            using var r = new BinaryReader(new MemoryStream(bytes));
            if (r.ReadByte() != Format) return null;
            var filter = new HarvestFilter(r.ReadString(), r.ReadString(), ReadInstant(r), ReadInstant(r), r.ReadBoolean() ? r.ReadString() : Skip(r));
            var token = new ResumptionToken(filter, new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero), new Guid(r.ReadBytes(16)),
                r.ReadInt32(), new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero));
            if (!string.Equals(filter.Verb, verb, StringComparison.Ordinal) || token.Expires <= clock.GetUtcNow() || token.Cursor < 0) return null;
            return token;
        }
        catch (Exception e) when (e is FormatException or CryptographicException or IOException or ArgumentException)
        {
            return null;
        }
    }

    private static string? Skip(BinaryReader r)
    {
        r.ReadString();
        return null;
    }

    private static void WriteInstant(BinaryWriter w, DateTimeOffset? at)
    {
        w.Write(at is not null);
        w.Write(at?.UtcTicks ?? 0);
    }

    private static DateTimeOffset? ReadInstant(BinaryReader r)
    {
        var present = r.ReadBoolean();
        var ticks = r.ReadInt64();
        return present ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }
}
