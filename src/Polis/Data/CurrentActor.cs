using Polis.Accounts.Contracts;

namespace Polis.Data;

/// <summary>The viewer on whose behalf the current unit of work writes (scoped; the CLI leaves it as System).</summary>
public sealed class CurrentActor
{
    public Viewer Viewer { get; set; } = Viewer.System;
}
