using System.Globalization;
using Polis.Activities.Overlaps;
using Polis.Search;

namespace Polis.Tests.Activities;

/// <summary>
/// Precision and recall of the overlap check on the labelled set (<see cref="OverlapLabelledSet"/>): every pair of
/// records of different structures sharing a State and a priority, scored as a save would score it. The floors are
/// the figures measured when the weights were chosen (docs/activities.md), rounded down, so a change that makes the
/// check worse fails here. Run alone to print the figures:
/// <c>dotnet test --project tests/Polis.Tests -c Release --no-build -- --filter-class "*MeasuringOverlapDetection*" --output Detailed</c>
/// </summary>
public sealed class MeasuringOverlapDetection(ITestOutputHelper output)
{
    public const double PrecisionFloor = 0.90;
    public const double RecallFloor = 0.80;
    public const double CrossLanguageRecallFloor = 0.75;

    [Fact]
    public void The_check_finds_most_near_duplicates_and_few_false_ones()
    {
        var result = Measure(ContentConcepts.GlossaryOnly);
        output.WriteLine(result.Describe("glossary"));
        // The check scores from the stored form of the features (FeatureVector: hashed, float weights); the concept
        // bags' exact weights are what it scored from before they were stored. The stored form must find no less.
        var exact = Measure(ContentConcepts.GlossaryOnly, stored: false);
        output.WriteLine(exact.Describe("glossary, exact concept bags (before the features were stored)"));
        Assert.True(result.Precision >= exact.Precision && result.Recall >= exact.Recall && result.CrossLanguageRecall >= exact.CrossLanguageRecall,
            result.Describe("stored") + " / " + exact.Describe("exact"));
        Assert.True(result.Positives >= 80, $"the set has {result.Positives} labelled overlaps");
        Assert.True(result.Negatives >= 150, $"the set has {result.Negatives} labelled non-overlaps");
        Assert.True(result.Precision >= PrecisionFloor, result.Describe("glossary"));
        Assert.True(result.Recall >= RecallFloor, result.Describe("glossary"));
        Assert.True(result.CrossLanguageRecall >= CrossLanguageRecallFloor, result.Describe("glossary"));
    }

    [Fact]
    public async Task With_the_dictionary_lexicon_the_check_keeps_its_floors()
    {
        var lexicon = new LexiconSource(await Polis.Tests.Fixtures.SharedLexicon.PathAsync());
        Assert.Equal(LexiconState.Loaded, lexicon.Preload().State);

        var result = Measure(new ContentConcepts(lexicon));
        var exact = Measure(new ContentConcepts(lexicon), stored: false);

        output.WriteLine(result.Describe("glossary + lexicon"));
        output.WriteLine(exact.Describe("glossary + lexicon, exact concept bags (before the features were stored)"));
        Assert.True(result.Precision >= exact.Precision && result.Recall >= exact.Recall && result.CrossLanguageRecall >= exact.CrossLanguageRecall,
            result.Describe("stored") + " / " + exact.Describe("exact"));
        Assert.True(result.Precision >= PrecisionFloor, result.Describe("glossary + lexicon"));
        Assert.True(result.Recall >= RecallFloor, result.Describe("glossary + lexicon"));
        Assert.True(result.CrossLanguageRecall >= CrossLanguageRecallFloor, result.Describe("glossary + lexicon"));
    }

    [Fact]
    public void A_Russian_record_of_an_English_activity_is_explained_with_both_languages()
    {
        var scorer = new OverlapScorer(ContentConcepts.GlossaryOnly);
        var records = OverlapLabelledSet.Records();
        var english = Subject(records.Single(r => r.Key == "kg-community/original"));
        var russian = Subject(records.Single(r => r.Key == "kg-community/translated"));
        var others = records.Where(r => r.BaseKey != "kg-community").Select(Subject);

        var findings = scorer.Rank(russian, [english, .. others]);

        var first = Assert.Single(findings, f => f.Other.Id == english.Id);
        Assert.Equal(findings[0], first);
        Assert.Equal("ru", first.Language);
        Assert.Equal("en", first.OtherLanguage);
        Assert.Equal(["KG"], first.SharedStates);
        Assert.Equal(["police-development"], first.SharedPriorities);
        Assert.Equal(OverlapScorer.DaysApart(russian, english), first.DaysApart);
        Assert.InRange(first.ContentSimilarity, OverlapScorer.MinimumContent, 1);
    }

    [Fact]
    public void Records_of_the_same_structure_and_partners_are_not_overlaps()
    {
        var records = OverlapLabelledSet.Records();
        var english = Subject(records.Single(r => r.Key == "rs-cyber-course/original"));
        var same = Subject(records.Single(r => r.Key == "rs-cyber-course/shifted")) with { Structure = english.Structure };
        var scorer = new OverlapScorer(ContentConcepts.GlossaryOnly);

        Assert.Empty(scorer.Rank(english, [same]));
        Assert.Single(scorer.Rank(english, [same with { Partners = new HashSet<string> { "UNODC" } }]));
    }

    internal sealed record Measurement(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives, int CrossPositives, int CrossFound)
    {
        public int Positives => TruePositives + FalseNegatives;

        public int Negatives => FalsePositives + TrueNegatives;

        public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

        public double Recall => Positives == 0 ? 1 : (double)TruePositives / Positives;

        public double CrossLanguageRecall => CrossPositives == 0 ? 1 : (double)CrossFound / CrossPositives;

        public string Describe(string configuration) => string.Create(CultureInfo.InvariantCulture,
            $"{configuration}: {Positives} overlaps, {Negatives} non-overlaps; TP {TruePositives} FP {FalsePositives} FN {FalseNegatives} TN {TrueNegatives}; " +
            $"precision {Precision:0.000}, recall {Recall:0.000}, EN<->RU recall {CrossLanguageRecall:0.000} ({CrossFound}/{CrossPositives})");
    }

    internal static Measurement Measure(ContentConcepts concepts, bool stored = true)
    {
        var bags = new Dictionary<string, ConceptBag>();
        var vectors = new Dictionary<string, FeatureVector>();
        FeatureVector Vector(string key, ConceptBag bag) =>
            vectors.TryGetValue(key, out var v) ? v : vectors[key] = FeatureVector.Of(bag);
        int tp = 0, fp = 0, fn = 0, tn = 0, cross = 0, crossFound = 0;
        foreach (var pair in OverlapLabelledSet.Pairs())
        {
            var a = Subject(pair.A);
            var b = Subject(pair.B);
            var bagA = bags.TryGetValue(pair.A.Key, out var x) ? x : bags[pair.A.Key] = concepts.Extract(a.Text, a.Language);
            var bagB = bags.TryGetValue(pair.B.Key, out var y) ? y : bags[pair.B.Key] = concepts.Extract(b.Text, b.Language);
            var finding = stored ? OverlapScorer.Score(a, Vector(pair.A.Key, bagA), b, Vector(pair.B.Key, bagB)) : OverlapScorer.Score(a, bagA, b, bagB);
            var found = finding is { } f && f.Score >= OverlapScorer.Threshold && f.ContentSimilarity >= OverlapScorer.MinimumContent;
            if (pair.Overlap && pair.A.Language != pair.B.Language)
            {
                cross++;
                crossFound += found ? 1 : 0;
            }
            (tp, fp, fn, tn) = (pair.Overlap, found) switch
            {
                (true, true) => (tp + 1, fp, fn, tn),
                (false, true) => (tp, fp + 1, fn, tn),
                (true, false) => (tp, fp, fn + 1, tn),
                _ => (tp, fp, fn, tn + 1),
            };
        }
        return new Measurement(tp, fp, fn, tn, cross, crossFound);
    }

    internal static OverlapSubject Subject(OverlapLabelledSet.Record r) => new(
        DeterministicId(r.Key), r.Structure, r.States.ToHashSet(), r.Priorities.ToHashSet(), r.Start, r.End, r.Text, r.Language)
    {
        Title = r.Key,
    };

    private static Guid DeterministicId(string key)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))[..16];
        return new Guid(bytes);
    }
}
