using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using Polis.Reference.Contracts;

namespace Polis.Library.Harvesting;

/// <summary>
/// Writes OAI-PMH 2.0 responses with <see cref="XmlWriter"/>, valid against OAI-PMH.xsd and oai_dc.xsd.
/// Responses are small (one page), so they are written to memory and sent whole.
/// </summary>
internal static partial class OaiXml
{
    public const string OaiNamespace = "http://www.openarchives.org/OAI/2.0/";
    public const string OaiDcNamespace = "http://www.openarchives.org/OAI/2.0/oai_dc/";
    public const string DcNamespace = "http://purl.org/dc/elements/1.1/";
    private const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private const string OaiSchema = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd";
    private const string OaiDcSchema = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd";

    /// <summary>earliestDatestamp of a repository with no public record yet.</summary>
    public static readonly DateTimeOffset EmptyRepositoryEarliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Error(OaiResponse response, RequestEcho? echo, string code, string message) =>
        Write(response, code is "badVerb" or "badArgument" ? null : echo, w =>
        {
            w.WriteStartElement("error", OaiNamespace);
            w.WriteAttributeString("code", code);
            w.WriteString(Clean(message));
            w.WriteEndElement();
        });

    public static byte[] Identify(OaiResponse response, RequestEcho echo, string adminEmail, DateTimeOffset earliest) =>
        Write(response, echo, w =>
        {
            w.WriteStartElement("Identify", OaiNamespace);
            w.WriteElementString("repositoryName", OaiNamespace, "Polis library");
            w.WriteElementString("baseURL", OaiNamespace, response.BaseUrl);
            w.WriteElementString("protocolVersion", OaiNamespace, "2.0");
            w.WriteElementString("adminEmail", OaiNamespace, adminEmail);
            w.WriteElementString("earliestDatestamp", OaiNamespace, HarvestingEndpoints.Utc(earliest));
            // "no": Polis keeps no tombstones. The library has no delete; a record leaves the harvest by ceasing to be
            // public (its access level changes). Announcing it as deleted would tell every harvester that a record
            // the public may no longer read still exists, and when it changed: invisible must be absent. Harvesters
            // learn of withdrawals by a full re-harvest, which is what "no" tells them to do.
            w.WriteElementString("deletedRecord", OaiNamespace, "persistent");
            w.WriteElementString("granularity", OaiNamespace, "YYYY-MM-DDThh:mm:ssZ");
            w.WriteEndElement();
        });

    public static byte[] MetadataFormats(OaiResponse response, RequestEcho echo) =>
        Write(response, echo, w =>
        {
            w.WriteStartElement("ListMetadataFormats", OaiNamespace);
            w.WriteStartElement("metadataFormat", OaiNamespace);
            w.WriteElementString("metadataPrefix", OaiNamespace, OaiPmh.MetadataPrefix);
            w.WriteElementString("schema", OaiNamespace, OaiDcSchema);
            w.WriteElementString("metadataNamespace", OaiNamespace, OaiDcNamespace);
            w.WriteEndElement();
            w.WriteEndElement();
        });

    public static byte[] Sets(OaiResponse response, RequestEcho echo, IReadOnlyList<OaiSet> sets) =>
        Write(response, echo, w =>
        {
            w.WriteStartElement("ListSets", OaiNamespace);
            foreach (var set in sets)
            {
                w.WriteStartElement("set", OaiNamespace);
                w.WriteElementString("setSpec", OaiNamespace, set.Spec);
                w.WriteElementString("setName", OaiNamespace, Clean(set.Name));
                w.WriteEndElement();
            }
            w.WriteEndElement();
        });

    public static byte[] Record(OaiResponse response, RequestEcho echo, OaiItem item, IReadOnlyList<OaiSet> sets, ReferenceNames names) =>
        Write(response, echo, w =>
        {
            w.WriteStartElement("GetRecord", OaiNamespace);
            WriteItem(w, response, item, SetSpecs(sets), names, asRecord: true);
            w.WriteEndElement();
        });

    public static byte[] List(OaiResponse response, RequestEcho echo, IReadOnlyList<OaiItem> items, IReadOnlyList<OaiSet> sets,
        ReferenceNames names, ListEnd? end) =>
        Write(response, echo, w =>
        {
            w.WriteStartElement(echo.Verb, OaiNamespace);
            var specs = SetSpecs(sets);
            foreach (var item in items)
                WriteItem(w, response, item, specs, names, asRecord: echo.Verb == "ListRecords");
            if (end is not null)
            {
                w.WriteStartElement("resumptionToken", OaiNamespace);
                if (end.Expires is { } expires) w.WriteAttributeString("expirationDate", HarvestingEndpoints.Utc(expires));
                w.WriteAttributeString("completeListSize", end.CompleteListSize.ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("cursor", end.Cursor.ToString(CultureInfo.InvariantCulture));
                w.WriteString(end.Token);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        });

    private static HashSet<string> SetSpecs(IReadOnlyList<OaiSet> sets) => [.. sets.Select(s => s.Spec)];

    /// <summary>
    /// A header alone (ListIdentifiers) or a record: its header and oai_dc metadata, or only its header with
    /// status="deleted" for a deleted record (2.5.1).
    /// </summary>
    private static void WriteItem(XmlWriter w, OaiResponse response, OaiItem item, HashSet<string> specs, ReferenceNames names, bool asRecord)
    {
        if (asRecord) w.WriteStartElement("record", OaiNamespace);
        var h = item.Header;
        w.WriteStartElement("header", OaiNamespace);
        if (h.Deleted) w.WriteAttributeString("status", "deleted");
        w.WriteElementString("identifier", OaiNamespace, OaiPmh.IdentifierPrefix + h.Id.ToString("D"));
        w.WriteElementString("datestamp", OaiNamespace, HarvestingEndpoints.Utc(h.UpdatedAt));
        // Only sets that ListSets lists: a priority code missing from the reference data is no set.
        foreach (var spec in h.Priorities.Select(p => OaiSet.PriorityPrefix + ":" + p).Prepend(OaiSet.TypePrefix + ":" + h.Type).Where(specs.Contains))
            w.WriteElementString("setSpec", OaiNamespace, spec);
        w.WriteEndElement();
        if (item.Metadata is not { } m)
        {
            if (asRecord) w.WriteEndElement();   // a deleted record: its header only
            return;
        }

        w.WriteStartElement("metadata", OaiNamespace);
        w.WriteStartElement("oai_dc", "dc", OaiDcNamespace);
        w.WriteAttributeString("xmlns", "dc", null, DcNamespace);
        w.WriteAttributeString("xsi", "schemaLocation", Xsi, OaiDcNamespace + " " + OaiDcSchema);
        // The record's own title when no edition carries it, then each edition's title in its language.
        if (!m.Editions.Any(e => string.Equals(e.Title, m.Title, StringComparison.Ordinal)))
            Dc(w, "title", m.Title);
        foreach (var (language, title) in m.Editions)
            Dc(w, "title", title, language);
        Dc(w, "identifier", HarvestingEndpoints.DocumentUrl(response.SiteUrl, h.Id));
        if (m.Symbol is not null) Dc(w, "identifier", m.Symbol);
        Dc(w, "type", "Text");   // the DCMI Type Vocabulary term, then the library's own kind of document
        Dc(w, "type", Text.ResourceManager.GetString("Type_" + h.Type, HarvestingEndpoints.English) ?? h.Type.ToString());
        if (m.PublishedOn is { } published) Dc(w, "date", published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        foreach (var language in m.Editions.Select(e => e.Language).Distinct(StringComparer.OrdinalIgnoreCase))
            Dc(w, "language", language);
        foreach (var priority in h.Priorities)
            Dc(w, "subject", names.Priority(priority));
        foreach (var keyword in m.Keywords)
            Dc(w, "subject", keyword);
        if (m.Summary is not null) Dc(w, "description", m.Summary);
        if (m.IssuingBody is not null)
        {
            var body = names.Body(m.IssuingBody);
            Dc(w, "creator", body);
            Dc(w, "publisher", body);
        }
        foreach (var country in m.Countries)
            Dc(w, "coverage", country);   // ISO 3166-1 alpha-2
        foreach (var cited in m.Cites)
            Dc(w, "relation", cited);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Dc(XmlWriter w, string element, string value, string? language = null)
    {
        w.WriteStartElement("dc", element, DcNamespace);
        if (language is not null && Language().IsMatch(language)) w.WriteAttributeString("xml", "lang", null, language);
        w.WriteString(Clean(value));
        w.WriteEndElement();
    }

    private static byte[] Write(OaiResponse response, RequestEcho? echo, Action<XmlWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("OAI-PMH", OaiNamespace);
            w.WriteAttributeString("xmlns", "xsi", null, Xsi);
            w.WriteAttributeString("xsi", "schemaLocation", Xsi, OaiNamespace + " " + OaiSchema);
            w.WriteElementString("responseDate", OaiNamespace, HarvestingEndpoints.Utc(response.Now));
            w.WriteStartElement("request", OaiNamespace);
            if (echo is not null) WriteEcho(w, echo);
            w.WriteString(response.BaseUrl);
            w.WriteEndElement();
            body(w);
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// The request element's attributes: each argument whose value fits its type in OAI-PMH.xsd (3.2: after
    /// badVerb or badArgument there are none, which <see cref="Error"/> ensures).
    /// </summary>
    private static void WriteEcho(XmlWriter w, RequestEcho echo)
    {
        w.WriteAttributeString("verb", echo.Verb);
        foreach (var (name, value) in echo.Arguments.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var fits = name switch
            {
                "identifier" => Uri.TryCreate(value, UriKind.Absolute, out _) && !value.Any(char.IsWhiteSpace),
                "metadataPrefix" => MetadataPrefix().IsMatch(value),
                "set" => SetSpec().IsMatch(value),
                "from" or "until" => UtcDatestamp().IsMatch(value),
                "resumptionToken" => true,
                _ => false,
            };
            if (fits) w.WriteAttributeString(name, Clean(value));
        }
    }

    /// <summary>Drops the characters XML 1.0 cannot carry (control characters from imported text).</summary>
    public static string Clean(string text)
    {
        foreach (var c in text)
            if (!XmlConvert.IsXmlChar(c)) return Strip(text);
        return text;
    }

    private static string Strip(string text)
    {
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) kept.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) kept.Append(text, i++, 2);
        }
        return kept.ToString();
    }

    [GeneratedRegex(@"^[A-Za-z0-9\-_\.!~\*'\(\)]+\z")]
    private static partial Regex MetadataPrefix();

    [GeneratedRegex(@"^[A-Za-z0-9\-_\.!~\*'\(\)]+(:[A-Za-z0-9\-_\.!~\*'\(\)]+)*\z")]
    private static partial Regex SetSpec();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)?\z")]
    private static partial Regex UtcDatestamp();

    [GeneratedRegex(@"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*\z")]
    private static partial Regex Language();
}
