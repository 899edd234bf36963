using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Polis.Accounts.Contracts;
using Polis.Platform;
using Polis.Ingest;

namespace Polis.Library;

/// <summary>
/// The metadata of a library document as an editor or an API client sends it. It validates itself; the
/// same record binds the JSON body and the editor form. <see cref="Validate"/> finds every problem at once, each under
/// the field it concerns, with a message naming the field (the attributes describe the fields in OpenAPI; the
/// checks they stand for are all in <see cref="Validate"/>). Numbers and dates are read by <see cref="StrictValues"/>.
/// </summary>
public sealed partial record DocumentInput : IValidatableObject
{
    /// <summary>Title in the document's main language. Plain text: markup is refused.</summary>
    [PolisRequired, PolisStringLength(500, MinimumLength = 2)] public string Title { get; init; } = "";
    /// <summary>Official symbol such as <c>PC.DEC/1049</c> or <c>MC.DEC/9/11</c>; stored in canonical form.</summary>
    [PolisStringLength(80)] public string? Symbol { get; init; }
    public DocumentType Type { get; init; }
    /// <summary>Code of the issuing body (executive structure, partner organisation, or PC/MC/FSC …).</summary>
    [PolisStringLength(32)] public string? IssuingBody { get; init; }
    [PolisStringLength(200)] public string? Series { get; init; }
    [PolisRange(1, 999), ModelBinder(typeof(StrictValueBinder)), JsonConverter(typeof(StrictWholeNumberConverter))] public int? Volume { get; init; }
    /// <summary>Date of publication, <c>yyyy-mm-dd</c>.</summary>
    [ModelBinder(typeof(StrictValueBinder)), JsonConverter(typeof(StrictDateConverter))] public DateOnly? PublishedOn { get; init; }
    /// <summary>Thematic priority codes (see /api/v1/reference).</summary>
    public string[]? Priorities { get; init; }
    public string[]? SubAreas { get; init; }
    /// <summary>ISO 3166-1 alpha-2 codes of the states concerned.</summary>
    public string[]? Countries { get; init; }
    /// <summary>Keywords; an element may hold several separated by commas.</summary>
    public string[]? Keywords { get; init; }
    [PolisStringLength(5000)] public string? Summary { get; init; }
    /// <summary>
    /// Code of the owning executive structure, whose editors may change the document. Optional for a writer with one
    /// structure (it is theirs) and on an edit (the owner stays); otherwise one of the writer's structures, or any
    /// executive structure for coordinators and administrators.
    /// </summary>
    [PolisStringLength(32)] public string? Owner { get; init; }
    public AccessLevel Access { get; init; }
    /// <summary>For Restricted: parties allowed, as <c>org:CODE</c> or <c>state:CC</c>.</summary>
    public string[]? AllowedParties { get; init; }

    internal string? ParsedOwner => string.IsNullOrWhiteSpace(Owner) ? null : Owner.Trim().ToUpperInvariant();

    internal string? ParsedSymbol => string.IsNullOrWhiteSpace(Symbol) ? null
        : DocumentSymbol.TryParse(Symbol, out var s) ? s.Canonical : null;

    /// <summary>Non-blank items: an empty form field binds as a null element.</summary>
    internal static IEnumerable<string> Items(string?[]? values) => (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!);

    internal IEnumerable<AccessGrant> ParsedParties =>
        Items(AllowedParties).SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(AccessGrant.Parse).OfType<AccessGrant>();

    internal IEnumerable<string> SplitKeywords =>
        Items(Keywords).SelectMany(k => k.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Every problem of the input, each under its field (the context is not used; null is fine).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext? validationContext)
    {
        var title = Title ?? "";
        if (string.IsNullOrWhiteSpace(title))
            yield return Field(nameof(Title), Text.LibraryFieldRequired, Text.LibraryDocTitle);
        else if (title.Trim().Length is < 2 or > 500)
            yield return Field(nameof(Title), Text.LibraryFieldLength, Text.LibraryDocTitle, 2, 500);
        else if (Markup().IsMatch(title))
            yield return new(Text.LibraryTitleMarkup, [nameof(Title)]);
        foreach (var problem in Texts())
            yield return problem;
        if (!string.IsNullOrWhiteSpace(Symbol) && !TextRules.HasControl(Symbol) && Symbol.Length <= 80 && ParsedSymbol is null)
            yield return new(string.Format(CultureInfo.CurrentCulture, Text.LibrarySymbolInvalid, Symbol), [nameof(Symbol)]);
        if (!Enum.IsDefined(Type))
            yield return new(Text.LibraryTypeInvalid, [nameof(Type)]);
        if (Volume is < 1 or > 999)
            yield return Field(nameof(Volume), Text.LibraryVolumeRange, Text.LibraryVolume, 1, 999);
        if (!Enum.IsDefined(Access))
            yield return new(Text.LibraryAccessInvalid, [nameof(Access)]);
        var parties = Items(AllowedParties).SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (parties.Any(p => AccessGrant.Parse(p) is null))
            yield return new(Text.LibraryPartiesInvalid, [nameof(AllowedParties)]);
        else if (Access == AccessLevel.Restricted && !ParsedParties.Any())
            yield return new(Text.LibraryRestrictedNeedsParties, [nameof(AllowedParties)]);
        if (Items(Countries).Any(c => !CountryCode().IsMatch(c.Trim())))
            yield return new(Text.LibraryCountriesInvalid, [nameof(Countries)]);
    }

    /// <summary>Lengths and control characters of the free-text fields (tab and line breaks only in the summary).</summary>
    private IEnumerable<ValidationResult> Texts()
    {
        (string Field, string Label, string?[] Values, int Max, bool MultiLine)[] fields =
        [
            (nameof(Title), Text.LibraryDocTitle, [Title], 500, false),
            (nameof(Symbol), Text.LibrarySymbol, [Symbol], 80, false),
            (nameof(IssuingBody), Text.LibraryIssuingBody, [IssuingBody], 32, false),
            (nameof(Series), Text.LibrarySeries, [Series], 200, false),
            (nameof(Summary), Text.LibrarySummary, [Summary], 5000, true),
            (nameof(Owner), Text.LibraryOwner, [Owner], 32, false),
            (nameof(Keywords), Text.LibraryKeywords, Keywords ?? [], 5000, false),
            (nameof(Priorities), Text.LibraryPriorities, Priorities ?? [], 100, false),
            (nameof(SubAreas), Text.LibrarySubAreas, SubAreas ?? [], 100, false),
            (nameof(Countries), Text.LibraryCountries, Countries ?? [], 100, false),
            (nameof(AllowedParties), Text.LibraryAllowedParties, AllowedParties ?? [], 2000, false),
        ];
        foreach (var (field, label, values, max, multiLine) in fields)
        {
            if (values.Any(v => TextRules.HasControl(v, multiLine)))
                yield return Field(field, Text.LibraryControlCharacters, label);
            else if (field != nameof(Title) && values.Any(v => v?.Trim().Length > max))
                yield return Field(field, Text.LibraryFieldTooLong, label, max);
        }
    }

    private static ValidationResult Field(string field, string template, params object[] values) =>
        new(string.Format(CultureInfo.CurrentCulture, template, values), [field]);

    [GeneratedRegex(@"<\s*[a-zA-Z/!]")]
    private static partial Regex Markup();

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex CountryCode();
}
