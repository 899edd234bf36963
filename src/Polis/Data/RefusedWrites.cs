using Polis.Accounts.Contracts;

namespace Polis.Data;

/// <summary>
/// Records a write that the write rule refused: one <see cref="AuditEntry"/> with the action "Refused", and
/// nothing else (whatever the unit of work had pending is dropped first, so a refused write writes nothing).
/// </summary>
public sealed class RefusedWrites(PolisDb db, CurrentActor actor, TimeProvider clock)
{
    public const string Action = "Refused";

    public async Task RecordAsync(Viewer by, string entity, string recordId, WriteAction attempted, string reason, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var who = by.IsSignedIn ? by : actor.Viewer;
        db.Set<AuditEntry>().Add(AuditEntry.Of(clock.GetUtcNow(), who.UserId, who.Name ?? "anonymous", Action, entity, recordId, $"{attempted}: {reason}"));
        await db.SaveChangesAsync(ct);
    }
}
