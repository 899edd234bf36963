using System.Globalization;
using System.Text;
using System.Xml;

namespace Polis.Activities.Iati;

/// <summary>The organisation that publishes the file (<c>Polis:Activities:Iati:*</c>).</summary>
public sealed record IatiPublisher(string Reference, string Name, string Type = "40");

/// <summary>An organisation taking part, with its IATI role (1 funding, 2 accountable, 3 extending, 4 implementing).</summary>
public sealed record IatiParticipant(string Name, int Role, string? Reference = null);

/// <summary>A budget line (money as <c>decimal</c> with its ISO 4217 currency).</summary>
public sealed record IatiMoney(decimal Amount, string Currency, DateOnly PeriodStart, DateOnly PeriodEnd);

/// <summary>
/// One activity as IATI sees it. <see cref="Status"/>: the ActivityStatus code (1 pipeline … 6 suspended);
/// <see cref="Sectors"/>: DAC 5-digit codes (vocabulary 1); <see cref="Countries"/>: ISO 3166-1 alpha-2.
/// </summary>
public sealed record IatiActivity(
    Guid Id,
    string Title,
    string Language,
    string? Description,
    int Status,
    DateOnly? Start,
    DateOnly? End,
    bool StartIsActual,
    bool EndIsActual,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<IatiParticipant> Participants,
    IReadOnlyList<IatiMoney> Budgets,
    DateTimeOffset LastUpdated)
{
    /// <summary>Translations of the title and description, by language.</summary>
    public IReadOnlyList<(string Language, string Title, string? Description)> Translations { get; init; } = [];
}

/// <summary>
/// Writes an IATI 2.03 activity file (<c>iati-activities</c>), in the element order of the 2.03 schema: identifier,
/// reporting organisation, title and description (a narrative per language), participating organisations, status,
/// dates, recipient countries and DAC sectors (percentages adding up to 100), budgets, and a commitment transaction per
/// recorded budget line. Checked in the tests by the official 2.03 schema and codelists (validate-iati.sh).
/// </summary>
public static class IatiWriter
{
    public const string ContentType = "application/xml; charset=utf-8";

    public static byte[] Write(IatiPublisher publisher, IEnumerable<IatiActivity> activities, DateTimeOffset generated)
    {
        using var stream = new MemoryStream();
        Write(stream, publisher, activities, generated);
        return stream.ToArray();
    }

    public static void Write(Stream output, IatiPublisher publisher, IEnumerable<IatiActivity> activities, DateTimeOffset generated)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, CheckCharacters = true };
        using var xml = XmlWriter.Create(output, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("iati-activities");
        xml.WriteAttributeString("version", "2.03");
        xml.WriteAttributeString("generated-datetime", DateTime(generated));
        foreach (var activity in activities)
        {
            WriteActivity(xml, publisher, activity);
        }
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteActivity(XmlWriter xml, IatiPublisher publisher, IatiActivity a)
    {
        var currency = a.Budgets.Select(b => b.Currency).FirstOrDefault();
        xml.WriteStartElement("iati-activity");
        xml.WriteAttributeString("last-updated-datetime", DateTime(a.LastUpdated));
        xml.WriteAttributeString("xml", "lang", null, Lang(a.Language));
        if (currency is not null)
        {
            xml.WriteAttributeString("default-currency", currency);
        }
        xml.WriteElementString("iati-identifier", $"{publisher.Reference}-{a.Id:N}");

        xml.WriteStartElement("reporting-org");
        xml.WriteAttributeString("ref", publisher.Reference);
        xml.WriteAttributeString("type", publisher.Type);
        Narrative(xml, null, publisher.Name);
        xml.WriteEndElement();

        xml.WriteStartElement("title");
        Narrative(xml, null, a.Title);
        foreach (var t in a.Translations)
        {
            Narrative(xml, t.Language, t.Title);
        }
        xml.WriteEndElement();
        if (!string.IsNullOrWhiteSpace(a.Description) || a.Translations.Any(t => !string.IsNullOrWhiteSpace(t.Description)))
        {
            xml.WriteStartElement("description");
            xml.WriteAttributeString("type", "1");
            if (!string.IsNullOrWhiteSpace(a.Description))
            {
                Narrative(xml, null, a.Description);
            }
            foreach (var t in a.Translations.Where(t => !string.IsNullOrWhiteSpace(t.Description)))
            {
                Narrative(xml, t.Language, t.Description!);
            }
            xml.WriteEndElement();
        }

        var participants = a.Participants.Count > 0 ? a.Participants : [new IatiParticipant(publisher.Name, 2, publisher.Reference)];
        foreach (var p in participants)
        {
            xml.WriteStartElement("participating-org");
            if (!string.IsNullOrWhiteSpace(p.Reference))
            {
                xml.WriteAttributeString("ref", p.Reference);
            }
            xml.WriteAttributeString("role", p.Role.ToString(CultureInfo.InvariantCulture));
            Narrative(xml, null, p.Name);
            xml.WriteEndElement();
        }

        xml.WriteStartElement("activity-status");
        xml.WriteAttributeString("code", a.Status.ToString(CultureInfo.InvariantCulture));
        xml.WriteEndElement();
        if (a.Start is { } start)
        {
            ActivityDate(xml, a.StartIsActual ? "2" : "1", start);
        }
        if (a.End is { } end)
        {
            ActivityDate(xml, a.EndIsActual ? "4" : "3", end);
        }
        if (a.Start is null && a.End is null)
        {
            ActivityDate(xml, "1", DateOnly.FromDateTime(a.LastUpdated.UtcDateTime));   // the schema wants at least one date
        }

        foreach (var (code, percentage) in Split(a.Countries))
        {
            xml.WriteStartElement("recipient-country");
            xml.WriteAttributeString("code", code);
            xml.WriteAttributeString("percentage", percentage);
            xml.WriteEndElement();
        }
        foreach (var (code, percentage) in Split(a.Sectors))
        {
            xml.WriteStartElement("sector");
            xml.WriteAttributeString("vocabulary", "1");
            xml.WriteAttributeString("code", code);
            xml.WriteAttributeString("percentage", percentage);
            xml.WriteEndElement();
        }

        foreach (var budget in a.Budgets)
        {
            xml.WriteStartElement("budget");
            xml.WriteAttributeString("type", "1");
            xml.WriteAttributeString("status", a.Status is 1 ? "1" : "2");
            DateElement(xml, "period-start", budget.PeriodStart);
            DateElement(xml, "period-end", budget.PeriodEnd < budget.PeriodStart ? budget.PeriodStart : budget.PeriodEnd);
            Value(xml, budget.Amount, budget.Currency, budget.PeriodStart);
            xml.WriteEndElement();
        }
        foreach (var budget in a.Budgets.Where(_ => a.Status is not 1 and not 5))
        {
            xml.WriteStartElement("transaction");
            xml.WriteStartElement("transaction-type");
            xml.WriteAttributeString("code", "2");   // outgoing commitment
            xml.WriteEndElement();
            DateElement(xml, "transaction-date", budget.PeriodStart);
            Value(xml, budget.Amount, budget.Currency, budget.PeriodStart);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    // Equal shares adding up to exactly 100 (two decimals; the last takes the rounding).
    internal static IReadOnlyList<(string Code, string Percentage)> Split(IReadOnlyList<string> codes)
    {
        var distinct = codes.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return [];
        }
        var share = Math.Round(100m / distinct.Count, 2, MidpointRounding.ToZero);
        var result = new List<(string, string)>(distinct.Count);
        for (var i = 0; i < distinct.Count; i++)
        {
            var value = i == distinct.Count - 1 ? 100m - (share * (distinct.Count - 1)) : share;
            result.Add((distinct[i], value.ToString("0.##", CultureInfo.InvariantCulture)));
        }
        return result;
    }

    private static void Narrative(XmlWriter xml, string? language, string text)
    {
        xml.WriteStartElement("narrative");
        if (language is not null)
        {
            xml.WriteAttributeString("xml", "lang", null, Lang(language));
        }
        xml.WriteString(Clean(text));
        xml.WriteEndElement();
    }

    private static void ActivityDate(XmlWriter xml, string type, DateOnly date)
    {
        xml.WriteStartElement("activity-date");
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("iso-date", Date(date));
        xml.WriteEndElement();
    }

    private static void DateElement(XmlWriter xml, string name, DateOnly date)
    {
        xml.WriteStartElement(name);
        xml.WriteAttributeString("iso-date", Date(date));
        xml.WriteEndElement();
    }

    private static void Value(XmlWriter xml, decimal amount, string currency, DateOnly valueDate)
    {
        xml.WriteStartElement("value");
        xml.WriteAttributeString("currency", currency);
        xml.WriteAttributeString("value-date", Date(valueDate));
        xml.WriteString(amount.ToString(CultureInfo.InvariantCulture));
        xml.WriteEndElement();
    }

    private static string Lang(string code) => string.IsNullOrWhiteSpace(code) ? "en" : code.Split('-')[0].ToLowerInvariant();

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string DateTime(DateTimeOffset moment) =>
        moment.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Clean(string text) => string.Concat(text.Where(c => c is '\t' or '\n' or '\r' || !char.IsControl(c)));
}
