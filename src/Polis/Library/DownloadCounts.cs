using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Polis.Accounts.Contracts;
using Polis.Data;

namespace Polis.Library;

/// <summary>
/// How often a document's files were downloaded (or opened) in one calendar month (UTC). Nothing else is kept: not who,
/// not from where, not which file; no personal data. Counted only when the file was actually served, i.e. to someone
/// the access rule lets read it, so a refused request leaves no trace.
/// </summary>
public sealed class DownloadCount
{
    private DownloadCount() { }

    internal DownloadCount(Guid documentId, int month)
    {
        DocumentId = documentId;
        Month = month;
        Count = 1;
    }

    public Guid DocumentId { get; private init; }
    /// <summary>The month as yyyymm (202611).</summary>
    public int Month { get; private init; }
    public long Count { get; private set; }
}

internal sealed class DownloadCountMapping : IEntityTypeConfiguration<DownloadCount>
{
    public void Configure(EntityTypeBuilder<DownloadCount> e)
    {
        e.ToTable("lib_download_count");
        e.HasKey(c => new { c.DocumentId, c.Month });
        // Deleting a document deletes its counts.
        e.HasOne<Document>().WithMany().HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>One month's count, for the document page.</summary>
public sealed record MonthlyDownloads(int Year, int Month, long Count)
{
    public string Label => new DateOnly(Year, Month, 1).ToString("MMMM yyyy", CultureInfo.CurrentCulture);
}

/// <summary>Counts downloads per document and month, and reads them back for editors.</summary>
public sealed class DownloadCounts(PolisDb db, TimeProvider clock)
{
    /// <summary>Adds one to this month's count of the document (one statement; a first download of the month inserts the row).</summary>
    public async Task CountAsync(Guid documentId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var month = now.Year * 100 + now.Month;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await db.Set<DownloadCount>().Where(c => c.DocumentId == documentId && c.Month == month)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count + 1), ct) > 0)
                return;
            db.Add(new DownloadCount(documentId, month));
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException)
            {
                // Another download inserted the month's row first: add to it instead.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Counts a download of the file (whose access the caller has already checked) for its document.</summary>
    public async Task CountFileAsync(Guid fileId, CancellationToken ct)
    {
        var documentId = await db.Set<Edition>().Where(e => e.Files.Any(f => f.Id == fileId)).Select(e => (Guid?)e.DocumentId).FirstOrDefaultAsync(ct);
        if (documentId is { } id) await CountAsync(id, ct);
    }

    /// <summary>
    /// The document's counts, newest month first, when the viewer may read the document (its editors see them on its
    /// page); null for a document the viewer cannot see, so the counts reveal nothing about it.
    /// </summary>
    public async Task<IReadOnlyList<MonthlyDownloads>?> ForAsync(Guid documentId, Viewer viewer, CancellationToken ct)
    {
        if (!await db.Set<Document>().VisibleTo(viewer).AnyAsync(d => d.Id == documentId, ct)) return null;
        var rows = await db.Set<DownloadCount>().AsNoTracking().Where(c => c.DocumentId == documentId)
            .OrderByDescending(c => c.Month).Take(24).ToListAsync(ct);
        return [.. rows.Select(r => new MonthlyDownloads(r.Month / 100, r.Month % 100, r.Count))];
    }
}
