namespace Polis.Accounts.Contracts;

/// <summary>Where a content record is in its life: only <see cref="Published"/> records are read by their access level.</summary>
public enum PublicationState
{
    /// <summary>Being prepared: visible only to those who may write it (its owner's editors, coordinators who may read it, administrators).</summary>
    Draft = 0,
    /// <summary>Visible at its access level.</summary>
    Published = 1,
    /// <summary>Taken back from readers with a reason; kept with its history, visible again only to those who may write it.</summary>
    Withdrawn = 2,
}

/// <summary>
/// A content record with a life cycle (draft, published, withdrawn). The access rule reads it only when it is
/// <see cref="PublicationState.Published"/>; otherwise only its writers see it (<see cref="AccessRule"/>).
/// Map <see cref="State"/> as a column.
/// </summary>
public interface IPublishable : IOwned
{
    PublicationState State { get; }
}
