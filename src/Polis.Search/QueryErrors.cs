namespace Polis.Search;

/// <summary>The errors a search can answer with (English, for the API's clients); pages say them in the reader's language.</summary>
public static class QueryErrors
{
    /// <summary>The query held no word the analyzers keep (only punctuation, operators or stop words).</summary>
    public const string NoWords = LuceneQueryBuilder.NoWordsError;
}
