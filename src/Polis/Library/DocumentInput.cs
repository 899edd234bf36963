using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Polis.Accounts.Contracts;
using Polis.Platform;
using Polis.Ingest;

namespace Polis.Library;

/// <summary>
/// The metadata of a library document as an editor or an API client sends it. It validates itself; the
/// same record binds the JSON body and the editor form.
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
    [PolisRange(1, 999)] public int? Volume { get; init; }
    public DateOnly? PublishedOn { get; init; }
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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Markup().IsMatch(Title))
            yield return new(Text.LibraryTitleMarkup, [nameof(Title)]);
        if (!string.IsNullOrWhiteSpace(Symbol) && ParsedSymbol is null)
            yield return new(string.Format(System.Globalization.CultureInfo.CurrentCulture, Text.LibrarySymbolInvalid, Symbol), [nameof(Symbol)]);
        if (!Enum.IsDefined(Type))
            yield return new(Text.LibraryTypeInvalid, [nameof(Type)]);
        if (!Enum.IsDefined(Access))
            yield return new(Text.LibraryAccessInvalid, [nameof(Access)]);
        var parties = Items(AllowedParties).SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (parties.Any(p => AccessGrant.Parse(p) is null))
            yield return new(Text.LibraryPartiesInvalid, [nameof(AllowedParties)]);
        if (Access == AccessLevel.Restricted && !ParsedParties.Any())
            yield return new(Text.LibraryRestrictedNeedsParties, [nameof(AllowedParties)]);
        if (Items(Countries).Any(c => !CountryCode().IsMatch(c.Trim())))
            yield return new(Text.LibraryCountriesInvalid, [nameof(Countries)]);
    }

    [GeneratedRegex(@"<\s*[a-zA-Z/!]")]
    private static partial Regex Markup();

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex CountryCode();
}
