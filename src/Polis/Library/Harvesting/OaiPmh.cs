using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using Polis.Data;
using Polis.Reference.Contracts;

namespace Polis.Library.Harvesting;

/// <summary>
/// An OAI-PMH 2.0 data provider over the public library (https://www.openarchives.org/OAI/openarchivesprotocol.html).
/// Records are documents, identified as <c>oai:polis:{id}</c>, datestamped with their UpdatedAt in UTC, in sets by
/// document type and thematic priority, disseminated as oai_dc. Every list runs in keyset order (UpdatedAt, Id):
/// a resumption token carries the last key served, so records inserted or updated during a harvest move to the
/// end of the list instead of shifting pages (an offset would skip or repeat records). A document that harvesters saw
/// and may no longer see is listed as deleted (<see cref="OaiTombstone"/>, deletedRecord = persistent), in the same
/// order by the moment it left the public library.
/// </summary>
internal sealed class OaiPmh(PolisDb db, IReferenceDirectory reference, TimeProvider clock, ResumptionTokens tokens, HarvestingSettings settings)
{
    public const string IdentifierPrefix = "oai:polis:";
    public const string MetadataPrefix = "oai_dc";

    private sealed record Grammar(string[] Required, string[] Optional, string? Exclusive);

    // Section 4 of the protocol: the arguments of each verb.
    private static readonly Dictionary<string, Grammar> Verbs = new(StringComparer.Ordinal)
    {
        ["Identify"] = new([], [], null),
        ["ListMetadataFormats"] = new([], ["identifier"], null),
        ["ListSets"] = new([], [], "resumptionToken"),
        ["ListIdentifiers"] = new(["metadataPrefix"], ["from", "until", "set"], "resumptionToken"),
        ["ListRecords"] = new(["metadataPrefix"], ["from", "until", "set"], "resumptionToken"),
        ["GetRecord"] = new(["identifier", "metadataPrefix"], [], null),
    };

    public async Task<IResult> AnswerAsync(HttpContext http, CancellationToken ct)
    {
        var site = HarvestingEndpoints.SiteUrl(http.Request);
        var response = new OaiResponse(site + "/oai", site, clock.GetUtcNow());
        var arguments = await ReadArgumentsAsync(http.Request, ct);
        var body = arguments is null
            ? OaiXml.Error(response, null, "badArgument", "The request body is not a readable application/x-www-form-urlencoded form.")
            : await AnswerAsync(response, arguments, ct);
        return Results.Bytes(body, "text/xml; charset=utf-8");
    }

    private static async Task<Dictionary<string, string?[]>?> ReadArgumentsAsync(HttpRequest request, CancellationToken ct)
    {
        IEnumerable<KeyValuePair<string, StringValues>> pairs = request.Query;
        if (HttpMethods.IsPost(request.Method))
        {
            // OAI-PMH 3.1.1.2: a POST carries its arguments in the form body, not in the URL.
            if (!request.HasFormContentType) return [];
            try
            {
                pairs = await request.ReadFormAsync(ct);
            }
            catch (InvalidDataException)
            {
                return null;
            }
        }
        return pairs.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    private async Task<byte[]> AnswerAsync(OaiResponse response, Dictionary<string, string?[]> arguments, CancellationToken ct)
    {
        if (!arguments.TryGetValue("verb", out var verbs))
            return OaiXml.Error(response, null, "badVerb", "The verb argument is missing.");
        if (verbs.Length != 1)
            return OaiXml.Error(response, null, "badVerb", "The verb argument is repeated.");
        var verb = verbs[0] ?? "";
        if (!Verbs.TryGetValue(verb, out var grammar))
            return OaiXml.Error(response, null, "badVerb", $"'{verb}' is not an OAI-PMH verb.");

        if (arguments.FirstOrDefault(a => a.Value.Length > 1) is { Key: { } repeated })
            return BadArgument(response, $"The argument '{repeated}' is repeated.");
        var given = arguments.Where(a => a.Key != "verb").ToDictionary(a => a.Key, a => a.Value[0] ?? "", StringComparer.Ordinal);
        var allowed = grammar.Required.Concat(grammar.Optional).Append(grammar.Exclusive);
        if (given.Keys.FirstOrDefault(k => !allowed.Contains(k, StringComparer.Ordinal)) is { } illegal)
            return BadArgument(response, $"'{illegal}' is not an argument of {verb}.");
        if (given.FirstOrDefault(a => a.Value.Length == 0) is { Key: { } empty })
            return BadArgument(response, $"The argument '{empty}' has no value.");
        if (grammar.Exclusive is { } exclusive && given.ContainsKey(exclusive))
        {
            if (given.Count > 1)
                return BadArgument(response, $"{exclusive} is an exclusive argument: send it alone with the verb.");
        }
        else if (grammar.Required.FirstOrDefault(r => !given.ContainsKey(r)) is { } missing)
        {
            return BadArgument(response, $"{verb} needs the argument '{missing}'.");
        }

        var echo = new RequestEcho(verb, given);
        return verb switch
        {
            "Identify" => await IdentifyAsync(response, echo, ct),
            "ListMetadataFormats" => await ListMetadataFormatsAsync(response, echo, ct),
            "ListSets" => await ListSetsAsync(response, echo, ct),
            "GetRecord" => await GetRecordAsync(response, echo, ct),
            _ => await ListAsync(response, echo, ct),
        };
    }

    private static byte[] BadArgument(OaiResponse response, string message) => OaiXml.Error(response, null, "badArgument", message);

    private async Task<byte[]> IdentifyAsync(OaiResponse response, RequestEcho echo, CancellationToken ct)
    {
        var earliest = await PublicLibrary.Documents(db).OrderBy(d => d.UpdatedAt)
            .Select(d => (DateTimeOffset?)d.UpdatedAt).FirstOrDefaultAsync(ct);
        var earliestGone = await Tombstones.OrderBy(t => t.DeletedAt).Select(t => (DateTimeOffset?)t.DeletedAt).FirstOrDefaultAsync(ct);
        if (earliestGone < earliest || earliest is null) earliest = earliestGone;
        // An empty repository still needs a lower bound; any date before the first record will do.
        return OaiXml.Identify(response, echo, settings.AdminEmail, earliest ?? OaiXml.EmptyRepositoryEarliest);
    }

    private async Task<byte[]> ListMetadataFormatsAsync(OaiResponse response, RequestEcho echo, CancellationToken ct)
    {
        if (echo.Arguments.TryGetValue("identifier", out var identifier) && !await ExistsAsync(identifier, ct))
            return OaiXml.Error(response, echo, "idDoesNotExist", $"No record has the identifier '{identifier}'.");
        return OaiXml.MetadataFormats(response, echo);
    }

    private async Task<byte[]> ListSetsAsync(OaiResponse response, RequestEcho echo, CancellationToken ct)
    {
        // Every set fits on one page, so no ListSets token was ever issued.
        if (echo.Arguments.ContainsKey("resumptionToken"))
            return OaiXml.Error(response, echo, "badResumptionToken", "ListSets is never split, so this token was not issued by Polis.");
        return OaiXml.Sets(response, echo, await SetsAsync(ct));
    }

    private async Task<byte[]> GetRecordAsync(OaiResponse response, RequestEcho echo, CancellationToken ct)
    {
        var identifier = echo.Arguments["identifier"];
        // Invisible is absent: a record the public may not read answers exactly like one that does not exist.
        var id = ParseIdentifier(identifier);
        var record = id is { } live ? (await LoadRecordsAsync(PublicLibrary.Documents(db).Where(d => d.Id == live), ct)).SingleOrDefault() : null;
        if (record is null && id is { } gone)
            record = (await DeletedHeaders(Tombstones.Where(t => t.DocumentId == gone), ct)).SingleOrDefault();
        if (record is null)
            return OaiXml.Error(response, echo, "idDoesNotExist", $"No record has the identifier '{identifier}'.");
        if (echo.Arguments["metadataPrefix"] != MetadataPrefix)
            return CannotDisseminate(response, echo);
        var sets = await SetsAsync(ct);
        var names = await reference.NamesAsync(HarvestingEndpoints.English, ct);
        return OaiXml.Record(response, echo, record, sets, names);
    }

    private async Task<byte[]> ListAsync(OaiResponse response, RequestEcho echo, CancellationToken ct)
    {
        var withRecords = echo.Verb == "ListRecords";
        var sets = await SetsAsync(ct);
        HarvestFilter filter;
        ResumptionToken? resumed = null;
        if (echo.Arguments.TryGetValue("resumptionToken", out var text))
        {
            resumed = tokens.Read(text, echo.Verb);
            if (resumed is null)
                return OaiXml.Error(response, echo, "badResumptionToken", "The resumption token is invalid or has expired; start the list again.");
            filter = resumed.Filter;
        }
        else
        {
            if (ReadInterval(echo.Arguments, out var from, out var before) is { } problem)
                return BadArgument(response, problem);
            if (echo.Arguments["metadataPrefix"] != MetadataPrefix)
                return CannotDisseminate(response, echo);
            var set = echo.Arguments.GetValueOrDefault("set");
            if (set is not null && !sets.Any(s => s.Spec == set))
                return BadArgument(response, $"'{set}' is not a set of this repository (see ListSets).");
            filter = new HarvestFilter(echo.Verb, MetadataPrefix, from, before, set);
        }

        var matching = Matching(filter);
        var gone = MatchingTombstones(filter);
        var total = await matching.CountAsync(ct) + await gone.CountAsync(ct);
        if (resumed is not null)
        {
            var (at, id) = (resumed.AfterUpdatedAt, resumed.AfterId);
            matching = matching.Where(d => d.UpdatedAt > at || (d.UpdatedAt == at && d.Id.CompareTo(id) > 0));
            gone = gone.Where(t => t.DeletedAt > at || (t.DeletedAt == at && t.DocumentId.CompareTo(id) > 0));
        }
        // Two lists in the same key order, each cut at a page and one, merged: the page is the first of the union.
        var page = matching.OrderBy(d => d.UpdatedAt).ThenBy(d => d.Id).Take(settings.PageSize + 1);
        var live = withRecords ? await LoadRecordsAsync(page, ct) : await LoadHeadersAsync(page, ct);
        var deleted = await DeletedHeaders(gone.OrderBy(t => t.DeletedAt).ThenBy(t => t.DocumentId).Take(settings.PageSize + 1), ct);
        var items = live.Concat(deleted).OrderBy(i => i.Header.UpdatedAt).ThenBy(i => i.Header.Id).Take(settings.PageSize + 1).ToList();
        if (items.Count == 0)
            return OaiXml.Error(response, echo, "noRecordsMatch", "No public record matches these arguments.");

        var cursor = resumed?.Cursor ?? 0;
        ListEnd? end = null;
        if (items.Count > settings.PageSize)
        {
            items = items[..settings.PageSize];
            var last = items[^1].Header;
            var expires = tokens.NewExpiry();
            var next = new ResumptionToken(filter, last.UpdatedAt, last.Id, cursor + items.Count, expires);
            end = new ListEnd(tokens.Write(next), total, cursor, expires);
        }
        else if (resumed is not null)
        {
            end = new ListEnd("", total, cursor, null);  // 3.5: the last page of a split list has an empty token
        }
        var names = withRecords ? await reference.NamesAsync(HarvestingEndpoints.English, ct) : ReferenceNames.None;
        return OaiXml.List(response, echo, items, sets, names, end);
    }

    private static byte[] CannotDisseminate(OaiResponse response, RequestEcho echo) =>
        OaiXml.Error(response, echo, "cannotDisseminateFormat", $"Polis disseminates only {MetadataPrefix}.");

    private IQueryable<Document> Matching(HarvestFilter filter)
    {
        var query = PublicLibrary.Documents(db);
        if (filter.From is { } from) query = query.Where(d => d.UpdatedAt >= from);
        if (filter.Before is { } before) query = query.Where(d => d.UpdatedAt < before);
        switch (OaiSet.Parse(filter.Set))
        {
            case (OaiSet.TypePrefix, var name):
                if (!Enum.TryParse<DocumentType>(name, ignoreCase: false, out var type) || type.ToString() != name) return query.Where(_ => false);
                query = query.Where(d => d.Type == type);
                break;
            case (OaiSet.PriorityPrefix, var code):
                query = query.Where(d => d.Priorities.Contains(code));
                break;
        }
        return query;
    }

    private IQueryable<OaiTombstone> MatchingTombstones(HarvestFilter filter)
    {
        var query = Tombstones;
        if (filter.From is { } from) query = query.Where(t => t.DeletedAt >= from);
        if (filter.Before is { } before) query = query.Where(t => t.DeletedAt < before);
        switch (OaiSet.Parse(filter.Set))
        {
            case (OaiSet.TypePrefix, var name):
                if (!Enum.TryParse<DocumentType>(name, ignoreCase: false, out var type) || type.ToString() != name) return query.Where(_ => false);
                query = query.Where(t => t.Type == type);
                break;
            case (OaiSet.PriorityPrefix, var code):
                query = query.Where(t => t.Priorities.Contains(code));
                break;
        }
        return query;
    }

    private IQueryable<OaiTombstone> Tombstones => db.Set<OaiTombstone>().AsNoTracking();

    private static async Task<List<OaiItem>> DeletedHeaders(IQueryable<OaiTombstone> tombstones, CancellationToken ct) =>
        [.. (await tombstones.Select(t => new OaiHeader(t.DocumentId, t.DeletedAt, t.Type, t.Priorities, true)).ToListAsync(ct)).Select(h => new OaiItem(h, null))];

    private async Task<bool> ExistsAsync(string identifier, CancellationToken ct) =>
        ParseIdentifier(identifier) is { } id
        && (await PublicLibrary.Documents(db).AnyAsync(d => d.Id == id, ct) || await Tombstones.AnyAsync(t => t.DocumentId == id, ct));

    public static Guid? ParseIdentifier(string identifier) =>
        identifier.StartsWith(IdentifierPrefix, StringComparison.Ordinal)
        && Guid.TryParseExact(identifier.AsSpan(IdentifierPrefix.Length), "D", out var id) ? id : null;

    /// <summary>The sets: one per document type, one per thematic priority of the reference data.</summary>
    private async Task<IReadOnlyList<OaiSet>> SetsAsync(CancellationToken ct)
    {
        var types = Enum.GetValues<DocumentType>().Select(t => new OaiSet(OaiSet.TypePrefix + ":" + t,
            "Document type: " + (Text.ResourceManager.GetString("Type_" + t, HarvestingEndpoints.English) ?? t.ToString())));
        var priorities = (await reference.ThematicPrioritiesAsync(HarvestingEndpoints.English, ct))
            .Select(p => new OaiSet(OaiSet.PriorityPrefix + ":" + p.Code, "Thematic priority: " + p.Name));
        return [.. types, .. priorities];
    }

    private static async Task<List<OaiItem>> LoadHeadersAsync(IQueryable<Document> page, CancellationToken ct) =>
        [.. (await page.Select(d => new OaiHeader(d.Id, d.UpdatedAt, d.Type, d.Priorities)).ToListAsync(ct)).Select(h => new OaiItem(h, null))];

    private async Task<List<OaiItem>> LoadRecordsAsync(IQueryable<Document> page, CancellationToken ct)
    {
        var rows = await page.Select(d => new
        {
            Header = new OaiHeader(d.Id, d.UpdatedAt, d.Type, d.Priorities),
            d.Title,
            d.Symbol,
            d.IssuingBody,
            d.PublishedOn,
            d.Countries,
            d.Keywords,
            d.Summary,
            Editions = d.Editions.OrderBy(e => e.CreatedAt).Select(e => new { e.Language, e.Title }).ToList(),
        }).AsSplitQuery().ToListAsync(ct);
        var ids = rows.Select(r => r.Header.Id).ToList();
        var citations = (await db.Set<Citation>().AsNoTracking().Where(c => ids.Contains(c.DocumentId))
                .Select(c => new { c.DocumentId, c.Symbol }).ToListAsync(ct))
            .ToLookup(c => c.DocumentId, c => c.Symbol);
        return [.. rows.Select(r => new OaiItem(r.Header, new OaiMetadata(r.Title, r.Symbol, r.IssuingBody, r.PublishedOn, r.Countries, r.Keywords, r.Summary,
            [.. r.Editions.Select(e => (e.Language, e.Title))], [.. citations[r.Header.Id].Order(StringComparer.Ordinal)])))];
    }

    /// <summary>Reads from/until (3.3.1): both day or both second granularity, from not after until.</summary>
    private static string? ReadInterval(IReadOnlyDictionary<string, string> arguments, out DateTimeOffset? from, out DateTimeOffset? before)
    {
        from = before = null;
        bool? fromDays = null, untilDays = null;
        if (arguments.TryGetValue("from", out var f))
        {
            if (!TryParseDatestamp(f, out var start, out var days)) return $"'{f}' is not a date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ).";
            from = start;
            fromDays = days;
        }
        if (arguments.TryGetValue("until", out var u))
        {
            if (!TryParseDatestamp(u, out var end, out var days)) return $"'{u}' is not a date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ).";
            untilDays = days;
            if (from > end) return "from is later than until.";
            // until is inclusive at its granularity: until=2026-11-23 includes the whole day.
            var step = days ? TimeSpan.FromDays(1) : TimeSpan.FromSeconds(1);
            before = end < DateTimeOffset.MaxValue - step ? end + step : null;
        }
        if (fromDays is { } a && untilDays is { } b && a != b) return "from and until must have the same granularity.";
        return null;
    }

    private static bool TryParseDatestamp(string text, out DateTimeOffset value, out bool days)
    {
        days = text.Length == 10;
        var format = days ? "yyyy-MM-dd" : "yyyy-MM-dd'T'HH:mm:ss'Z'";
        var parsed = DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc);
        value = parsed ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : default;
        return parsed;
    }
}

internal sealed record OaiResponse(string BaseUrl, string SiteUrl, DateTimeOffset Now);

/// <summary>The verb and arguments of a well-formed request, repeated in the response's request element.</summary>
internal sealed record RequestEcho(string Verb, IReadOnlyDictionary<string, string> Arguments);

internal sealed record OaiSet(string Spec, string Name)
{
    public const string TypePrefix = "type";
    public const string PriorityPrefix = "priority";

    /// <summary>"type:Guidebook" → ("type", "Guidebook"); no set → ("", "").</summary>
    public static (string Kind, string Value) Parse(string? spec)
    {
        var colon = spec?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 ? (spec![..colon], spec[(colon + 1)..]) : ("", "");
    }
}

/// <summary>A record's header; <paramref name="Deleted"/> for a record harvesters may no longer read (status="deleted").</summary>
internal sealed record OaiHeader(Guid Id, DateTimeOffset UpdatedAt, DocumentType Type, List<string> Priorities, bool Deleted = false);

internal sealed record OaiMetadata(string Title, string? Symbol, string? IssuingBody, DateOnly? PublishedOn, List<string> Countries,
    List<string> Keywords, string? Summary, IReadOnlyList<(string Language, string Title)> Editions, IReadOnlyList<string> Cites);

internal sealed record OaiItem(OaiHeader Header, OaiMetadata? Metadata);

/// <summary>The resumptionToken element of a split list: the token (empty on the last page) and where the page sits.</summary>
internal sealed record ListEnd(string Token, int CompleteListSize, int Cursor, DateTimeOffset? Expires);
