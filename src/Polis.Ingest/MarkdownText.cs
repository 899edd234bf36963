using System.Text;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Polis.Ingest;

internal static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseEmphasisExtras()
        .Build();

    public static ExtractedFile Extract(ReadOnlySpan<byte> bytes, IngestLimits limits)
    {
        var document = Markdown.Parse(TextDecoding.Decode(bytes), Pipeline);
        var text = new StringBuilder();
        string? title = null;
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (text.Length > 2L * limits.MaxTextChars) break;
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
        var normalised = TextNormalisation.Normalise(text.ToString(), limits.MaxTextChars);
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
}
