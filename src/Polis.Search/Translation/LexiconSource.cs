namespace Polis.Search;

/// <summary>What the search knows about its dictionary lexicon, for the administration page.</summary>
/// <param name="Path">Where the lexicon file is expected.</param>
/// <param name="State">Loaded, not loaded yet, missing, or unusable.</param>
/// <param name="Problem">Why it is not used (missing or corrupt), in words for an administrator; null when loaded.</param>
/// <param name="Info">What the loaded lexicon holds; null unless loaded.</param>
public sealed record LexiconStatus(string Path, LexiconState State, string? Problem, LexiconInfo? Info);

/// <summary>The states of <see cref="LexiconSource"/>.</summary>
public enum LexiconState
{
    /// <summary>Not asked for yet (it loads on the first translated query or when preloaded).</summary>
    NotLoaded,

    /// <summary>In use.</summary>
    Loaded,

    /// <summary>No file: run <c>polis lexicon build</c>. Searches translate with the glossary only.</summary>
    Missing,

    /// <summary>The file cannot be used (corrupt, truncated, another version). Searches translate with the glossary only.</summary>
    Unusable,
}

/// <summary>
/// The dictionary lexicon of one data folder, loaded once on first use (or by <see cref="Preload"/> in the background
/// at start) so start-up stays fast. Search works without it: a missing or unusable file only leaves translation to
/// the glossary, and <see cref="Status"/> says why. When the file is replaced (<c>polis lexicon build</c> while the
/// server runs), the next translated query after <see cref="RecheckInterval"/> picks up the new one.
/// </summary>
public sealed class LexiconSource
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private readonly TimeProvider clock;
    private Loaded? loaded;
    private long nextCheck;

    public LexiconSource(string path, TimeProvider? clock = null)
    {
        Path = path;
        this.clock = clock ?? TimeProvider.System;
    }

    /// <summary>A source that never has a lexicon (tests, the benchmark, glossary-only search).</summary>
    public static LexiconSource None { get; } = new("");

    public string Path { get; }

    /// <summary>The lexicon, or null when there is none (the reason is in <see cref="Status"/>).</summary>
    public Lexicon? Lexicon => Current().Lexicon;

    public LexiconStatus Status
    {
        get
        {
            var current = Volatile.Read(ref loaded);
            if (current is null)
            {
                return new LexiconStatus(Path, LexiconState.NotLoaded, null, null);
            }
            return current.Lexicon is { } lexicon
                ? new LexiconStatus(Path, LexiconState.Loaded, null, lexicon.Info)
                : new LexiconStatus(Path, current.Missing ? LexiconState.Missing : LexiconState.Unusable, current.Problem, null);
        }
    }

    /// <summary>Loads the lexicon now (call it from a background task at start).</summary>
    public LexiconStatus Preload()
    {
        _ = Current();
        return Status;
    }

    /// <summary>Reads the file again now (after a build in this process), without waiting for the recheck interval.</summary>
    public LexiconStatus Reload()
    {
        Volatile.Write(ref nextCheck, long.MinValue);
        return Preload();
    }

    private Loaded Current()
    {
        var current = Volatile.Read(ref loaded);
        var now = clock.GetTimestamp();
        if (current is not null && now < Volatile.Read(ref nextCheck))
        {
            return current;
        }
        lock (gate)
        {
            current = loaded;
            if (current is not null && now < nextCheck)
            {
                return current;
            }
            var stamp = Stamp();
            if (current is null || current.Stamp != stamp)
            {
                current = Load(stamp);
                Volatile.Write(ref loaded, current);
            }
            Volatile.Write(ref nextCheck, now + (long)(RecheckInterval.TotalSeconds * clock.TimestampFrequency));
            return current;
        }
    }

    private (long Length, DateTime Written) Stamp()
    {
        if (Path.Length == 0)
        {
            return (-1, default);
        }
        var file = new FileInfo(Path);
        return file.Exists ? (file.Length, file.LastWriteTimeUtc) : (-1, default);
    }

    private Loaded Load((long Length, DateTime Written) stamp)
    {
        if (stamp.Length < 0)
        {
            return new Loaded(stamp, null, Missing: true,
                Path.Length == 0 ? "No lexicon is configured." : $"There is no lexicon at {Path}: run `polis lexicon build` to make one from the installed dictionaries.");
        }
        try
        {
            return new Loaded(stamp, Lexicon.Open(Path), Missing: false, null);
        }
        catch (LexiconException e)
        {
            return new Loaded(stamp, null, Missing: false, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Loaded(stamp, null, Missing: false, $"The lexicon at {Path} cannot be read ({e.Message}).");
        }
    }

    private sealed record Loaded((long Length, DateTime Written) Stamp, Lexicon? Lexicon, bool Missing, string? Problem);
}
