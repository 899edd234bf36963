using Polis.Accounts.Contracts;

namespace Polis.Library.Contracts;

/// <summary>
/// What other modules may ask of the library: the documents an activity, an event or a request links to (its agenda,
/// report, curriculum), as the viewer may see them. A document the viewer may not read is absent from the answer.
/// </summary>
public interface ILibraryCatalogue
{
    /// <summary>Summaries of those of <paramref name="ids"/> that exist and that <paramref name="viewer"/> may read.</summary>
    Task<IReadOnlyList<LibraryDocumentSummary>> FindAsync(IReadOnlyCollection<Guid> ids, Viewer viewer, CancellationToken ct);
}

/// <summary>A library document as another module shows it: a link with its title, symbol, type and date.</summary>
public sealed record LibraryDocumentSummary(Guid Id, string Title, string? Symbol, string Type, DateOnly? PublishedOn, string Link);
