using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Polis.Accounts.Contracts;

namespace Polis.Data;

/// <summary>
/// On whose behalf the current unit of work reads and writes. In a request it is the request's user (so the
/// database's access filter and the audit name them); outside a request (the command line, the background indexer)
/// it is <see cref="Viewer.System"/>. Code that must see past the access rule inside a request says so with
/// <see cref="ActAs"/>, which is logged.
/// </summary>
public sealed class CurrentActor(IHttpContextAccessor http, ILogger<CurrentActor> log)
{
    private Viewer? overridden;

    public Viewer Viewer => overridden ?? (http.HttpContext is { } context ? Viewer.From(context.User) : Viewer.System);

    /// <summary>Acts as another viewer for the rest of this scope; the reason goes to the log.</summary>
    public void ActAs(Viewer viewer, string reason)
    {
        if (http.HttpContext is not null)
            log.LogInformation("Acting as {Actor} instead of {User} for {Reason}", viewer.Name ?? "anonymous", Viewer.Name ?? "anonymous", reason);
        overridden = viewer;
    }
}
