using System.Collections.Concurrent;
using System.Text;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Polis.Ingest;

internal static class MarkdownText
{
    /// <summary>Markdig's own ceiling (and default): its parser and our walk recurse once per level.</summary>
    internal const int DeepestMarkdig = 128;

    private static readonly ConcurrentDictionary<int, MarkdownPipeline> Pipelines = new();

    private static MarkdownPipeline Pipeline(int depth) => Pipelines.GetOrAdd(depth, d =>
    {
        var builder = new MarkdownPipelineBuilder()
            .UseYamlFrontMatter()
            .UsePipeTables()
            .UseEmphasisExtras();
        builder.MaximumNestingDepth = d;
        builder.InlineParsers.Insert(0, new Watchdog());
        return builder.Build();
    });

    public static ExtractedFile Extract(ReadOnlySpan<byte> bytes, string name, IngestLimits limits, CancellationToken cancellationToken)
    {
        var depth = Math.Min(limits.MaxNestingDepth, DeepestMarkdig);
        var context = new MarkdownParserContext();
        context.Properties[typeof(Watchdog)] = cancellationToken;
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(TextDecoding.Decode(bytes), Pipeline(depth), context);
        }
        // Markdig's only refusal is this one ("too deeply nested … depth limit exceeded").
        catch (ArgumentException e) when (e.Message.Contains("nested", StringComparison.OrdinalIgnoreCase))
        {
            throw IngestException.TooDeep(name, depth);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var text = new StringBuilder();
        string? title = null;
        var blocks = 0;
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (text.Length > 2L * limits.MaxTextChars) break;
            if (++blocks % 1024 == 0) cancellationToken.ThrowIfCancellationRequested();
            switch (block)
            {
                // Raw HTML and front matter are markup, not prose; the HTML is never rendered either.
                case HtmlBlock or YamlFrontMatterBlock or LinkReferenceDefinition or ThematicBreakBlock:
                    continue;
                case CodeBlock code:
                    text.Append(code.Lines.ToString());
                    break;
                default:
                    var start = text.Length;
                    if (block.Inline is not null) AppendInlines(block.Inline, text);
                    if (title is null && block is HeadingBlock { Level: 1 })
                        title = TextNormalisation.Line(text.ToString(start, text.Length - start));
                    break;
            }
            text.Append("\n\n");
        }
        var normalised = TextNormalisation.Normalise(text.ToString(), limits.MaxTextChars, cancellationToken);
        var hasText = TextNormalisation.HasLetters(normalised);
        return new ExtractedFile(FileKind.Markdown, "text/markdown", hasText ? normalised : "", title, null, null, null, null, hasText);
    }

    private static void AppendInlines(ContainerInline container, StringBuilder text)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append('\n');
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.AsSpan());
                    break;
                case AutolinkInline link:
                    text.Append(link.Url);
                    break;
                case ContainerInline nested:
                    AppendInlines(nested, text);
                    break;
            }
        }
    }

    // Markdig cannot be cancelled, and some inputs (thousands of unclosed brackets) cost it quadratic time. This
    // parser matches nothing; it is asked first at every character that may open an inline, and stops the parse
    // there once the extraction is cancelled or out of time.
    private sealed class Watchdog : InlineParser
    {
        public Watchdog() => OpeningCharacters = ['[', ']', '*', '_', '`', '<', '!', '\\', '&', '~', '|', '^', '+', '=', '"', '$', ':'];

        public override bool Match(InlineProcessor processor, ref StringSlice slice)
        {
            if (processor.Context?.Properties.TryGetValue(typeof(Watchdog), out var token) == true && token is CancellationToken cancellation)
                cancellation.ThrowIfCancellationRequested();
            return false;
        }
    }
}
