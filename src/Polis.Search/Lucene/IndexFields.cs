using System.Collections.Frozen;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Polis.Search;

internal sealed record LanguageFields(string Language, string Title, string Summary, string Body);

// The layout of one Lucene document per SearchDocument.
internal static class IndexFields
{
    public const string Id = "id";
    public const string Module = "module";
    public const string Symbol = "symbol";          // canonical upper-case symbol, one exact term
    public const string SymbolText = "symbol_t";    // the symbol's letter and digit runs, for partial matches
    public const string SymbolStored = "symbol_s";  // the symbol as given, for display
    public const string Date = "date";              // stored day number + numeric doc values for sorting
    public const string Access = "access";
    public const string Spell = "spell";            // every edition's words, lower-cased, not stemmed: "did you mean"

    // Each language edition stores these values, in the same order, so hits and snippets can be built from stored
    // fields without the source record. The stored body is split in two: its head (EditionBody, the first
    // StoredHeadLength characters, cut between words), which every hit reads, and the rest (EditionBodyRest, empty
    // for a short body) with its length (EditionBodyRestLength), read only when a snippet needs more than the head
    // (HitBuilder). An index written before the split (issue 21) has the whole stored body in EditionBody and neither
    // rest field: it is read as before, without the saving, until the next `polis reindex`.
    public const string EditionLanguage = "ed_lang";
    public const string EditionTitle = "ed_title";
    public const string EditionSummary = "ed_summary";
    public const string EditionBody = "ed_body";
    public const string EditionBodyRest = "ed_body_rest";
    public const string EditionBodyRestLength = "ed_body_rest_n";

    // A snippet is decided from the head when its first match lies in about the first 1,000 characters (the window
    // is chosen among the matches up to 800 characters after the first, SnippetBuilder.ScanAfterFirstMatch).
    public const int StoredHeadLength = 2_000;

    // Snippets come from the start of each body: storing at most this many characters keeps the stored fields (most
    // of the index) bounded for book-length texts; a match beyond it still finds the document, with the opening
    // lines as its snippet.
    public const int StoredBodyLimit = 20_000;

    public const float TitleBoost = 4f;
    public const float SymbolBoost = 3f;
    public const float SummaryBoost = 2f;
    public const float BodyBoost = 1f;

    private static readonly FrozenDictionary<string, LanguageFields> ByLanguage =
        LanguageAnalyzers.FieldLanguages.ToFrozenDictionary(
            l => l, l => new LanguageFields(l, "title_" + l, "summary_" + l, "body_" + l), StringComparer.Ordinal);

    // Indexed for the terms dictionary and which documents hold a word: no frequencies, positions or norms.
    private static readonly FieldType SpellType = Frozen(new FieldType
    {
        IsIndexed = true,
        IsTokenized = true,
        IsStored = false,
        OmitNorms = true,
        IndexOptions = IndexOptions.DOCS_ONLY,
    });

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    public static LanguageFields For(string fieldLanguage) => ByLanguage[fieldLanguage];

    public static string Facet(string name) => "f_" + name;

    public static string CanonicalSymbol(string symbol) => symbol.Trim().ToUpperInvariant();

    // legacyLayout: the layout before the stored body was split (the whole stored body in EditionBody, no rest
    // fields), written only by the test that proves such an index still reads.
    public static Document ToLucene(SearchDocument source, bool legacyLayout = false)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(source.Id);
        ArgumentException.ThrowIfNullOrWhiteSpace(source.Module);

        var doc = new Document
        {
            new StringField(Id, source.Id, Field.Store.YES),
            new StringField(Module, source.Module, Field.Store.YES),
        };
        if (!string.IsNullOrWhiteSpace(source.Symbol))
        {
            doc.Add(new StringField(Symbol, CanonicalSymbol(source.Symbol), Field.Store.NO));
            doc.Add(new TextField(SymbolText, source.Symbol, Field.Store.NO));
            doc.Add(new StoredField(SymbolStored, source.Symbol.Trim()));
        }
        if (source.Date is { } date)
        {
            doc.Add(new StoredField(Date, date.DayNumber));
            doc.Add(new NumericDocValuesField(Date, date.DayNumber));
        }
        foreach (var text in source.Texts ?? [])
        {
            var language = LanguageAnalyzers.NormalizeCode(text.Language);
            var fields = For(LanguageAnalyzers.FieldLanguage(language));
            doc.Add(new TextField(fields.Title, text.Title ?? "", Field.Store.NO));
            if (!string.IsNullOrWhiteSpace(text.Summary))
            {
                doc.Add(new TextField(fields.Summary, text.Summary, Field.Store.NO));
            }
            doc.Add(new TextField(fields.Body, text.Body ?? "", Field.Store.NO));

            doc.Add(new StoredField(EditionLanguage, language));
            doc.Add(new StoredField(EditionTitle, text.Title ?? ""));
            doc.Add(new StoredField(EditionSummary, text.Summary ?? ""));
            var storedBody = Truncate(text.Body ?? "", StoredBodyLimit);
            var head = legacyLayout ? storedBody : Truncate(storedBody, StoredHeadLength);
            doc.Add(new StoredField(EditionBody, head));
            if (!legacyLayout)
            {
                doc.Add(new StoredField(EditionBodyRest, storedBody[head.Length..]));
                doc.Add(new StoredField(EditionBodyRestLength, storedBody.Length - head.Length));
            }
            doc.Add(new Field(Spell, string.Join('\n', text.Title, text.Summary, storedBody), SpellType));
        }
        foreach (var key in (source.AccessKeys ?? []).Where(k => !string.IsNullOrEmpty(k)).Distinct(StringComparer.Ordinal))
        {
            doc.Add(new StringField(Access, key, Field.Store.NO));
        }
        foreach (var (name, values) in source.Facets ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            var field = Facet(name);
            foreach (var value in (values ?? []).Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal))
            {
                doc.Add(new StringField(field, value, Field.Store.NO));
                doc.Add(new SortedSetDocValuesField(field, new BytesRef(value)));
            }
        }
        return doc;
    }

    // Cuts at a word boundary so that the stored prefix never ends in half a word.
    private static string Truncate(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', limit - 1, Math.Min(limit, 200));
        return text[..(cut > 0 ? cut : limit)];
    }
}
