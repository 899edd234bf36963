using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Data;
using Polis.Reference.Contracts;

namespace Polis.Library.Harvesting;

/// <summary>
/// The library as an Atom 1.0 feed (RFC 4287): the 50 most recently updated public documents, newest first.
/// Ordered by UpdatedAt, not CreatedAt: atom:updated must say when an entry last changed, and a document that
/// becomes public (its access level changes, which updates it) must reach readers even if it was created long ago.
/// </summary>
internal static class AtomFeed
{
    public const int Size = 50;
    private const string Atom = "http://www.w3.org/2005/Atom";

    private sealed record Entry(Guid Id, string Title, string? Summary, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, List<string> Priorities);

    public static async Task<IResult> AnswerAsync(HttpContext http, PolisDb db, IReferenceDirectory reference, TimeProvider clock, CancellationToken ct)
    {
        // A reader subscribed with the holder's personal access token gets what the holder may read; without a
        // token (a cookie included) the feed is the public one, as it is copied into readers and aggregators.
        var documents = AccessTokens.IsAccessToken(http.User)
            ? db.Set<Document>().AsNoTracking().VisibleTo(Viewer.From(http.User))
            : PublicLibrary.Documents(db);
        var entries = await documents.OrderByDescending(d => d.UpdatedAt).ThenByDescending(d => d.Id).Take(Size)
            .Select(d => new Entry(d.Id, d.Title, d.Summary, d.CreatedAt, d.UpdatedAt, d.Priorities)).ToListAsync(ct);
        var priorities = (await reference.ThematicPrioritiesAsync(HarvestingEndpoints.English, ct)).ToDictionary(p => p.Code, p => p.Name, StringComparer.Ordinal);
        var site = HarvestingEndpoints.SiteUrl(http.Request);
        return Results.Bytes(Write(site, entries, priorities, clock.GetUtcNow()), "application/atom+xml; charset=utf-8");
    }

    private static byte[] Write(string site, List<Entry> entries, Dictionary<string, string> priorities, DateTimeOffset now)
    {
        var self = site + "/library/feed.atom";
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("feed", Atom);
            // The feed's own address is its id: Polis serves one library at one address, and readers key
            // subscriptions on it. Entries use urn:uuid ids, which do not depend on the host at all.
            w.WriteElementString("id", Atom, self);
            w.WriteElementString("title", Atom, "Polis library");
            w.WriteElementString("subtitle", Atom, "New and updated public documents");
            // An empty feed changed, as far as anyone can tell, now.
            w.WriteElementString("updated", Atom, HarvestingEndpoints.Utc(entries.Count > 0 ? entries.Max(e => e.UpdatedAt) : now));
            Link(w, "self", "application/atom+xml", self);
            Link(w, "alternate", "text/html", site + "/library");
            w.WriteStartElement("author", Atom);
            w.WriteElementString("name", Atom, "Polis library");
            w.WriteElementString("uri", Atom, site + "/library");
            w.WriteEndElement();
            w.WriteStartElement("generator", Atom);
            w.WriteAttributeString("uri", site + "/");
            w.WriteString("Polis");
            w.WriteEndElement();
            foreach (var e in entries)
            {
                w.WriteStartElement("entry", Atom);
                w.WriteElementString("id", Atom, "urn:uuid:" + e.Id.ToString("D"));
                w.WriteElementString("title", Atom, OaiXml.Clean(e.Title));
                w.WriteElementString("updated", Atom, HarvestingEndpoints.Utc(e.UpdatedAt));
                w.WriteElementString("published", Atom, HarvestingEndpoints.Utc(e.CreatedAt));
                Link(w, "alternate", "text/html", HarvestingEndpoints.DocumentUrl(site, e.Id));
                if (e.Summary is not null) w.WriteElementString("summary", Atom, OaiXml.Clean(e.Summary));
                foreach (var code in e.Priorities)
                {
                    w.WriteStartElement("category", Atom);
                    w.WriteAttributeString("term", code);
                    w.WriteAttributeString("scheme", site + "/api/v1/reference/thematic-priorities");
                    if (priorities.TryGetValue(code, out var name)) w.WriteAttributeString("label", name);
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    private static void Link(XmlWriter w, string rel, string type, string href)
    {
        w.WriteStartElement("link", Atom);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("type", type);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }
}
