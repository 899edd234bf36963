namespace Polis.Accounts.Contracts;

/// <summary>What a writer does to a content record. Uploading a file to a record is an <see cref="Edit"/>.</summary>
public enum WriteAction
{
    Create,
    Edit,
    Publish,
    Withdraw,
    Delete,
}
