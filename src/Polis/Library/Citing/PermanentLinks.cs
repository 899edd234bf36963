using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Ingest;

namespace Polis.Library.Citing;

/// <summary>
/// Permanent links: <c>/d/{symbol}</c> (e.g. <c>/d/PC.DEC/1049</c>) and <c>/d/{short id}</c>, the first hex digits of
/// the document's id (at least 8, as many as make it unique). The short-id link is the permanent one: the id never
/// changes, so it survives every edit. A symbol link follows the document's current symbol (an official symbol is not
/// reissued); if a symbol is corrected, the old symbol link stops resolving and the short-id link still works.
/// What the viewer may not read does not resolve: the same 404 as a link to nothing.
/// </summary>
public sealed partial class PermanentLinks(PolisDb db, Platform.ChangeAwareCache cache)
{
    /// <summary>The shortest hex prefix shown: 12 digits are the id's whole millisecond timestamp (UUID v7).</summary>
    private const int ShownPrefix = 12;

    public static string PathFor(string key) => "/d/" + key;

    /// <summary>The document a permanent-link key names, if the viewer may read it.</summary>
    public async Task<Guid?> ResolveAsync(string? key, Viewer viewer, CancellationToken ct)
    {
        key = key?.Trim().Trim('/');
        if (string.IsNullOrEmpty(key) || key.Length > 200) return null;
        var documents = db.Set<Document>().AsNoTracking();
        if (Guid.TryParse(key, out var whole))
            return await documents.VisibleTo(viewer).Where(d => d.Id == whole).Select(d => (Guid?)d.Id).SingleOrDefaultAsync(ct);
        var hex = key.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        if (HexPrefix().IsMatch(hex))
        {
            // Unique among all documents, not only the visible ones: a link means the same record for everyone.
            // LIKE: SQLite keeps ids as upper-case text and compares ASCII letters without case; PostgreSQL writes uuid in lower case.
            var prefix = Dashed(hex);
            var matches = await documents.Where(d => EF.Functions.Like(d.Id.ToString(), prefix + "%")).Select(d => d.Id).OrderBy(id => id).Take(2).ToListAsync(ct);
            if (matches.Count != 1) return null;
            var id = matches[0];
            return await documents.VisibleTo(viewer).AnyAsync(d => d.Id == id, ct) ? id : null;
        }
        if (!DocumentSymbol.TryParse(key, out var symbol)) return null;
        var canonical = symbol.Canonical;
        return await documents.VisibleTo(viewer).Where(d => d.Symbol == canonical).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The short id of a document: its first 12 hex digits (the creation millisecond), longer when another document
    /// shares them (documents imported in one batch). Documents created later have later timestamps, so a short id,
    /// once unique, stays unique. Kept until the next change of any data (issue 21, eighth pass: the document page asked
    /// for it on every view, one or more LIKE counts over all documents, over half of that page's time); it does not
    /// depend on the viewer (a link means the same record for everyone).
    /// </summary>
    public Task<string> ShortIdAsync(Guid id, CancellationToken ct) => cache.GetAsync($"shortid|{id}", () => ReadShortIdAsync(id, ct));

    private async Task<string> ReadShortIdAsync(Guid id, CancellationToken ct)
    {
        var hex = id.ToString("N");
        for (var length = ShownPrefix; length < hex.Length; length += 4)
        {
            var prefix = Dashed(hex[..length]);
            var others = await db.Set<Document>().AsNoTracking()
                .CountAsync(d => d.Id != id && EF.Functions.Like(d.Id.ToString(), prefix + "%"), ct);
            if (others == 0) return hex[..length];
        }
        return hex;
    }

    /// <summary>"0193a5b2c4d5e6" → "0193a5b2-c4d5-e6": the prefix of the id's usual written form.</summary>
    private static string Dashed(string hex)
    {
        var text = new System.Text.StringBuilder(hex.Length + 4);
        for (var i = 0; i < hex.Length; i++)
        {
            if (i is 8 or 12 or 16 or 20) text.Append('-');
            text.Append(hex[i]);
        }
        return text.ToString();
    }

    /// <summary>At least 8 hex digits (dashes removed); fewer would name too many documents.</summary>
    [GeneratedRegex("^[0-9a-f]{8,32}$")]
    private static partial Regex HexPrefix();
}
