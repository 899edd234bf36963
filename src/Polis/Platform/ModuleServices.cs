using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Polis.Data;

namespace Polis.Platform;

/// <summary>What a module gets to register its services: the container, the configuration, the storage, the other modules.</summary>
public sealed class ModuleServices(IServiceCollection services, IConfiguration configuration, PolisStorage storage, ModuleCatalog catalog)
{
    public IServiceCollection Services { get; } = services;
    public IConfiguration Configuration { get; } = configuration;
    public PolisStorage Storage { get; } = storage;
    public ModuleCatalog Catalog { get; } = catalog;

    /// <summary>Health checks (readiness) of the module.</summary>
    public IHealthChecksBuilder HealthChecks => Services.AddHealthChecks();

    /// <summary>
    /// Asks the host to accept uploads of files up to this many megabytes (the request may be 1 MB larger, for the form
    /// around the file); the host takes the largest any module asks for and names it when it refuses a request.
    /// </summary>
    public void AcceptUploadsUpTo(long megabytes) => Catalog.UploadMegabytes = Math.Max(Catalog.UploadMegabytes, megabytes);
}

/// <summary>What a module gets to seed its data.</summary>
public sealed class SeedContext(IServiceProvider services, IConfiguration configuration, bool demo)
{
    private readonly List<string> added = [];

    public IServiceProvider Services { get; } = services;
    public IConfiguration Configuration { get; } = configuration;
    /// <summary>Demo mode: also create demo accounts and demo records.</summary>
    public bool Demo { get; } = demo;

    /// <summary>What the seed added, for the start-up log and `polis seed` ("57 states", "6 demo users").</summary>
    public IReadOnlyList<string> Added => added;

    private readonly List<string> notes = [];

    /// <summary>Lines for the person starting Polis (the demo accounts and their password); printed after the seed.</summary>
    public IReadOnlyList<string> Notes => notes;

    public void Note(string line) => notes.Add(line);

    public void Report(int count, string what)
    {
        if (count > 0) added.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count} {what}"));
    }

    private readonly List<SeededKeys> ensured = [];

    /// <summary>The rows the seeds made sure exist, by key: what the next start checks instead of seeding again (<see cref="SeedCheck"/>).</summary>
    public IReadOnlyList<SeededKeys> Ensured => ensured;

    /// <summary>False once a seed did something no key check can tell is still done: every start then seeds in full.</summary>
    public bool Checkable { get; private set; } = true;

    /// <summary>
    /// Declares rows this seed made sure exist (added when missing, otherwise left alone): a later start skips the seeds
    /// only while every one of them is still in the database. A seed that only adds missing rows declares them all.
    /// </summary>
    public void Ensure(SeededKeys keys) => ensured.Add(keys);

    /// <summary>For a seed that does more than add missing rows it declares (<see cref="Ensure"/>): every start runs it.</summary>
    public void SeedEveryTime() => Checkable = false;
}

/// <summary>Runs a command's work with the application's services (no web server), as the host builds them.</summary>
public sealed class CommandHost(Func<Func<IServiceProvider, IConfiguration, Task<int>>, bool, CancellationToken, Task<int>> run)
{
    /// <summary>Builds the services, runs <paramref name="action"/> in a scope; configuration and database errors become exit codes 2 and 3.</summary>
    public Task<int> RunAsync(Func<IServiceProvider, IConfiguration, Task<int>> action, CancellationToken ct) => run(action, false, ct);

    /// <summary>
    /// As <see cref="RunAsync"/>, for a command that must write nothing (a dry run): the data folder is not created. The
    /// action itself must not migrate, and must not open a SQLite database that does not exist (that creates it).
    /// </summary>
    public Task<int> RunWithoutWritingAsync(Func<IServiceProvider, IConfiguration, Task<int>> action, CancellationToken ct) => run(action, true, ct);
}
