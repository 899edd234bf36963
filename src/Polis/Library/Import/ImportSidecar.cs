using System.Globalization;
using System.Text.Json;
using CsvHelper;

namespace Polis.Library.Import;

/// <summary>One row of an import sidecar: a file, the edition it is, and the metadata of its document, as written.</summary>
internal sealed record ImportRow(int Number, string File)
{
    public string? DocumentKey { get; init; }
    public string? Language { get; init; }
    /// <summary>The edition's title.</summary>
    public string? Title { get; init; }
    /// <summary>The document's title when it differs from the edition titles (optional).</summary>
    public string? DocumentTitle { get; init; }
    public string? Symbol { get; init; }
    public string? Type { get; init; }
    public string? IssuingBody { get; init; }
    public string? Series { get; init; }
    public string? Volume { get; init; }
    public string? PublishedOn { get; init; }
    public IReadOnlyList<string> Priorities { get; init; } = [];
    public IReadOnlyList<string> SubAreas { get; init; } = [];
    public IReadOnlyList<string> Countries { get; init; } = [];
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public string? Summary { get; init; }
    public string? Access { get; init; }
    public IReadOnlyList<string> AllowedParties { get; init; } = [];
    /// <summary>The owning executive structure; when no row gives one, the issuing body if it is an executive structure, else the configured default.</summary>
    public string? Owner { get; init; }
    /// <summary>Draft or Published (the default): whether readers see the document at once.</summary>
    public string? Status { get; init; }
    /// <summary>Why the row itself cannot be read (an unknown field, a value of the wrong kind); null when it can.</summary>
    public string? Error { get; init; }
}

/// <summary>The whole import cannot start: the folder or its sidecar is missing or unreadable.</summary>
public sealed class ImportException(string message) : Exception(message);

/// <summary>
/// Reads the metadata sidecar of an import folder: <c>metadata.json</c> (an array of objects, lists as arrays) or
/// <c>metadata.csv</c> (a header row, lists separated by <c>;</c>). Field names ignore case, spaces, '-' and '_'.
/// </summary>
internal static class ImportSidecar
{
    public static readonly string[] DefaultNames = ["metadata.json", "metadata.csv"];

    private static readonly Dictionary<string, string> Fields = new[]
    {
        "file", "document", "language", "title", "documentTitle", "symbol", "type", "issuingBody", "series", "volume",
        "publishedOn", "priorities", "subAreas", "countries", "keywords", "summary", "access", "allowedParties", "owner", "status",
    }.ToDictionary(Normalise, f => f, StringComparer.Ordinal);

    private static readonly HashSet<string> ListFields = new(StringComparer.Ordinal)
        { "priorities", "subAreas", "countries", "keywords", "allowedParties" };

    /// <summary>The sidecar given, or metadata.json / metadata.csv in the folder.</summary>
    public static string Locate(string folder, string? sidecar)
    {
        if (!Directory.Exists(folder)) throw new ImportException($"The folder '{folder}' does not exist.");
        if (!string.IsNullOrWhiteSpace(sidecar))
        {
            var path = Path.GetFullPath(sidecar);
            return File.Exists(path) ? path : throw new ImportException($"The metadata file '{sidecar}' does not exist.");
        }
        return DefaultNames.Select(n => Path.Combine(folder, n)).FirstOrDefault(File.Exists)
            ?? throw new ImportException($"The folder '{folder}' has no metadata.json or metadata.csv; name one with --metadata.");
    }

    public static IReadOnlyList<ImportRow> Read(string path)
    {
        try
        {
            return Path.GetExtension(path).ToUpperInvariant() switch
            {
                ".JSON" => ReadJson(path),
                ".CSV" => ReadCsv(path),
                _ => throw new ImportException($"The metadata file '{Path.GetFileName(path)}' must be .json or .csv."),
            };
        }
        catch (JsonException e)
        {
            throw new ImportException($"{Path.GetFileName(path)} is not valid JSON: {e.Message}");
        }
        catch (CsvFormatException e)
        {
            throw new ImportException($"{Path.GetFileName(path)} is not valid CSV: {e.Message}");
        }
        catch (IOException e)
        {
            throw new ImportException($"{Path.GetFileName(path)} cannot be read: {e.Message}");
        }
    }

    private static List<ImportRow> ReadJson(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(path),
            new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var rows = json.RootElement.ValueKind switch
        {
            JsonValueKind.Array => json.RootElement,
            JsonValueKind.Object when json.RootElement.TryGetProperty("files", out var files) && files.ValueKind == JsonValueKind.Array => files,
            _ => throw new ImportException($"{Path.GetFileName(path)} must hold an array of rows (or an object with a \"files\" array)."),
        };
        var result = new List<ImportRow>();
        var number = 0;
        foreach (var element in rows.EnumerateArray())
        {
            number++;
            if (element.ValueKind != JsonValueKind.Object)
            {
                result.Add(new ImportRow(number, "") { Error = "the row is not an object" });
                continue;
            }
            var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            string? error = null;
            foreach (var property in element.EnumerateObject())
            {
                if (!Fields.TryGetValue(Normalise(property.Name), out var field))
                {
                    error ??= $"unknown field '{property.Name}'";
                    continue;
                }
                var list = new List<string>();
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        list.AddRange(ListFields.Contains(field) ? SplitList(property.Value.GetString()!) : [property.Value.GetString()!]);
                        break;
                    case JsonValueKind.Number:
                        list.Add(property.Value.GetRawText());
                        break;
                    case JsonValueKind.Array when ListFields.Contains(field):
                        foreach (var item in property.Value.EnumerateArray())
                        {
                            if (item.ValueKind == JsonValueKind.String) list.Add(item.GetString()!);
                            else error ??= $"'{property.Name}' must be an array of strings";
                        }
                        break;
                    case JsonValueKind.Null:
                        break;
                    default:
                        error ??= $"'{property.Name}' must be {(ListFields.Contains(field) ? "an array of strings" : "a string")}";
                        break;
                }
                values[field] = list;
            }
            result.Add(ToRow(number, values) with { Error = error });
        }
        return result;
    }

    private static List<ImportRow> ReadCsv(string path)
    {
        using var csv = CsvReader.Create(new StreamReader(path, detectEncodingFromByteOrderMarks: true),
            new CsvReaderOptions { Separator = ',', TrimWhitespace = true, FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: false);
        var header = csv.Headers;
        if (header.Count == 0) throw new ImportException($"{Path.GetFileName(path)} has no header row.");
        var columns = new string[header.Count];
        for (var i = 0; i < header.Count; i++)
        {
            columns[i] = Fields.TryGetValue(Normalise(header[i]), out var field) ? field
                : throw new ImportException($"{Path.GetFileName(path)}: unknown column '{header[i]}' (known: {string.Join(", ", Fields.Values)}).");
        }
        var result = new List<ImportRow>();
        var number = 0;
        while (csv.Read())
        {
            var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Length; i++)
            {
                var text = (i < csv.FieldCount ? csv.GetString(i) : null) ?? "";
                values[columns[i]] = ListFields.Contains(columns[i]) ? SplitList(text) : text.Length == 0 ? [] : [text];
            }
            if (values.Values.All(v => v.Count == 0)) continue;
            result.Add(ToRow(++number, values));
        }
        return result;
    }

    private static ImportRow ToRow(int number, Dictionary<string, List<string>> v)
    {
        string? One(string field) => v.TryGetValue(field, out var list) && list.Count > 0 && !string.IsNullOrWhiteSpace(list[0]) ? list[0].Trim() : null;
        IReadOnlyList<string> Many(string field) => v.TryGetValue(field, out var list)
            ? [.. list.Select(x => x.Trim()).Where(x => x.Length > 0)] : [];
        return new ImportRow(number, One("file") ?? "")
        {
            DocumentKey = One("document"),
            Language = One("language"),
            Title = One("title"),
            DocumentTitle = One("documentTitle"),
            Symbol = One("symbol"),
            Type = One("type"),
            IssuingBody = One("issuingBody"),
            Series = One("series"),
            Volume = One("volume"),
            PublishedOn = One("publishedOn"),
            Priorities = Many("priorities"),
            SubAreas = Many("subAreas"),
            Countries = Many("countries"),
            Keywords = Many("keywords"),
            Summary = One("summary"),
            Access = One("access"),
            AllowedParties = Many("allowedParties"),
            Owner = One("owner"),
            Status = One("status"),
        };
    }

    private static List<string> SplitList(string text) =>
        [.. text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    internal static string Normalise(string name) =>
        new([.. name.Where(c => c is not ('-' or '_' or ' ')).Select(char.ToLowerInvariant)]);
}
