namespace Polis.Activities;

/// <summary>
/// The ISO 4217 currencies a budget line may be in, with their minor units (how many decimals an amount may have:
/// 2 for EUR, 0 for JPY, 3 for KWD). The list is the active alphabetic codes of ISO 4217 (amendment 177), without
/// the funds, metals and testing codes; an organisation that needs another adds it here.
/// </summary>
public static class Currencies
{
    private static readonly Dictionary<string, int> MinorUnits = Build();

    private static Dictionary<string, int> Build()
    {
        var units = new Dictionary<string, int>(StringComparer.Ordinal);
        const string two =
            "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CNY COP CRC " +
            "CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES " +
            "KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR " +
            "NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT " +
            "TOP TRY TTD TWD TZS UAH USD UYU UZS VES WST XCD XCG YER ZAR ZMW ZWG";
        foreach (var c in two.Split(' ')) units[c] = 2;
        foreach (var c in "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF".Split(' ')) units[c] = 0;
        foreach (var c in "BHD IQD JOD KWD LYD OMR TND".Split(' ')) units[c] = 3;
        foreach (var c in "CLF UYW".Split(' ')) units[c] = 4;
        return units;
    }

    /// <summary>Every code, in alphabetical order (for pick lists and the docs).</summary>
    public static IReadOnlyList<string> Codes { get; } = [.. MinorUnits.Keys.Order(StringComparer.Ordinal)];

    /// <summary>How many decimals an amount in <paramref name="code"/> may have; null when the code is not ISO 4217.</summary>
    public static int? DecimalsOf(string code) => MinorUnits.TryGetValue(code, out var d) ? d : null;

    /// <summary>The number of decimals <paramref name="amount"/> is written with, ignoring trailing zeros (1.50 has 1).</summary>
    public static int DecimalsIn(decimal amount)
    {
        var scale = (decimal.GetBits(amount)[3] >> 16) & 0xFF;
        var value = amount;
        while (scale > 0 && value == Math.Round(value, scale - 1)) scale--;
        return scale;
    }
}
