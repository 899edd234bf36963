using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Polis.Platform;

/// <summary>
/// The one way Polis reads numbers and dates typed by people or sent by clients: culture-invariant, ASCII digits
/// only, no hexadecimal, no signs or separators, dates as <c>yyyy-mm-dd</c>. The editor form (<see cref="StrictValueBinder"/>)
/// and the JSON API (<see cref="StrictWholeNumberConverter"/>, <see cref="StrictDateConverter"/>) both use it.
/// </summary>
public static class StrictValues
{
    public static bool TryWholeNumber(string? text, out int value)
    {
        value = 0;
        var t = text?.Trim();
        return !string.IsNullOrEmpty(t) && t.Length <= 9 && t.All(char.IsAsciiDigit)
            && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryDate(string? text, out DateOnly value)
    {
        value = default;
        var t = text?.Trim();
        return !string.IsNullOrEmpty(t) && t.Length == 10 && t.All(c => char.IsAsciiDigit(c) || c == '-')
            && DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }
}

/// <summary>Binds a form field to <c>int?</c> or <c>DateOnly?</c> with <see cref="StrictValues"/>; a wrong value is an error naming the field.</summary>
public sealed class StrictValueBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var context = bindingContext;
        var raw = context.ValueProvider.GetValue(context.ModelName);
        if (raw == ValueProviderResult.None) return Task.CompletedTask;
        context.ModelState.SetModelValue(context.ModelName, raw);
        var text = raw.FirstValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            context.Result = ModelBindingResult.Success(null);
            return Task.CompletedTask;
        }
        var type = Nullable.GetUnderlyingType(context.ModelType) ?? context.ModelType;
        if (type == typeof(int) && StrictValues.TryWholeNumber(text, out var number))
            context.Result = ModelBindingResult.Success(number);
        else if (type == typeof(DateOnly) && StrictValues.TryDate(text, out var date))
            context.Result = ModelBindingResult.Success(date);
        else
        {
            var message = type == typeof(DateOnly) ? Text.LibraryDateInvalid : Text.LibraryNumberInvalid;
            context.ModelState.TryAddModelError(context.ModelName, string.Format(CultureInfo.CurrentCulture, message, text));
            context.Result = ModelBindingResult.Failed();
        }
        return Task.CompletedTask;
    }
}

/// <summary>A whole number in JSON: a number, or a string of ASCII digits (<see cref="StrictValues"/>).</summary>
public sealed class StrictWholeNumberConverter : JsonConverter<int?>
{
    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number when reader.TryGetInt32(out var n) => n,
        JsonTokenType.String when StrictValues.TryWholeNumber(reader.GetString(), out var n) => n,
        JsonTokenType.String when string.IsNullOrWhiteSpace(reader.GetString()) => null,
        _ => throw new JsonException("Expected a whole number written with the digits 0-9."),
    };

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteNumberValue(v);
        else writer.WriteNullValue();
    }
}

/// <summary>A date in JSON: a string <c>yyyy-mm-dd</c> (<see cref="StrictValues"/>).</summary>
public sealed class StrictDateConverter : JsonConverter<DateOnly?>
{
    public override DateOnly? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String when string.IsNullOrWhiteSpace(reader.GetString()) => null,
        JsonTokenType.String when StrictValues.TryDate(reader.GetString(), out var d) => d,
        _ => throw new JsonException("Expected a date written yyyy-mm-dd."),
    };

    public override void Write(Utf8JsonWriter writer, DateOnly? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteStringValue(v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        else writer.WriteNullValue();
    }
}

/// <summary>What a text field may hold: no NUL, no C0 or C1 control characters (tab and line breaks only where the field has several lines).</summary>
public static class TextRules
{
    public static bool HasControl(string? text, bool multiLine = false) =>
        text is not null && text.Any(c => (char.IsControl(c) && !(multiLine && c is '\t' or '\n' or '\r')));
}

/// <summary>The ISO 639-1 language codes (two letters): an edition's language must be one of them.</summary>
public static class LanguageCodes
{
    private static readonly HashSet<string> Iso6391 = new(
        ("aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu " +
         "fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn " +
         "ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os " +
         "pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw " +
         "ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu").Split(' '), StringComparer.Ordinal);

    /// <summary>Whether <paramref name="code"/> (lower case) is an ISO 639-1 code.</summary>
    public static bool IsKnown(string code) => Iso6391.Contains(code);
}
