using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Polis.Platform;

// Validation messages in the reader's language. .NET's own DataAnnotations messages exist in English only ("The Title
// field is required."), and they name the property, not the label the reader sees; these attributes say the same in
// every interface language and leave the field to the form (the message stands next to its field) or the API's
// "errors" key. The plain attributes are banned (BannedSymbols.txt), so a new input record cannot bring English back.

/// <summary>A value is required ("Fill in this field." / "Заполните это поле.").</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class PolisRequiredAttribute : RequiredAttribute
{
    public override string FormatErrorMessage(string name) => Text.ValidationRequired;
}

/// <summary>A length limit, said in characters, with the minimum when there is one.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class PolisStringLengthAttribute(int maximumLength) : StringLengthAttribute(maximumLength)
{
    public override string FormatErrorMessage(string name) => MinimumLength > 0
        ? string.Format(CultureInfo.CurrentCulture, Text.ValidationLengthBetween, MinimumLength, MaximumLength)
        : string.Format(CultureInfo.CurrentCulture, Text.ValidationLengthAtMost, MaximumLength);
}

/// <summary>A number within bounds ("Enter a whole number from 1 to 999.").</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class PolisRangeAttribute(int minimum, int maximum) : RangeAttribute(minimum, maximum)
{
    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.CurrentCulture, Text.ValidationRange, Minimum, Maximum);
}

public static class ValidationText
{
    /// <summary>Model-binding messages ("The value 'x' is not valid for Volume.") in the reader's language.</summary>
    public static void UseInterfaceLanguage(this DefaultModelBindingMessageProvider messages)
    {
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => Format(Text.ValidationValueInvalid, value));
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => Format(Text.ValidationValueInvalid, value));
        messages.SetUnknownValueIsInvalidAccessor(_ => Text.ValidationValueUnknownInvalid);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => Text.ValidationValueUnknownInvalid);
        messages.SetValueIsInvalidAccessor(value => Format(Text.ValidationValueInvalid, value));
        messages.SetValueMustBeANumberAccessor(_ => Text.ValidationNumber);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => Text.ValidationNumber);
        messages.SetValueMustNotBeNullAccessor(_ => Text.ValidationRequired);
        messages.SetMissingBindRequiredValueAccessor(_ => Text.ValidationRequired);
        messages.SetMissingKeyOrValueAccessor(() => Text.ValidationRequired);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => Text.ValidationRequired);
    }

    private static string Format(string template, string value) => string.Format(CultureInfo.CurrentCulture, template, value);
}
