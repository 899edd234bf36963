using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Polis.Accounts.Contracts;
using Polis.Platform;

namespace Polis.Activities;

/// <summary>
/// An activity as an editor types it in the form or an API client sends it: the same record binds both, and
/// <see cref="SaveActivity.ValidateAsync"/> checks it in one round (its own rules here, the codes against the reference
/// data there), every problem under the field it concerns. Code lists accept several codes per element separated by
/// commas (a form's text field), and any case. It carries no validation attributes: MVC would check them before
/// the one round and report a field twice; the limits are in <see cref="Validate"/> and docs/activities.md.
/// </summary>
public sealed record ActivityInput : IValidatableObject
{
    /// <summary>ISO 639-1 code of the language of <see cref="Title"/>, <see cref="Description"/> and <see cref="Outcomes"/>.</summary>
    public string? Language { get; init; }
    public string Title { get; init; } = "";
    public string? Description { get; init; }
    public string? Outcomes { get; init; }
    /// <summary>The same text in other languages (linked translations), one per language.</summary>
    public ActivityTranslationInput[]? Translations { get; init; }
    /// <summary>
    /// Code of the executive structure that runs it. Optional for a writer with one structure (it is theirs) and on an
    /// edit (the owner stays); otherwise required.
    /// </summary>
    public string? Owner { get; init; }
    /// <summary>Codes of executive structures organising it with the owner.</summary>
    public string[]? CoOrganisers { get; init; }
    public ActivityType Type { get; init; }
    public ActivityStatus Status { get; init; }
    /// <summary>Thematic priority codes (see /api/v1/reference/thematic-priorities).</summary>
    public string[]? Priorities { get; init; }
    /// <summary>Thematic sub-area codes.</summary>
    public string[]? SubAreas { get; init; }
    /// <summary>Line of action codes (see /api/v1/reference/lines-of-action).</summary>
    public string[]? LinesOfAction { get; init; }
    /// <summary>Beneficiary participating States, ISO 3166-1 alpha-2.</summary>
    public string[]? States { get; init; }
    public Agency[]? Agencies { get; init; }
    /// <summary>Partner organisation codes (UNODC, INTERPOL …).</summary>
    public string[]? Partners { get; init; }
    public string? Location { get; init; }
    /// <summary>ISO 3166-1 alpha-2 code of the State where it takes place.</summary>
    public string? LocationState { get; init; }
    /// <summary>First day, <c>yyyy-mm-dd</c>.</summary>
    [ModelBinder(typeof(StrictValueBinder)), JsonConverter(typeof(StrictDateConverter))] public DateOnly? StartsOn { get; init; }
    /// <summary>Last day, <c>yyyy-mm-dd</c>; the same as or after <see cref="StartsOn"/>.</summary>
    [ModelBinder(typeof(StrictValueBinder)), JsonConverter(typeof(StrictDateConverter))] public DateOnly? EndsOn { get; init; }
    [ModelBinder(typeof(StrictValueBinder)), JsonConverter(typeof(StrictWholeNumberConverter))] public int? ParticipantsTotal { get; init; }
    [ModelBinder(typeof(StrictValueBinder)), JsonConverter(typeof(StrictWholeNumberConverter))] public int? ParticipantsWomen { get; init; }
    [ModelBinder(typeof(StrictValueBinder)), JsonConverter(typeof(StrictWholeNumberConverter))] public int? ParticipantsMen { get; init; }
    public ParticipationInput[]? ParticipantsByState { get; init; }
    public BudgetLineInput[]? BudgetLines { get; init; }
    /// <summary>Ids of linked library documents (agenda, report, curriculum).</summary>
    public Guid[]? Documents { get; init; }
    /// <summary>The role of each of <see cref="Documents"/> (Agenda, Report, Curriculum, Other), in the same order; Other where missing.</summary>
    public DocumentRole[]? DocumentRoles { get; init; }
    public AccessLevel Access { get; init; }
    /// <summary>For Restricted: parties allowed, as <c>org:CODE</c> or <c>state:CC</c>.</summary>
    public string[]? AllowedParties { get; init; }

    /// <summary>The language, lower case; English when none is given.</summary>
    internal string ParsedLanguage => string.IsNullOrWhiteSpace(Language) ? "en" : Language.Trim().ToLowerInvariant();

    internal string? ParsedOwner => string.IsNullOrWhiteSpace(Owner) ? null : Owner.Trim().ToUpperInvariant();

    /// <summary>Codes of a list field: non-blank, split at commas, trimmed, upper-cased when <paramref name="upper"/>, distinct.</summary>
    internal static List<string> Codes(string?[]? values, bool upper = true) =>
        [.. (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v))
            .SelectMany(v => v!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(c => upper ? c.ToUpperInvariant() : c).Distinct(StringComparer.Ordinal)];

    internal IEnumerable<AccessGrant> ParsedParties => Codes(AllowedParties, upper: false).Select(AccessGrant.Parse).OfType<AccessGrant>();

    /// <summary>Translations with some text (an empty block of the form is no translation).</summary>
    internal IEnumerable<ActivityTranslationInput> GivenTranslations =>
        (Translations ?? []).Where(t => t is not null && !(string.IsNullOrWhiteSpace(t.Language) && string.IsNullOrWhiteSpace(t.Title)
            && string.IsNullOrWhiteSpace(t.Description) && string.IsNullOrWhiteSpace(t.Outcomes)));

    internal IEnumerable<ParticipationInput> GivenParticipation =>
        (ParticipantsByState ?? []).Where(p => p is not null && !(string.IsNullOrWhiteSpace(p.State) && p.Count is null));

    internal IEnumerable<BudgetLineInput> GivenBudget =>
        (BudgetLines ?? []).Where(b => b is not null && !(b.Amount is null && string.IsNullOrWhiteSpace(b.Currency) && string.IsNullOrWhiteSpace(b.Donor)));

    /// <summary>Every problem of the input that needs no database, each under its field (the context is not used).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext? validationContext)
    {
        foreach (var problem in Texts()) yield return problem;
        var title = Title ?? "";
        if (string.IsNullOrWhiteSpace(title))
            yield return Field(nameof(Title), Text.ActivitiesFieldRequired, Text.ActivitiesTitle);
        else if (!TextRules.HasControl(title) && title.Trim().Length is < 2 or > 500)
            yield return Field(nameof(Title), Text.ActivitiesFieldLength, Text.ActivitiesTitle, 2, 500);
        if (!LanguageCodes.IsKnown(ParsedLanguage))
            yield return Field(nameof(Language), Text.ActivitiesLanguageUnknown, ParsedLanguage);
        var languages = new HashSet<string>(StringComparer.Ordinal) { ParsedLanguage };
        var i = 0;
        foreach (var t in GivenTranslations)
        {
            var key = $"{nameof(Translations)}[{i++}]";
            var language = t.Language?.Trim().ToLowerInvariant() ?? "";
            if (!LanguageCodes.IsKnown(language))
                yield return Field(key + ".Language", Text.ActivitiesLanguageUnknown, language);
            else if (!languages.Add(language))
                yield return Field(key + ".Language", Text.ActivitiesLanguageTwice, language);
            if (string.IsNullOrWhiteSpace(t.Title))
                yield return Field(key + ".Title", Text.ActivitiesFieldRequired, Text.ActivitiesTitle);
            else if (t.Title.Trim().Length is < 2 or > 500)
                yield return Field(key + ".Title", Text.ActivitiesFieldLength, Text.ActivitiesTitle, 2, 500);
        }
        if (!Enum.IsDefined(Type)) yield return Field(nameof(Type), Text.ActivitiesValueInvalid, Text.ActivitiesType);
        if (!Enum.IsDefined(Status)) yield return Field(nameof(Status), Text.ActivitiesValueInvalid, Text.ActivitiesStatus);
        if (!Enum.IsDefined(Access)) yield return Field(nameof(Access), Text.ActivitiesValueInvalid, Text.ActivitiesAccess);
        if ((Agencies ?? []).Any(a => !Enum.IsDefined(a))) yield return Field(nameof(Agencies), Text.ActivitiesValueInvalid, Text.ActivitiesAgencies);
        if (StartsOn is null)
            yield return Field(nameof(StartsOn), Text.ActivitiesFieldRequired, Text.ActivitiesStartsOn);
        if (StartsOn is { } start && EndsOn is { } end && end < start)
            yield return Field(nameof(EndsOn), Text.ActivitiesEndsBeforeStart,
                end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (ParticipantsTotal < 0) yield return Field(nameof(ParticipantsTotal), Text.ActivitiesNegative, Text.ActivitiesParticipantsTotal);
        if (ParticipantsWomen < 0) yield return Field(nameof(ParticipantsWomen), Text.ActivitiesNegative, Text.ActivitiesParticipantsWomen);
        if (ParticipantsMen < 0) yield return Field(nameof(ParticipantsMen), Text.ActivitiesNegative, Text.ActivitiesParticipantsMen);
        if (ParticipantsTotal is { } total and >= 0)
        {
            if (ParticipantsWomen is { } women and >= 0 && women > total)
                yield return Field(nameof(ParticipantsWomen), Text.ActivitiesWomenOverTotal, women, total);
            else if (ParticipantsMen is { } men and >= 0 && men > total)
                yield return Field(nameof(ParticipantsMen), Text.ActivitiesMenOverTotal, men, total);
            else if (ParticipantsWomen is { } w and >= 0 && ParticipantsMen is { } m and >= 0 && w + m > total)
                yield return Field(nameof(ParticipantsMen), Text.ActivitiesWomenAndMenOverTotal, w, m, total);
        }
        i = 0;
        var byState = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in GivenParticipation)
        {
            var key = $"{nameof(ParticipantsByState)}[{i++}]";
            var state = p.State?.Trim().ToUpperInvariant() ?? "";
            if (state.Length != 2 || !state.All(char.IsAsciiLetterUpper))
                yield return Field(key + ".State", Text.ActivitiesStateCodeInvalid, state);
            else if (!byState.Add(state))
                yield return Field(key + ".State", Text.ActivitiesStateTwice, state);
            if (p.Count is null) yield return Field(key + ".Count", Text.ActivitiesFieldRequired, Text.ActivitiesCount);
            else if (p.Count < 0) yield return Field(key + ".Count", Text.ActivitiesNegative, Text.ActivitiesCount);
        }
        if (ParticipantsTotal is { } all and >= 0 && GivenParticipation.Sum(p => Math.Max(0, p.Count ?? 0)) is var sum && sum > all)
            yield return Field(nameof(ParticipantsByState), Text.ActivitiesByStateOverTotal, sum, all);
        i = 0;
        foreach (var b in GivenBudget)
        {
            var key = $"{nameof(BudgetLines)}[{i++}]";
            var currency = b.Currency?.Trim().ToUpperInvariant() ?? "";
            var decimals = Currencies.DecimalsOf(currency);
            if (decimals is null) yield return Field(key + ".Currency", Text.ActivitiesCurrencyUnknown, currency);
            if (b.Amount is null) yield return Field(key + ".Amount", Text.ActivitiesFieldRequired, Text.ActivitiesAmount);
            else if (b.Amount < 0) yield return Field(key + ".Amount", Text.ActivitiesNegative, Text.ActivitiesAmount);
            else if (b.Amount >= 100_000_000_000_000m) yield return Field(key + ".Amount", Text.ActivitiesAmountTooLarge, b.Amount.Value.ToString(CultureInfo.InvariantCulture));
            else if (decimals is { } d && Currencies.DecimalsIn(b.Amount.Value) > d)
                yield return Field(key + ".Amount", Text.ActivitiesAmountDecimals, b.Amount.Value.ToString(CultureInfo.InvariantCulture), currency, d);
            if (!Enum.IsDefined(b.Funding)) yield return Field(key + ".Funding", Text.ActivitiesValueInvalid, Text.ActivitiesFunding);
            else if (b.Funding == FundingSource.ExtraBudgetary && string.IsNullOrWhiteSpace(b.Donor))
                yield return Field(key + ".Donor", Text.ActivitiesDonorRequired);
        }
        var parties = Codes(AllowedParties, upper: false);
        if (parties.Any(p => AccessGrant.Parse(p) is null))
            yield return Field(nameof(AllowedParties), Text.ActivitiesPartiesInvalid);
        else if (Access == AccessLevel.Restricted && parties.Count == 0)
            yield return Field(nameof(AllowedParties), Text.ActivitiesRestrictedNeedsParties);
    }

    /// <summary>Control characters and lengths of the free-text fields (tab and line breaks only in the long texts).</summary>
    private IEnumerable<ValidationResult> Texts()
    {
        // Labels are read (resource look-ups) only for a message: an import checks thousands of rows.
        var fields = new List<(string Field, Func<string> Label, string?[] Values, int Max, bool MultiLine)>
        {
            (nameof(Language), static () => Text.ActivitiesLanguage, [Language], 8, false),
            (nameof(Title), static () => Text.ActivitiesTitle, [Title], 500, false),
            (nameof(Description), static () => Text.ActivitiesDescription, [Description], 10000, true),
            (nameof(Outcomes), static () => Text.ActivitiesOutcomes, [Outcomes], 5000, true),
            (nameof(Owner), static () => Text.ActivitiesOwner, [Owner], 32, false),
            (nameof(CoOrganisers), static () => Text.ActivitiesCoOrganisers, CoOrganisers ?? [], 500, false),
            (nameof(Priorities), static () => Text.ActivitiesPriorities, Priorities ?? [], 500, false),
            (nameof(SubAreas), static () => Text.ActivitiesSubAreas, SubAreas ?? [], 500, false),
            (nameof(LinesOfAction), static () => Text.ActivitiesLinesOfAction, LinesOfAction ?? [], 500, false),
            (nameof(States), static () => Text.ActivitiesStates, States ?? [], 500, false),
            (nameof(Partners), static () => Text.ActivitiesPartners, Partners ?? [], 500, false),
            (nameof(Location), static () => Text.ActivitiesLocation, [Location], 200, false),
            (nameof(LocationState), static () => Text.ActivitiesLocationState, [LocationState], 2, false),
            (nameof(AllowedParties), static () => Text.ActivitiesAllowedParties, AllowedParties ?? [], 2000, false),
        };
        var i = 0;
        foreach (var t in GivenTranslations)
        {
            var key = $"{nameof(Translations)}[{i++}]";
            fields.Add((key + ".Language", static () => Text.ActivitiesLanguage, [t.Language], 8, false));
            fields.Add((key + ".Title", static () => Text.ActivitiesTitle, [t.Title], 500, false));
            fields.Add((key + ".Description", static () => Text.ActivitiesDescription, [t.Description], 10000, true));
            fields.Add((key + ".Outcomes", static () => Text.ActivitiesOutcomes, [t.Outcomes], 5000, true));
        }
        i = 0;
        foreach (var b in GivenBudget)
            fields.Add(($"{nameof(BudgetLines)}[{i++}].Donor", static () => Text.ActivitiesDonor, [b.Donor], 200, false));
        foreach (var (field, label, values, max, multiLine) in fields)
        {
            if (values.Any(v => TextRules.HasControl(v, multiLine)))
                yield return Field(field, Text.ActivitiesControlCharacters, label());
            else if (!field.EndsWith(nameof(Title), StringComparison.Ordinal) && values.Any(v => v?.Trim().Length > max))
                yield return Field(field, Text.ActivitiesFieldTooLong, label(), max);
        }
    }

    private static ValidationResult Field(string field, string template, params object[] values) =>
        new(string.Format(CultureInfo.CurrentCulture, template, values), [field]);
}

/// <summary>The activity's title, description and outcomes in another language.</summary>
public sealed record ActivityTranslationInput
{
    /// <summary>ISO 639-1 code.</summary>
    public string? Language { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Outcomes { get; init; }
}

/// <summary>How many participants came from one State.</summary>
public sealed record ParticipationInput
{
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? State { get; init; }
    [ModelBinder(typeof(StrictValueBinder)), JsonConverter(typeof(StrictWholeNumberConverter))] public int? Count { get; init; }
}

/// <summary>A budget line: an exact amount in an ISO 4217 currency, with no more decimals than the currency has.</summary>
public sealed record BudgetLineInput
{
    /// <summary>The amount, e.g. <c>12500.50</c> (a JSON number or string; a point for decimals, no thousands separators).</summary>
    [ModelBinder(typeof(StrictDecimalBinder)), JsonConverter(typeof(StrictDecimalConverter))] public decimal? Amount { get; init; }
    /// <summary>ISO 4217 alphabetic code.</summary>
    public string? Currency { get; init; }
    public FundingSource Funding { get; init; }
    /// <summary>The donor of an extra-budgetary contribution.</summary>
    public string? Donor { get; init; }
}

/// <summary>Reads an amount the way <see cref="StrictValues"/> reads numbers: ASCII digits, one point, culture-invariant.</summary>
public static class StrictAmount
{
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t) || t.Length > 30) return false;
        var body = t.StartsWith('-') ? t[1..] : t;
        return body.Length > 0 && body.All(c => char.IsAsciiDigit(c) || c == '.') && body.Count(c => c == '.') <= 1 && body[0] != '.' && body[^1] != '.'
            && decimal.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}

/// <summary>Binds a form field to <c>decimal?</c> with <see cref="StrictAmount"/>; a wrong value is an error naming the field.</summary>
public sealed class StrictDecimalBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var context = bindingContext;
        var raw = context.ValueProvider.GetValue(context.ModelName);
        if (raw == ValueProviderResult.None) return Task.CompletedTask;
        context.ModelState.SetModelValue(context.ModelName, raw);
        var text = raw.FirstValue;
        if (string.IsNullOrWhiteSpace(text)) context.Result = ModelBindingResult.Success(null);
        else if (StrictAmount.TryParse(text, out var amount)) context.Result = ModelBindingResult.Success(amount);
        else
        {
            context.ModelState.TryAddModelError(context.ModelName, string.Format(CultureInfo.CurrentCulture, Text.ActivitiesAmountInvalid, text));
            context.Result = ModelBindingResult.Failed();
        }
        return Task.CompletedTask;
    }
}

/// <summary>An amount in JSON: a number, or a string read by <see cref="StrictAmount"/>.</summary>
public sealed class StrictDecimalConverter : JsonConverter<decimal?>
{
    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number when reader.TryGetDecimal(out var d) => d,
        JsonTokenType.String when StrictAmount.TryParse(reader.GetString(), out var d) => d,
        JsonTokenType.String when string.IsNullOrWhiteSpace(reader.GetString()) => null,
        _ => throw new JsonException("Expected an amount such as 12500.50."),
    };

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteNumberValue(v);
        else writer.WriteNullValue();
    }
}
