namespace Polis.Accounts.Contracts;

/// <summary>Who may read a content record. Every module's records carry one.</summary>
public enum AccessLevel
{
    /// <summary>Anyone, signed in or not; also harvested over OAI-PMH and listed in feeds.</summary>
    Public = 0,
    /// <summary>Any signed-in user.</summary>
    Registered = 1,
    /// <summary>Vetted practitioners: every role except a bare registered account.</summary>
    Members = 2,
    /// <summary>Only the organisations and states named on the record (and administrators).</summary>
    Restricted = 3,
}
