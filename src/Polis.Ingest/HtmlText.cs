using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Polis.Ingest;

internal static class HtmlText
{
    // Only the parser is used: no browsing context, no script engine, no resource loading, so nothing on the
    // page runs or is fetched. Scripting off makes <noscript> parse as markup, which is then dropped like the rest.
    private static readonly HtmlParserOptions Options = new() { IsScripting = false };

    private static readonly HashSet<string> Invisible = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "head", "iframe", "object", "embed", "svg", "math", "canvas",
        "select",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "caption", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tr", "ul",
    };

    public static ExtractedFile Extract(ReadOnlyMemory<byte> bytes, string name, IngestLimits limits, CancellationToken cancellationToken)
    {
        // The tree builder checks the whole stack of open elements at many tags, so a page nested 100,000 deep
        // costs it minutes; a linear scan refuses such a page before it is parsed.
        if (HtmlNesting.Deepest(bytes.Span, limits.MaxNestingDepth, cancellationToken) > limits.MaxNestingDepth)
            throw IngestException.TooDeep(name, limits.MaxNestingDepth);
        // Parsing from bytes lets the parser honour a BOM or <meta charset> (e.g. windows-1251) as a browser would.
        // The asynchronous parse is the one that stops when the token is cancelled; from memory it never waits.
        using var stream = Buffers.AsStream(bytes);
        using var document = new HtmlParser(Options).ParseDocumentAsync(stream, cancellationToken).GetAwaiter().GetResult();
        cancellationToken.ThrowIfCancellationRequested();
        var root = (INode?)document.Body ?? document.DocumentElement;
        var text = TextNormalisation.Normalise(VisibleText(root, limits, cancellationToken), limits.MaxTextChars, cancellationToken);
        var hasText = TextNormalisation.HasLetters(text);
        return new ExtractedFile(
            FileKind.Html, "text/html", hasText ? text : "",
            TextNormalisation.Line(document.Title),
            TextNormalisation.Line(Meta(document, "author")),
            TextNormalisation.Line(document.DocumentElement?.GetAttribute("lang")),
            Created(document), null, hasText);
    }

    // Walks with an explicit stack: a hostile page can nest elements deeper than the call stack allows.
    private static string VisibleText(INode? root, IngestLimits limits, CancellationToken cancellationToken)
    {
        var nodes = 0;
        var text = new StringBuilder();
        if (root is null) return "";
        var pending = new Stack<(INode Node, bool Closing)>();
        pending.Push((root, false));
        while (pending.Count > 0 && text.Length <= 2L * limits.MaxTextChars)
        {
            var (node, closing) = pending.Pop();
            if (++nodes % 4096 == 0) cancellationToken.ThrowIfCancellationRequested();
            if (node is IText textNode)
            {
                text.Append(textNode.Data);
                continue;
            }
            if (node is not IElement element) continue;
            var tag = element.LocalName;
            if (closing)
            {
                text.Append(Blocks.Contains(tag) ? "\n\n" : " ");
                continue;
            }
            if (Invisible.Contains(tag) || element.HasAttribute("hidden")) continue;
            if (tag.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                text.Append('\n');
                continue;
            }
            if (Blocks.Contains(tag)) text.Append("\n\n");
            if (Blocks.Contains(tag) || tag is "td" or "th") pending.Push((node, true));
            for (var child = node.LastChild; child is not null; child = child.PreviousSibling)
                pending.Push((child, false));
        }
        return text.ToString();
    }

    private static string? Meta(IDocument document, string name) =>
        document.QuerySelectorAll("meta[name][content]")
            .FirstOrDefault(m => string.Equals(m.GetAttribute("name"), name, StringComparison.OrdinalIgnoreCase))
            ?.GetAttribute("content");

    private static DateTimeOffset? Created(IDocument document) =>
        (Meta(document, "dcterms.created") ?? Meta(document, "date")) is { } value
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
            ? created
            : null;
}
