using System.Globalization;
using Microsoft.Extensions.Configuration;
using Polis.Data;

namespace Polis.Shared;

/// <summary>
/// The interface languages of this installation, from <c>Polis:Languages</c> (default <c>en,ru</c>). Request
/// localisation, the language switch and the layout's language links all read this one list. English is always
/// in it: reference names and UI strings fall back to English when a language lacks them.
/// </summary>
public sealed class PolisLanguages
{
    public const string Setting = "Polis:Languages";
    public const string Fallback = "en";
    private static readonly string[] Default = [Fallback, "ru"];

    private PolisLanguages(IReadOnlyList<CultureInfo> cultures) => Cultures = cultures;

    /// <summary>The configured cultures, in the order given (the order of the layout's language links).</summary>
    public IReadOnlyList<CultureInfo> Cultures { get; }

    /// <summary>The configured culture named <paramref name="code"/> (any case), or null when it is not configured.</summary>
    public CultureInfo? Find(string code) =>
        Cultures.FirstOrDefault(c => string.Equals(c.Name, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The name a reader of that language knows it by ("Русский", "Français"), for the language links.</summary>
    public static string NativeName(CultureInfo culture) =>
        culture.NativeName is { Length: > 0 } name ? char.ToUpper(name[0], culture) + name[1..] : culture.Name;

    /// <summary>Reads and checks the setting; throws <see cref="PolisConfigurationException"/> naming it.</summary>
    public static PolisLanguages From(IConfiguration configuration)
    {
        var codes = Codes(configuration);
        var cultures = new List<CultureInfo>();
        foreach (var code in codes)
        {
            CultureInfo culture;
            try
            {
                culture = CultureInfo.GetCultureInfo(code, predefinedOnly: true);
            }
            catch (CultureNotFoundException)
            {
                throw new PolisConfigurationException(Setting, $"'{code}' is not a known culture; use language codes such as 'en', 'ru', 'fr', 'es'.");
            }
            if (culture.Equals(CultureInfo.InvariantCulture))
                throw new PolisConfigurationException(Setting, $"'{code}' is not a language; use language codes such as 'en', 'ru', 'fr', 'es'.");
            // A neutral culture ("fr") may run without UI strings of its own (they fall back to English); a specific
            // one ("fr-CA") must bring them, or its readers would get English with French dates for no reason.
            if (!culture.IsNeutralCulture && !HasUiStrings(culture))
                throw new PolisConfigurationException(Setting,
                    $"'{code}' has no interface strings; use the language alone ('{culture.TwoLetterISOLanguageName}') or add its strings first.");
            if (cultures.Any(c => c.Name == culture.Name))
                throw new PolisConfigurationException(Setting, $"'{code}' is listed twice.");
            cultures.Add(culture);
        }
        if (!cultures.Any(c => c.Name == Fallback))
            throw new PolisConfigurationException(Setting, $"'{Fallback}' must be one of the languages: names and strings missing in another language are shown in English.");
        return new PolisLanguages(cultures);
    }

    /// <summary>Either a comma-separated list (<c>en,ru,fr</c>) or an array (<c>Polis:Languages:0</c> …).</summary>
    private static IReadOnlyList<string> Codes(IConfiguration configuration)
    {
        var section = configuration.GetSection(Setting);
        var items = section.GetChildren().Select(c => c.Value).Where(v => v is not null).Cast<string>().ToList();
        if (items.Count == 0 && section.Value is { } value) items = [value];
        if (items.All(string.IsNullOrWhiteSpace)) return Default;
        var codes = items.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)).ToList();
        if (codes.Any(c => c.Length == 0))
            throw new PolisConfigurationException(Setting, $"'{string.Join(",", items)}' has an empty entry; list the languages separated by commas, e.g. 'en,ru,fr'.");
        return codes;
    }

    /// <summary>Whether Polis has UI strings for the culture or its language (English ones are the neutral resources).</summary>
    internal static bool HasUiStrings(CultureInfo culture)
    {
        // The satellite assembly, not ResourceManager.GetResourceSet: the resource manager caches a fallback set
        // under the name of every culture it was asked for, so after one French request it "has" French strings.
        for (var c = culture; !c.Equals(CultureInfo.InvariantCulture); c = c.Parent)
        {
            if (c.Name == Fallback) return true;
            try
            {
                _ = typeof(Text).Assembly.GetSatelliteAssembly(c);
                return true;
            }
            catch (FileNotFoundException)
            {
            }
        }
        return false;
    }
}
