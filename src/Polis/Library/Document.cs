using Polis.Accounts.Contracts;
using Polis.Data;

namespace Polis.Library;

/// <summary>The kinds of library record (DOMAIN.md, "Documents").</summary>
public enum DocumentType
{
    Decision, Declaration, ActionPlan, Report, Guidebook, TrainingCurriculum, TrainingModule, TrainingMaterial,
    Article, LessonsLearned, Legislation, EventAgenda, EventReport,
}

/// <summary>
/// A library record: one work (a decision, a guidebook …) with one or more language editions.
/// Metadata lives here; text and files live on the editions.
/// </summary>
public sealed class Document : IPublishable, IAudited, IVersioned
{
    private Document() { }

    public Guid Id { get; private init; }
    public string Title { get; private set; } = "";
    /// <summary>Canonical official symbol (e.g. <c>PC.DEC/1049</c>), unique when present.</summary>
    public string? Symbol { get; private set; }
    public DocumentType Type { get; private set; }
    /// <summary>Code of the issuing body: an executive structure, partner organisation or decision-making body (descriptive metadata).</summary>
    public string? IssuingBody { get; private set; }
    public string? Series { get; private set; }
    public int? Volume { get; private set; }
    public DateOnly? PublishedOn { get; private set; }
    public List<string> Priorities { get; private set; } = [];
    public List<string> SubAreas { get; private set; } = [];
    public List<string> Countries { get; private set; } = [];
    public List<string> Keywords { get; private set; } = [];
    public string? Summary { get; private set; }
    /// <summary>The executive structure that owns the record and whose editors may change it (the write rule).</summary>
    public string OwnerCode { get; private set; } = "";
    public AccessLevel Access { get; private set; }
    /// <summary>Draft (its writers only), Published (its access level), Withdrawn (its writers only, with a reason).</summary>
    public PublicationState State { get; private set; }
    /// <summary>Why the document was withdrawn (shown to its writers); null unless <see cref="State"/> is Withdrawn.</summary>
    public string? WithdrawalReason { get; private set; }
    public List<AccessGrant> AllowedParties { get; private set; } = [];
    IReadOnlyCollection<AccessGrant> IRestricted.AllowedParties => AllowedParties;
    public List<Edition> Editions { get; private set; } = [];
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public Guid? CreatedBy { get; private init; }

    /// <summary>A new document, a draft unless <paramref name="state"/> says otherwise (import publishes what it brings).</summary>
    public static Document Create(DocumentInput input, string owner, Viewer by, DateTimeOffset now, PublicationState state = PublicationState.Draft)
    {
        var document = new Document { Id = Guid.CreateVersion7(now), CreatedAt = now, CreatedBy = by.UserId, State = state };
        document.Apply(input, owner, now);
        return document;
    }

    public void Update(DocumentInput input, string owner, DateTimeOffset now) => Apply(input, owner, now);

    /// <summary>The record as <paramref name="input"/> would leave it, for the write rule (nothing changes).</summary>
    public static WriteRule.Target Proposed(DocumentInput input, string owner) =>
        new(owner, null, input.Access, input.Access == AccessLevel.Restricted ? [.. input.ParsedParties] : []);

    private void Apply(DocumentInput input, string owner, DateTimeOffset now)
    {
        OwnerCode = owner;
        Title = input.Title.Trim();
        Symbol = input.ParsedSymbol;
        Type = input.Type;
        IssuingBody = Clean(input.IssuingBody)?.ToUpperInvariant();
        Series = Clean(input.Series);
        Volume = input.Volume;
        PublishedOn = input.PublishedOn;
        Priorities = Codes(input.Priorities);
        SubAreas = Codes(input.SubAreas);
        Countries = [.. Codes(input.Countries).Select(c => c.ToUpperInvariant())];
        Keywords = [.. input.SplitKeywords.Distinct(StringComparer.OrdinalIgnoreCase)];
        Summary = Clean(input.Summary);
        Access = input.Access;
        AllowedParties = input.Access == AccessLevel.Restricted ? [.. input.ParsedParties] : [];
        UpdatedAt = now;
    }

    /// <summary>Makes the document visible at its access level.</summary>
    public void Publish(DateTimeOffset now)
    {
        State = PublicationState.Published;
        WithdrawalReason = null;
        UpdatedAt = now;
    }

    /// <summary>Hides the document from its readers, keeping it and its history; its writers still see it and why.</summary>
    public void Withdraw(string reason, DateTimeOffset now)
    {
        State = PublicationState.Withdrawn;
        WithdrawalReason = reason.Trim();
        UpdatedAt = now;
    }

    public Edition AddEdition(string language, string title, DateTimeOffset now)
    {
        var edition = Edition.Create(Id, language, title, now);
        Editions.Add(edition);
        UpdatedAt = now;
        return edition;
    }

    /// <summary>Sets an edition's own title, summary and keywords, in its language (what its readers see first).</summary>
    public void DescribeEdition(Edition edition, EditionInput input, DateTimeOffset now)
    {
        edition.Describe(input.Title.Trim(), Clean(input.Summary), [.. input.SplitKeywords.Distinct(StringComparer.OrdinalIgnoreCase)]);
        UpdatedAt = now;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static List<string> Codes(IEnumerable<string>? codes) =>
        [.. DocumentInput.Items([.. codes ?? []]).Select(c => c.Trim()).Distinct(StringComparer.Ordinal)];
}

/// <summary>Whether text could be taken from an edition's file.</summary>
public enum TextStatus { NoFile, Extracted, NoText }

/// <summary>One language edition of a document: its title, its files, and the text taken from them.</summary>
public sealed class Edition : IAuditedPart
{
    private Edition() { }

    public Guid Id { get; private init; }
    public Guid DocumentId { get; private init; }
    /// <summary>ISO 639-1 code.</summary>
    public string Language { get; private set; } = "";
    public string Title { get; private set; } = "";
    /// <summary>The summary in this edition's language; the document's own summary is shown when there is none.</summary>
    public string? Summary { get; private set; }
    /// <summary>Keywords in this edition's language; the document's keywords are shown when there are none.</summary>
    public List<string> Keywords { get; private set; } = [];
    public string Text { get; private set; } = "";
    public TextStatus TextStatus { get; private set; }
    public List<StoredFile> Files { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private init; }

    internal static Edition Create(Guid documentId, string language, string title, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), DocumentId = documentId, Language = language, Title = title, CreatedAt = now, TextStatus = TextStatus.NoFile };

    public void Rename(string title) => Title = title;

    internal void Describe(string title, string? summary, List<string> keywords)
    {
        Title = title;
        Summary = summary;
        Keywords = keywords;
    }

    public StoredFile AttachFile(string fileName, string mediaType, string sha256, long size, string text, bool hasText, DateTimeOffset now)
    {
        var file = new StoredFile(Guid.CreateVersion7(now), Id, fileName, mediaType, sha256, size, now);
        Files.Add(file);
        if (hasText)
        {
            Text = Text.Length == 0 ? text : Text + "\n\n" + text;
            TextStatus = TextStatus.Extracted;
        }
        else if (TextStatus != TextStatus.Extracted)
        {
            TextStatus = TextStatus.NoText;
        }
        return file;
    }
}

/// <summary>A file of an edition, kept in the content-addressed blob store under its SHA-256.</summary>
public sealed class StoredFile(Guid id, Guid editionId, string fileName, string mediaType, string sha256, long size, DateTimeOffset uploadedAt) : IAuditedPart
{
    public Guid Id { get; private init; } = id;
    public Guid EditionId { get; private init; } = editionId;
    public string FileName { get; private init; } = fileName;
    public string MediaType { get; private init; } = mediaType;
    public string Sha256 { get; private init; } = sha256;
    public long Size { get; private init; } = size;
    public DateTimeOffset UploadedAt { get; private init; } = uploadedAt;
}

/// <summary>A symbol found in a document's text: "this document cites that one".</summary>
public sealed class Citation(Guid documentId, string symbol)
{
    public Guid DocumentId { get; private init; } = documentId;
    public string Symbol { get; private init; } = symbol;
}
