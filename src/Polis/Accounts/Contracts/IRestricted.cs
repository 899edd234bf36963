namespace Polis.Accounts.Contracts;

/// <summary>A content record that the access rule governs. Map <see cref="AllowedParties"/> with OwnsMany.</summary>
public interface IRestricted
{
    /// <summary>The record's access level.</summary>
    AccessLevel Access { get; }

    /// <summary>For Restricted records, the parties allowed to read it.</summary>
    IReadOnlyCollection<AccessGrant> AllowedParties { get; }
}
