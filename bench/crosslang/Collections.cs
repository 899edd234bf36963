using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Polis.Ingest;

namespace Polis.CrossLang;

// One language edition of one page (or document). Name is the same in every language, so it is both the index Id
// and what makes the query's page and the relevant document the same page.
internal sealed record Page(string Name, string Language, string Title, string? Description, IReadOnlyList<string> Paragraphs)
{
    public string Body => string.Join("\n\n", Paragraphs);
}

// A multilingual collection: for each language, its editions by page name.
internal sealed record Collection(string Name, IReadOnlyDictionary<string, IReadOnlyDictionary<string, Page>> Editions)
{
    public IReadOnlyDictionary<string, Page> In(string language) =>
        Editions.TryGetValue(language, out var pages) ? pages : new Dictionary<string, Page>(StringComparer.Ordinal);
}

internal static partial class Text
{
    public static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}

// GNOME Help as Debian's gnome-user-docs installs it: Mallard pages in <root>/C/gnome-help (English, the source) and
// <root>/<lang>/gnome-help (translations made with itstool, so a page keeps its file name and block structure).
internal static class GnomeHelp
{
    private static readonly XNamespace Mallard = "http://projectmallard.org/1.0/";

    // Subtrees that are not the page's text: metadata, editorial comments, and the page's own links section.
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "info", "credit", "comment", "links" };

    public static Collection Load(string root, IReadOnlyList<string> languages)
    {
        var editions = new Dictionary<string, IReadOnlyDictionary<string, Page>>(StringComparer.Ordinal);
        foreach (var language in languages)
        {
            var folder = Path.Combine(root, language == "en" ? "C" : language, "gnome-help");
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"{folder} is missing: install Debian's gnome-user-docs (apt-get install gnome-user-docs).");
            }
            var pages = new Dictionary<string, Page>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(folder, "*.page").Order(StringComparer.Ordinal))
            {
                if (Parse(file, language) is { } page)
                {
                    pages[page.Name] = page;
                }
            }
            editions[language] = pages;
        }
        return new Collection("gnome-help", editions);
    }

    // Title: the page's first <title> outside <info>. Text: every <p> and every section, list-term and table title
    // outside <info>, <credit>, <comment> and <links>, in document order; blocks whose only words are inside <link>
    // elements (navigation) are left out. <desc> in <info> becomes the summary.
    public static Page? Parse(string file, string language)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        XDocument document;
        using (var reader = XmlReader.Create(file, settings))
        {
            document = XDocument.Load(reader);
        }
        var root = document.Root;
        if (root is null || root.Name != Mallard + "page")
        {
            return null;
        }
        var title = root.Elements(Mallard + "title").FirstOrDefault() is { } t ? BlockText(t).Text : "";
        if (title.Length == 0)
        {
            return null;
        }
        var description = root.Element(Mallard + "info")?.Element(Mallard + "desc") is { } d ? BlockText(d).Text : null;
        var paragraphs = new List<string>();
        Collect(root, paragraphs, isPage: true);
        return new Page(Path.GetFileNameWithoutExtension(file), language, title,
            string.IsNullOrEmpty(description) ? null : description, paragraphs);
    }

    private static void Collect(XElement element, List<string> paragraphs, bool isPage)
    {
        var pageTitleSeen = !isPage;
        foreach (var child in element.Elements())
        {
            if (child.Name.Namespace != Mallard)
            {
                Collect(child, paragraphs, isPage: false);   // if:choose/if:when hold Mallard blocks; TTML and ITS none
                continue;
            }
            var name = child.Name.LocalName;
            if (Skipped.Contains(name))
            {
                continue;
            }
            if (name is "p" or "title")
            {
                if (name == "title" && !pageTitleSeen)
                {
                    pageTitleSeen = true;   // the page title is the query, not body text
                    continue;
                }
                var (text, outsideLinks) = BlockText(child);
                if (outsideLinks && text.Length > 0)
                {
                    paragraphs.Add(text);
                }
                continue;
            }
            Collect(child, paragraphs, isPage: false);
        }
    }

    // The block's text with inline markup flattened, and whether any letter stands outside a <link>.
    private static (string Text, bool OutsideLinks) BlockText(XElement block)
    {
        var all = new StringBuilder();
        var outside = false;
        Append(block, all, inLink: false, ref outside);
        return (Text.Normalize(all.ToString()), outside);
    }

    private static void Append(XElement element, StringBuilder all, bool inLink, ref bool outside)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText text:
                    all.Append(text.Value);
                    if (!inLink && text.Value.Any(char.IsLetter))
                    {
                        outside = true;
                    }
                    break;
                case XElement child when child.Name.LocalName is not "comment":
                    Append(child, all, inLink || child.Name.LocalName == "link", ref outside);
                    if (child.Name.LocalName is "key" && element.Name.LocalName is "keyseq")
                    {
                        all.Append(' ');   // <keyseq><key>Ctrl</key><key>S</key></keyseq> reads "Ctrl S", not "CtrlS"
                    }
                    break;
            }
        }
    }
}

// The demo library (demo/library/metadata.json and its files): records that share "document" are editions of one
// document. Texts are extracted with Polis.Ingest as the library module does; the summary is the sidecar's.
internal static class PolicingLibrary
{
    public static Collection Load(string folder)
    {
        var metadataFile = Path.Combine(folder, "metadata.json");
        using var metadata = JsonDocument.Parse(File.ReadAllBytes(metadataFile));
        var extractor = new TextExtractor();
        var editions = new Dictionary<string, Dictionary<string, Page>>(StringComparer.Ordinal);
        foreach (var entry in metadata.RootElement.EnumerateArray())
        {
            var file = entry.GetProperty("file").GetString()!;
            var language = entry.GetProperty("language").GetString()!;
            var name = entry.TryGetProperty("document", out var document) ? document.GetString()! : Path.GetFileNameWithoutExtension(file);
            var title = entry.GetProperty("title").GetString()!;
            var summary = entry.TryGetProperty("summary", out var s) ? s.GetString() : null;
            ExtractedFile extracted;
            using (var stream = File.OpenRead(Path.Combine(folder, file)))
            {
                extracted = extractor.Extract(stream, file);
            }
            var paragraphs = extracted.Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(Text.Normalize)
                .Where(p => p.Length > 0 && !string.Equals(p, title, StringComparison.Ordinal))
                .ToList();
            if (!editions.TryGetValue(language, out var pages))
            {
                editions[language] = pages = new Dictionary<string, Page>(StringComparer.Ordinal);
            }
            pages[name] = new Page(name, language, title, summary, paragraphs);
        }
        return new Collection("policing", editions.ToDictionary(
            e => e.Key, e => (IReadOnlyDictionary<string, Page>)e.Value, StringComparer.Ordinal));
    }
}

// LibreOffice Help as Debian's libreoffice-help-<lang> packages ship it (fetch-collections.sh downloads and unpacks
// them): one HTML page per help topic in <root>/<lang>/text/..., the same relative path in every language (en-US for
// English). Title: the page's <title>. Text: every <p>, heading and table cell paragraph inside the display area, in
// document order, without markup; the first <h1> is the title again and is left out.
internal static partial class LibreOfficeHelp
{
    public const string Name = "libreoffice-help";

    public static Collection Load(string root, IReadOnlyList<string> languages)
    {
        var editions = new Dictionary<string, IReadOnlyDictionary<string, Page>>(StringComparer.Ordinal);
        foreach (var language in languages)
        {
            var folder = Path.Combine(root, language == "en" ? "en-US" : language);
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"{folder} is missing: run bench/crosslang/fetch-collections.sh.");
            }
            var pages = new Dictionary<string, Page>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(Path.Combine(folder, "text"), "*.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var name = Path.GetRelativePath(folder, file).Replace('\\', '/');
                if (Parse(File.ReadAllText(file), name, language) is { } page)
                {
                    pages[name] = page;
                }
            }
            editions[language] = pages;
        }
        return new Collection(Name, editions);
    }

    public static Page? Parse(string html, string name, string language)
    {
        var title = TitleElement().Match(html) is { Success: true } t ? Clean(t.Groups[1].Value) : "";
        if (title.Length == 0)
        {
            return null;
        }
        var start = html.IndexOf("id=\"DisplayArea\"", StringComparison.Ordinal);
        var end = html.IndexOf("<footer", Math.Max(0, start), StringComparison.Ordinal);
        var area = start < 0 ? "" : html[start..(end < 0 ? html.Length : end)];
        var paragraphs = new List<string>();
        var titleSkipped = false;
        foreach (Match block in Block().Matches(area))
        {
            var text = Clean(block.Groups[2].Value);
            if (text.Length == 0 || !text.Any(char.IsLetter))
            {
                continue;
            }
            if (!titleSkipped && block.Groups[1].Value == "h1")
            {
                titleSkipped = true;
                if (string.Equals(text, title, StringComparison.Ordinal))
                {
                    continue;
                }
            }
            paragraphs.Add(text);
        }
        return new Page(name, language, title, null, paragraphs);
    }

    private static string Clean(string fragment) => Text.Normalize(System.Net.WebUtility.HtmlDecode(Tag().Replace(fragment, " ")));

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex TitleElement();

    [GeneratedRegex(@"<(p|h[1-6])\b[^>]*>(.*?)</\1>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Block();

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}

// Debian's manual pages with their manpages-l10n translations, rendered to text by fetch-collections.sh (mandoc):
// <root>/<lang>/<section>/<page>.txt, the same relative name in every language. Title: the NAME line ("ls - list
// directory contents"); its part after the dash is the description (the title query). Text: the paragraphs of every
// other section (section headings left out), without the translators' credits section that only translations have.
internal static class ManPages
{
    public const string Name = "manpages";

    private static readonly HashSet<string> TranslatorSections = new(StringComparer.Ordinal)
    {
        "ÜBERSETZUNG", "TRADUCTION", "ПЕРЕВОД", "TRADUCCIÓN", "TRANSLATION",
    };

    public static Collection Load(string root, IReadOnlyList<string> languages)
    {
        var editions = new Dictionary<string, IReadOnlyDictionary<string, Page>>(StringComparer.Ordinal);
        foreach (var language in languages)
        {
            var folder = Path.Combine(root, language);
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"{folder} is missing: run bench/crosslang/fetch-collections.sh.");
            }
            var pages = new Dictionary<string, Page>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(folder, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var name = Path.GetRelativePath(folder, file).Replace('\\', '/')[..^4];
                if (Parse(File.ReadAllLines(file), name, language) is { } page)
                {
                    pages[name] = page;
                }
            }
            editions[language] = pages;
        }
        return new Collection(Name, editions);
    }

    // mandoc -Tutf8 output: a header line, section headings at column 0, indented text, paragraphs separated by blank
    // lines, a footer line.
    public static Page? Parse(IReadOnlyList<string> lines, string name, string language)
    {
        var sections = new List<(string Heading, List<string> Paragraphs)>();
        var current = new StringBuilder();
        var last = lines.Count - 1;
        while (last > 0 && lines[last].Trim().Length == 0)
        {
            last--;
        }
        for (var i = 1; i < last; i++)   // the first line is the header, the last the footer
        {
            var line = lines[i];
            if (line.Trim().Length == 0)
            {
                Flush();
                continue;
            }
            if (!char.IsWhiteSpace(line[0]))
            {
                Flush();
                sections.Add((line.Trim(), []));
                continue;
            }
            current.Append(' ').Append(line.Trim());
        }
        Flush();
        if (sections.Count == 0 || sections[0].Paragraphs.Count == 0)
        {
            return null;
        }
        var title = sections[0].Paragraphs[0];
        var dash = title.IndexOf(" - ", StringComparison.Ordinal);
        var description = dash < 0 ? null : title[(dash + 3)..].Trim();
        var paragraphs = sections.Skip(1).Where(s => !TranslatorSections.Contains(s.Heading)).SelectMany(s => s.Paragraphs).ToList();
        return new Page(name, language, title, string.IsNullOrEmpty(description) ? null : description, paragraphs);

        void Flush()
        {
            var text = Text.Normalize(current.ToString());
            current.Clear();
            if (text.Length > 0 && sections.Count > 0)
            {
                sections[^1].Paragraphs.Add(text);
            }
        }
    }
}
