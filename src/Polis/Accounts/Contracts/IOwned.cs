namespace Polis.Accounts.Contracts;

/// <summary>
/// A content record that the write rule governs: it has an owning executive structure (set from the creator's
/// scope; not descriptive metadata such as a document's issuing body) and, for records about one participating
/// State (a country profile, a request), that State. Map <see cref="OwnerCode"/> as a required column.
/// </summary>
public interface IOwned : IRestricted
{
    /// <summary>Code of the executive structure that owns the record (e.g. <c>SPMU</c>, <c>MSRB</c>).</summary>
    string OwnerCode { get; }

    /// <summary>The participating State (ISO 3166-1 alpha-2) the record belongs to, or null; focal points write these.</summary>
    string? SubjectStateCode => null;
}
