using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Polis.Library.Import;

/// <summary>
/// The import journal: which library document an import key (the sidecar's <c>document</c> column, else the
/// symbol, else the file name) became. It is written in the same transaction as the document, so an import
/// killed half-way and run again finds the documents it had made instead of making them twice.
/// </summary>
public sealed class ImportedDocument
{
    private ImportedDocument() { }

    public string Key { get; private init; } = "";
    public Guid DocumentId { get; internal set; }
    public DateTimeOffset ImportedAt { get; private init; }

    internal static ImportedDocument For(string key, Guid documentId, DateTimeOffset at) =>
        new() { Key = key, DocumentId = documentId, ImportedAt = at };
}

internal sealed class ImportedDocumentMapping : IEntityTypeConfiguration<ImportedDocument>
{
    public const int KeyLength = 300;

    public void Configure(EntityTypeBuilder<ImportedDocument> e)
    {
        e.ToTable("lib_import_journal");
        e.HasKey(x => x.Key);
        e.Property(x => x.Key).HasMaxLength(KeyLength);
        // A document deleted later takes its journal row with it; importing the key again makes a new one.
        e.HasOne<Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}
