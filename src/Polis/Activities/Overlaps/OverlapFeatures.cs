using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Polis.Data;
using Polis.Search;

namespace Polis.Activities.Overlaps;

/// <summary>
/// An activity's analysed content as the overlap scorer compares it (its <see cref="FeatureVector"/>), stored once at
/// save in the side table <c>act_overlap_features</c> so that a check reads its candidates' features instead of
/// analysing their texts again. <see cref="Version"/> names the analysis that made it (the scorer's feature algorithm,
/// the glossary, the lexicon: <see cref="OverlapFeatureAnalyzer.Version"/>); a row of another version is stale and is
/// analysed afresh when read, and rewritten by <c>polis activities features</c>. It has no access level of its own:
/// it is read only joined to the access-filtered activities (<see cref="OverlapFeatureRows"/>).
/// </summary>
public sealed class ActivityOverlapFeatures
{
    private ActivityOverlapFeatures() { }

    /// <summary>The activity (primary key; deleted with it).</summary>
    public Guid ActivityId { get; private set; }

    /// <summary>The analysis that made <see cref="Vector"/> (<see cref="OverlapFeatureAnalyzer.Version"/>).</summary>
    public int Version { get; private set; }

    /// <summary>The language the text was analysed as (two letters).</summary>
    public string Language { get; private set; } = "";

    /// <summary>The features: <see cref="FeatureVector.ToBytes"/>.</summary>
    public byte[] Vector { get; private set; } = [];

    internal static ActivityOverlapFeatures Of(Guid activity, AnalysedFeatures features) =>
        new() { ActivityId = activity, Version = features.Version, Language = features.Vector.Language, Vector = features.Vector.ToBytes() };

    /// <summary>Version 0: analysed afresh when read, rewritten by the rebuild.</summary>
    internal void MarkStale() => Version = 0;

    internal void Set(AnalysedFeatures features)
    {
        Version = features.Version;
        Language = features.Vector.Language;
        Vector = features.Vector.ToBytes();
    }
}

/// <summary>A feature vector and the analysis version that made it.</summary>
internal readonly record struct AnalysedFeatures(int Version, FeatureVector Vector);

/// <summary>
/// A <see cref="ConceptBag"/> in the compact form that is stored and compared: each feature name as a 32-bit hash
/// (FNV-1a of its characters; features of one text that collide are summed), sorted, with its weight as a float.
/// Cosine similarity is a merge of the two sorted key lists. Language-neutral except for the recorded language.
/// </summary>
internal sealed class FeatureVector
{
    private readonly int[] keys;
    private readonly float[] weights;

    private FeatureVector(string language, int[] keys, float[] weights)
    {
        Language = language;
        this.keys = keys;
        this.weights = weights;
        var sum = 0.0;
        foreach (var w in weights)
        {
            sum += (double)w * w;
        }
        Norm = Math.Sqrt(sum);
    }

    /// <summary>The language the text was analysed as.</summary>
    public string Language { get; }

    /// <summary>The number of features.</summary>
    public int Count => keys.Length;

    /// <summary>The Euclidean length of the weights.</summary>
    public double Norm { get; }

    /// <summary>The bag's features, hashed and sorted.</summary>
    public static FeatureVector Of(ConceptBag bag)
    {
        ArgumentNullException.ThrowIfNull(bag);
        var merged = new SortedDictionary<int, double>();
        foreach (var (feature, weight) in bag.Weights)
        {
            var key = Hash(feature);
            merged[key] = merged.GetValueOrDefault(key) + weight;
        }
        return new FeatureVector(bag.Language, [.. merged.Keys], [.. merged.Values.Select(v => (float)v)]);
    }

    /// <summary>Reads what <see cref="ToBytes"/> wrote; null when the bytes are not a vector (then it is analysed afresh).</summary>
    public static FeatureVector? Read(string language, byte[] bytes)
    {
        if (bytes.Length < 4) return null;
        var n = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (n < 0 || bytes.Length != 4 + (8L * n)) return null;
        var keys = new int[n];
        var weights = new float[n];
        for (var i = 0; i < n; i++)
        {
            keys[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4 + (4 * i)));
            weights[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(4 + (4 * n) + (4 * i)));
            if (i > 0 && keys[i] <= keys[i - 1]) return null;
        }
        return new FeatureVector(language, keys, weights);
    }

    /// <summary>The count, the sorted keys, then the weights; little-endian.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[4 + (8 * keys.Length)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 + (4 * i)), keys[i]);
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 + (4 * keys.Length) + (4 * i)), weights[i]);
        }
        return bytes;
    }

    /// <summary>Cosine similarity in [0, 1]; 0 when either has no feature.</summary>
    public double Cosine(FeatureVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Norm == 0 || other.Norm == 0) return 0;
        double dot = 0;
        int i = 0, j = 0;
        var (a, b) = (keys, other.keys);
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                dot += (double)weights[i++] * other.weights[j++];
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return Math.Clamp(dot / (Norm * other.Norm), 0, 1);
    }

    /// <summary>Same language, same keys, same weights (what a stored vector and a fresh analysis must share).</summary>
    public bool SameAs(FeatureVector other) =>
        Language == other.Language && keys.AsSpan().SequenceEqual(other.keys) && weights.AsSpan().SequenceEqual(other.weights);

    // FNV-1a over the UTF-16 code units: stable across processes and platforms (string.GetHashCode is not).
    internal static int Hash(string feature)
    {
        var h = 2166136261u;
        foreach (var c in feature)
        {
            h = (h ^ (c & 0xFFu)) * 16777619u;
            h = (h ^ (uint)(c >> 8)) * 16777619u;
        }
        return unchecked((int)h);
    }
}

/// <summary>
/// Analyses activities into <see cref="FeatureVector"/>s with the search's machinery (<see cref="ContentConcepts"/>:
/// language analyzers, glossary, lexicon) and names the analysis by a <see cref="Version"/>: the feature algorithm
/// (<see cref="Algorithm"/>, raised by hand when <see cref="ContentConcepts"/> or <see cref="FeatureVector"/> change what
/// they make), the embedded glossary's SHA-256 and the loaded lexicon's (or none). Singleton; thread-safe.
/// </summary>
public sealed class OverlapFeatureAnalyzer
{
    /// <summary>Raise when the analysis itself changes (ContentConcepts, FeatureVector, the content taken from an activity).</summary>
    public const int Algorithm = 1;

    private static readonly Lazy<string> GlossarySha = new(() =>
    {
        var assembly = typeof(ContentConcepts).Assembly;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Polis.Search.Glossary.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            sha.AppendData(Encoding.UTF8.GetBytes(name));
            sha.AppendData(copy.ToArray());
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    });

    private readonly LexiconSource lexicon;
    private readonly ContentConcepts concepts;
    private readonly Lock gate = new();
    private (Lexicon? Lexicon, int Version)? last;

    public OverlapFeatureAnalyzer(LexiconSource lexicon)
    {
        this.lexicon = lexicon;
        concepts = new ContentConcepts(lexicon);
    }

    /// <summary>The version of the analysis as it would run now (the lexicon loaded now, or none).</summary>
    public int Version => VersionOf(lexicon.Lexicon);

    /// <summary>The text's features and the version that made them (0, stale, when the lexicon changed meanwhile).</summary>
    internal AnalysedFeatures Analyse(string text, string? language)
    {
        var before = Version;
        var vector = FeatureVector.Of(concepts.Extract(text, language));
        return new AnalysedFeatures(Version == before ? before : 0, vector);
    }

    /// <summary>The activity's features: of its original-language title, description and outcomes.</summary>
    internal AnalysedFeatures Analyse(Activity activity)
    {
        var subject = OverlapCheck.SubjectOf(activity);
        return Analyse(subject.Text, subject.Language);
    }

    /// <summary>
    /// The features of each activity, in their order: analysed on every core from <see cref="ParallelFrom"/> activities
    /// (a save of many, an import, a rebuild), one after the other below it.
    /// </summary>
    internal AnalysedFeatures[] AnalyseAll(IReadOnlyList<Activity> activities, CancellationToken ct)
    {
        var analysed = new AnalysedFeatures[activities.Count];
        if (activities.Count >= ParallelFrom)
            Parallel.For(0, activities.Count, new ParallelOptions { CancellationToken = ct }, i => analysed[i] = Analyse(activities[i]));
        else
            for (var i = 0; i < activities.Count; i++) analysed[i] = Analyse(activities[i]);
        return analysed;
    }

    /// <summary>Below this many activities, analysing them on other threads costs more than it saves.</summary>
    private const int ParallelFrom = 16;

    private int VersionOf(Lexicon? current)
    {
        lock (gate)
        {
            if (last is { } l && ReferenceEquals(l.Lexicon, current)) return l.Version;
        }
        var name = $"overlap-features/{Algorithm}/{FeatureVectorFormat}/glossary:{GlossarySha.Value}/lexicon:{(current is null ? "none" : current.Info.Sha256)}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        // Never 0: 0 marks a row known to be stale.
        var version = BinaryPrimitives.ReadInt32LittleEndian(hash) is var v && v != 0 ? v : 1;
        lock (gate)
        {
            last = (current, version);
        }
        return version;
    }

    private const int FeatureVectorFormat = 1;
}

/// <summary>
/// The only reads of <see cref="ActivityOverlapFeatures"/> under a reader: each joins the features to an activity query
/// that carries the access rule (the query filter of <see cref="Activity"/>), so the features of an activity the reader
/// may not see are never read.
/// </summary>
internal static class OverlapFeatureRows
{
    /// <summary>The stored features of the visible activities among <paramref name="ids"/>, with what the scorer reads of each.</summary>
    public static IQueryable<CandidateRow> Of(PolisDb db, IReadOnlyCollection<Guid> ids) =>
        from a in db.Set<Activity>().AsNoTracking()
        where ids.Contains(a.Id)
        join f in db.Set<ActivityOverlapFeatures>().AsNoTracking() on a.Id equals f.ActivityId into stored
        from f in stored.DefaultIfEmpty()
        select new CandidateRow(a.Id, a.OwnerCode, a.States, a.Priorities, a.Partners, a.StartsOn, a.EndsOn, a.Language, a.Title,
            f == null ? 0 : f.Version, f == null ? null : f.Language, f == null ? null : f.Vector);
}

/// <summary>A candidate as one query returns it: what the scorer reads, and its stored features (null when none).</summary>
internal sealed record CandidateRow(
    Guid Id, string OwnerCode, List<string> States, List<string> Priorities, List<string> Partners, DateOnly StartsOn, DateOnly EndsOn,
    string Language, string Title, int FeatureVersion, string? FeatureLanguage, byte[]? Vector);
