using System.Globalization;
using System.Text.RegularExpressions;
using Polis.Accounts.Contracts;
using Polis.Ingest;

namespace Polis.Library.Import;

/// <summary>
/// An import folder read and checked before anything is written: one entry per sidecar row, grouped into the
/// documents they are editions of. Rows of one document may spread its metadata over several rows; for each
/// field the first row that gives a value wins.
/// </summary>
internal sealed partial class ImportPlan
{
    private ImportPlan(string folder, string sidecar, IReadOnlyList<PlannedFile> files)
    {
        Folder = folder;
        Sidecar = sidecar;
        Files = files;
    }

    public string Folder { get; }
    public string Sidecar { get; }
    public IReadOnlyList<PlannedFile> Files { get; }
    public int DocumentCount => Files.Select(f => f.Document).Distinct().Count();

    /// <summary>Reads the sidecar (the one given, else metadata.json or metadata.csv in the folder).</summary>
    public static ImportPlan Read(string folder, string? sidecar = null)
    {
        folder = Path.GetFullPath(folder);
        var path = ImportSidecar.Locate(folder, sidecar);
        var rows = ImportSidecar.Read(path);
        var keyed = rows.Select(r => (Row: r, Key: KeyOf(r))).ToList();
        var documents = keyed.GroupBy(x => x.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => PlannedDocument.From(g.Key, [.. g.Select(x => x.Row)]), StringComparer.Ordinal);
        var files = keyed.Select(x => new PlannedFile(x.Row, documents[x.Key], FullPath(folder, x.Row.File), RowError(folder, x.Row))).ToList();
        return new ImportPlan(folder, path, files);
    }

    /// <summary>The sidecar's <c>document</c>, else the symbol (canonical), else the file's path in the folder.</summary>
    private static string KeyOf(ImportRow row) =>
        row.DocumentKey
        ?? (row.Symbol is { } s ? DocumentSymbol.TryParse(s, out var symbol) ? symbol.Canonical : s.ToUpperInvariant() : null)
        ?? row.File.Replace('\\', '/');

    private static string FullPath(string folder, string file) => Path.GetFullPath(Path.Combine(folder, file));

    private static string? RowError(string folder, ImportRow row)
    {
        if (row.Error is { } error) return error;
        if (row.File.Length == 0) return "no file is named ('file' is empty)";
        var full = FullPath(folder, row.File);
        if (!full.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            return "the file is outside the import folder";
        if (row.Language is null) return "'language' is missing (a two-letter ISO 639-1 code such as en or ru)";
        if (!LanguageCode().IsMatch(row.Language.ToLowerInvariant())) return $"language '{row.Language}' is not a two-letter ISO 639-1 code";
        if (KeyOf(row).Length > ImportedDocumentMapping.KeyLength) return $"the document key is longer than {ImportedDocumentMapping.KeyLength} characters";
        return null;
    }

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex LanguageCode();
}

/// <summary>One row: a file to add as (part of) an edition. <see cref="Error"/> is why the row cannot be imported at all.</summary>
internal sealed record PlannedFile(ImportRow Row, PlannedDocument Document, string FullPath, string? Error)
{
    public string Name => Row.File.Length > 0 ? Row.File.Replace('\\', '/') : $"row {Row.Number}";
    public string Language => (Row.Language ?? "").ToLowerInvariant();
}

/// <summary>A document the import finds or creates, with its metadata checked as far as it can be without the database.</summary>
internal sealed class PlannedDocument
{
    private PlannedDocument(string key, DocumentInput input, string? symbol, string? error)
    {
        Key = key;
        Input = input;
        Symbol = symbol;
        Error = error;
    }

    public string Key { get; }
    public DocumentInput Input { get; }
    /// <summary>The canonical symbol, when one is given and parses.</summary>
    public string? Symbol { get; }
    /// <summary>Why no row of this document can be imported (bad metadata, or the database refused it).</summary>
    public string? Error { get; set; }
    /// <summary>The document, once found or created during this run.</summary>
    public Guid? DocumentId { get; set; }
    /// <summary>Whether the document is created published (the default) or as a draft (sidecar <c>status</c>).</summary>
    public PublicationState State { get; init; } = PublicationState.Published;

    public static PlannedDocument From(string key, IReadOnlyList<ImportRow> rows)
    {
        string? First(Func<ImportRow, string?> field) => rows.Select(field).FirstOrDefault(v => v is not null);
        IReadOnlyList<string> FirstList(Func<ImportRow, IReadOnlyList<string>> field) => rows.Select(field).FirstOrDefault(l => l.Count > 0) ?? [];

        var errors = new List<string>();
        string? symbol = null;
        if (First(r => r.Symbol) is { } rawSymbol)
        {
            if (DocumentSymbol.TryParse(rawSymbol, out var parsed)) symbol = parsed.Canonical;
            else errors.Add($"symbol '{rawSymbol}' is not a document symbol (such as PC.DEC/1049 or MC.DEC/9/11)");
        }
        var type = DocumentType.Report;
        if (First(r => r.Type) is not { } rawType)
            errors.Add($"'type' is missing (one of {string.Join(", ", Enum.GetNames<DocumentType>())})");
        else if (ParseEnum<DocumentType>(rawType) is { } t) type = t;
        else errors.Add($"unknown type '{rawType}' (one of {string.Join(", ", Enum.GetNames<DocumentType>())})");
        int? volume = null;
        if (First(r => r.Volume) is { } rawVolume)
        {
            if (int.TryParse(rawVolume, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) volume = v;
            else errors.Add($"volume '{rawVolume}' is not a whole number");
        }
        DateOnly? published = null;
        if (First(r => r.PublishedOn) is { } rawDate)
        {
            if (DateOnly.TryParseExact(rawDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) published = d;
            else errors.Add($"publishedOn '{rawDate}' is not a date written yyyy-mm-dd");
        }
        var access = AccessLevel.Public;
        if (First(r => r.Access) is { } rawAccess)
        {
            if (ParseEnum<AccessLevel>(rawAccess) is { } a) access = a;
            else errors.Add($"unknown access '{rawAccess}' (one of {string.Join(", ", Enum.GetNames<AccessLevel>())})");
        }
        var state = PublicationState.Published;
        if (First(r => r.Status) is { } rawStatus)
        {
            if (ParseEnum<PublicationState>(rawStatus) is { } st && st != PublicationState.Withdrawn) state = st;
            else errors.Add($"unknown status '{rawStatus}' (Draft or Published)");
        }
        var title = First(r => r.DocumentTitle)
            ?? rows.FirstOrDefault(r => string.Equals(r.Language, "en", StringComparison.OrdinalIgnoreCase))?.Title
            ?? First(r => r.Title)
            ?? Path.GetFileNameWithoutExtension(rows[0].File);
        var input = new DocumentInput
        {
            Title = title,
            Symbol = symbol,
            Type = type,
            IssuingBody = First(r => r.IssuingBody),
            Series = First(r => r.Series),
            Volume = volume,
            PublishedOn = published,
            Priorities = [.. FirstList(r => r.Priorities)],
            SubAreas = [.. FirstList(r => r.SubAreas)],
            Countries = [.. FirstList(r => r.Countries)],
            Keywords = [.. FirstList(r => r.Keywords)],
            Summary = First(r => r.Summary),
            Access = access,
            AllowedParties = [.. FirstList(r => r.AllowedParties)],
            Owner = First(r => r.Owner),
        };
        if (errors.Count == 0)
        {
            var results = input.Validate(null).ToList();
            if (results.Count > 0)
                errors.AddRange(results.Select(r => r.MemberNames.FirstOrDefault() is { } m ? $"{m}: {r.ErrorMessage}" : r.ErrorMessage ?? ""));
        }
        return new PlannedDocument(key, input, symbol, errors.Count == 0 ? null : string.Join("; ", errors)) { State = state };
    }

    /// <summary>An enum member by name, ignoring case, spaces, '-' and '_' ("lessons learned" is LessonsLearned); never by number.</summary>
    private static T? ParseEnum<T>(string text) where T : struct, Enum
    {
        var wanted = ImportSidecar.Normalise(text);
        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(ImportSidecar.Normalise(value.ToString()), wanted, StringComparison.Ordinal)) return value;
        }
        return null;
    }
}
