namespace Polis.Search;

// A stored translation: a phrase of the target language with its weight (1–255, /255) and where it comes from.
// Secondary: a Dictionary translation of the secondary dictionary (MuellerReader).
internal readonly record struct TableTarget(int Language, int Phrase, byte Weight, TranslationSource Source, bool Secondary = false);

// A headword of an indexed language with its translations: by target language (en ru fr de es), dictionary ones
// before software terms before pivot ones, best first.
internal sealed record TableHead(int Language, int Phrase, TableTarget[] Targets);

// The scored lexicon, ready to write: direct translations from the evidence, pivots chained through them, both
// weighed, merged and capped.
internal sealed class LexiconTable
{
    // Pivots weigh half as much as a direct translation of the same strength.
    public const double PivotFactor = 0.5;

    private LexiconTable(PhraseTable[] phrases, string?[][] surfaces, List<TableHead> heads, List<LexiconPairInfo> pairs, List<string> pivotLanguages)
    {
        Phrases = phrases;
        Surfaces = surfaces;
        Heads = heads;
        Pairs = pairs;
        PivotLanguages = pivotLanguages;
    }

    public PhraseTable[] Phrases { get; }

    // The written form shown for each phrase, per language: the one used most often, then the ordinally first.
    public string?[][] Surfaces { get; }

    // Sorted by language, then stems (joined by spaces) ordinally.
    public List<TableHead> Heads { get; }

    public List<LexiconPairInfo> Pairs { get; }

    public List<string> PivotLanguages { get; }

    // A catalog term weighs as much as a direct translation of the same strength: it is the technical sense
    // documentation uses.
    public const double SoftwareFactor = 1.0;

    // Catalog senses kept per headword and target language (before the common cap of MaxTargets).
    public const int MaxSoftwareSenses = 3;

    // Word translations aligned from the catalogs' longer messages weigh as much as a short term (measured: half the
    // weight found fewer pages, docs/performance.md, seventh part).
    public const double AlignedFactor = 1.0;

    // Aligned senses kept per headword and target language.
    public const int MaxAlignedSenses = 3;

    // A secondary dictionary's sense (MuellerReader) weighs as much as a direct translation of the same strength, and
    // the best MaxSecondarySenses of a headword compete for the places pivots would have had.
    // (Measured on three collections, issue 20 eighteenth part: one to six senses, factor 0.5 to 1, within 0.001 of
    // mean recall@10; two gave the best MRR.)
    public const double SecondaryFactor = 1.0;
    public const int MaxSecondarySenses = 2;

    public static LexiconTable Compute(LexiconEvidence evidence, CancellationToken ct) => Compute(evidence, 2, 1, ct);

    // minPackages, minPackagesOneWord: how many packages must give a catalog term whose headword has several stems,
    // or one, before it is kept; alignedFactor: the weight of an aligned sense against a dictionary's.
    public static LexiconTable Compute(LexiconEvidence evidence, int minPackages, int minPackagesOneWord, CancellationToken ct,
        double alignedFactor = AlignedFactor)
    {
        var languages = LexiconLanguages.All.Count;
        var surfaces = new string?[languages][];
        var order = new int[languages][];
        var pivotOrder = new int[languages][];
        for (var l = 0; l < languages; l++)
        {
            (surfaces[l], order[l]) = ChooseSurfaces(evidence.Phrases[l]);
            pivotOrder[l] = OrdinalRanks(evidence.Phrases[l].PivotWords);
            evidence.Phrases[l].ForgetTerms();
        }

        var size = languages * languages;
        var direct = new Ranked?[size];
        var catalogs = new Ranked?[size];
        var aligned = new Ranked?[size];
        var secondary = new Ranked?[size];
        var legsIn = new Ranked?[size];
        var legsOut = new Ranked?[size];
        for (var s = 0; s < languages; s++)
        {
            for (var t = 0; t < languages; t++)
            {
                ct.ThrowIfCancellationRequested();
                var index = LexiconEvidence.PairIndex(s, t);
                direct[index] = Ranked.From(evidence.Pairs[index], order[t]);
                catalogs[index] = Ranked.From(evidence.Catalogs[index], minPackages, minPackagesOneWord, evidence.Phrases[s], order[t]);
                evidence.Catalogs[index] = [];
                aligned[index] = Ranked.From(evidence.Aligned[index], order[t]);
                evidence.Aligned[index] = [];
                secondary[index] = Ranked.From(evidence.Secondary[index], order[t]);
                evidence.Secondary[index] = [];
                legsIn[index] = Ranked.From(evidence.LegsIn[index], pivotOrder[t]);
                legsOut[index] = Ranked.From(evidence.LegsOut[index], order[t]);
                evidence.Pairs[index] = [];   // free the raw evidence as soon as it is scored
                evidence.LegsIn[index] = [];
                evidence.LegsOut[index] = [];
            }
        }

        var outputs = new List<TableTarget>?[languages][];
        for (var s = 0; s < languages; s++)
        {
            outputs[s] = new List<TableTarget>?[evidence.Phrases[s].Count];
        }
        var pairs = new List<LexiconPairInfo>();
        var pivotsUsed = new SortedSet<int>();
        foreach (var source in LexiconLanguages.Indexed)
        {
            foreach (var target in LexiconLanguages.Indexed)
            {
                if (source == target)
                {
                    continue;
                }
                ct.ThrowIfCancellationRequested();
                var s = LexiconLanguages.IndexOf(source);
                var t = LexiconLanguages.IndexOf(target);
                var pivots = PivotScores(legsIn, legsOut, s, t, evidence.Plan.Through(s, t), pivotsUsed);
                var pair = LexiconEvidence.PairIndex(s, t);
                pairs.Add(Merge(direct[pair], catalogs[pair], aligned[pair], alignedFactor, secondary[pair], pivots, s, t, order[t], outputs[s]));
            }
        }

        var heads = new List<TableHead>();
        for (var s = 0; s < LexiconLanguages.Indexed.Count; s++)
        {
            var keys = evidence.Phrases[s].Keys;
            var ids = Enumerable.Range(0, outputs[s].Length).Where(p => outputs[s][p] is not null).ToArray();
            Array.Sort(ids, (a, b) => string.CompareOrdinal(keys[a], keys[b]));
            heads.AddRange(ids.Select(p => new TableHead(s, p, [.. outputs[s][p]!])));
        }
        return new LexiconTable(evidence.Phrases, surfaces, heads, pairs, [.. pivotsUsed.Select(p => LexiconLanguages.All[p])]);
    }

    // Chains s → p → t: each of the headword's best pivot words in p (weight w1) passes its own best translations
    // into t (weight w2) on, divided by the square root of how many it has, so a pivot word with many senses weighs
    // less than an unambiguous one; agreeing paths (several pivot words, several pivot languages) add up.
    private static Dictionary<long, double> PivotScores(Ranked?[] legsIn, Ranked?[] legsOut, int s, int t, IReadOnlyList<int> through, SortedSet<int> used)
    {
        var scores = new Dictionary<long, double>();
        foreach (var p in through)
        {
            if (legsIn[LexiconEvidence.PairIndex(s, p)] is not { } first || legsOut[LexiconEvidence.PairIndex(p, t)] is not { } second)
            {
                continue;
            }
            var before = scores.Count;
            for (var h = 0; h < first.HeadIds.Length; h++)
            {
                var head = first.HeadIds[h];
                var legs = Math.Min(first.Counts[h], LexiconBuilder.MaxTargets);
                for (var l = 0; l < legs; l++)
                {
                    var middle = first.Targets[first.Starts[h] + l];
                    if (!second.Index.TryGetValue(middle, out var m))
                    {
                        continue;
                    }
                    var fanOut = Math.Min(second.Counts[m], LexiconBuilder.MaxTargets);
                    var weight = first.Weights[first.Starts[h] + l] / Math.Sqrt(fanOut);
                    for (var k = 0; k < fanOut; k++)
                    {
                        var key = LexiconEvidence.Key(head, second.Targets[second.Starts[m] + k]);
                        scores[key] = scores.GetValueOrDefault(key) + (weight * second.Weights[second.Starts[m] + k]);
                    }
                }
            }
            if (scores.Count > before)
            {
                used.Add(p);
            }
        }
        return scores;
    }

    // Direct weight (score / best score of the headword) plus SoftwareFactor × catalog weight (packages / most packages
    // of the headword, the MaxSoftwareSenses best) plus PivotFactor × pivot score / best pivot score of the headword,
    // divided by the largest sum when it exceeds 1: the best direct translation has weight 1, a translation found by
    // pivots only at most PivotFactor, and one found several ways ranks higher. Its source is the most trusted that
    // gives it: Dictionary, then Software, then Pivot. Aligned senses (alignedFactor × packages / most packages of the
    // headword, the MaxAlignedSenses best) never touch a dictionary translation or a catalog term: they add to a pivot
    // sense (which then counts as Software) or come as their own, take only the places pivots would have had among
    // the MaxTargets kept, and are stored after the catalog terms, so every dictionary and catalog sense keeps its
    // place, weight and rank. A secondary dictionary's senses (SecondaryFactor × score / best score of the headword,
    // the MaxSecondarySenses best) take those places the same way and are stored as Dictionary senses marked
    // secondary, after the aligned words (a sense both give is an aligned word) and before the pivots.
    private static LexiconPairInfo Merge(Ranked? direct, Ranked? catalog, Ranked? aligned, double alignedFactor, Ranked? secondary, Dictionary<long, double> pivots,
        int s, int t, int[] order, List<TableTarget>?[] outputs)
    {
        var pivotKeys = pivots.Keys.ToArray();
        Array.Sort(pivotKeys);
        var heads = (direct?.HeadIds ?? []).Concat(catalog?.HeadIds ?? []).Concat(aligned?.HeadIds ?? []).Concat(secondary?.HeadIds ?? [])
            .Concat(pivotKeys.Select(k => (int)(k >> 32))).Distinct().ToArray();
        Array.Sort(heads);
        int directCount = 0, softwareCount = 0, pivotCount = 0;
        var next = 0;
        var candidates = new List<(int Target, double Direct, double Software, double Pivot, double Aligned, double Secondary)>();
        var positions = new Dictionary<int, int>();
        Comparison<(int Target, double Weight)> best = (a, b) =>
            a.Weight != b.Weight ? b.Weight.CompareTo(a.Weight) : order[a.Target].CompareTo(order[b.Target]);
        var merged = new List<(int Target, double Weight)>();
        var open = new List<(int Target, double Weight)>();
        var groups = new Dictionary<int, Group>();
        var kept = new List<(int Target, double Weight)>();
        // A headword's target from one source: its weight in that source's column, on the target's row.
        void Add(int target, Group group, double weight)
        {
            if (positions.TryGetValue(target, out var at))
            {
                candidates[at] = With(candidates[at], group, weight);
            }
            else
            {
                positions[target] = candidates.Count;
                candidates.Add(With((target, 0, 0, 0, 0, 0), group, weight));
            }
        }

        // The max best targets of a headword in one source.
        void AddBest(Ranked? ranked, int head, int max, Group group)
        {
            if (ranked is not null && ranked.Index.TryGetValue(head, out var h))
            {
                for (var k = 0; k < Math.Min(ranked.Counts[h], max); k++)
                {
                    Add(ranked.Targets[ranked.Starts[h] + k], group, ranked.Weights[ranked.Starts[h] + k]);
                }
            }
        }

        foreach (var head in heads)
        {
            candidates.Clear();
            positions.Clear();
            AddBest(direct, head, int.MaxValue, Group.Dictionary);
            AddBest(catalog, head, MaxSoftwareSenses, Group.Software);
            var bestPivot = 0.0;
            var first = next;
            while (next < pivotKeys.Length && (int)(pivotKeys[next] >> 32) == head)
            {
                bestPivot = Math.Max(bestPivot, pivots[pivotKeys[next]]);
                next++;
            }
            for (var k = first; k < next; k++)
            {
                Add((int)pivotKeys[k], Group.Pivot, pivots[pivotKeys[k]] / bestPivot);
            }
            AddBest(aligned, head, MaxAlignedSenses, Group.Aligned);
            AddBest(secondary, head, MaxSecondarySenses, Group.Secondary);
            // What the table keeps without the aligned senses: the MaxTargets best; of those, the dictionary and
            // catalog senses stay whatever the aligned ones weigh.
            merged.Clear();
            open.Clear();
            groups.Clear();
            var scale = 1.0;
            foreach (var candidate in candidates)
            {
                var weight = candidate.Direct + (SoftwareFactor * candidate.Software) + (PivotFactor * candidate.Pivot);
                var group = candidate.Direct > 0 ? Group.Dictionary : candidate.Software > 0 ? Group.Software
                    : candidate.Aligned > 0 ? Group.Aligned : candidate.Secondary > 0 ? Group.Secondary : Group.Pivot;
                groups[candidate.Target] = group;
                if (weight > 0)
                {
                    merged.Add((candidate.Target, weight));
                    scale = Math.Max(scale, weight);
                }
                if (group is Group.Secondary or Group.Aligned or Group.Pivot)
                {
                    weight += (alignedFactor * candidate.Aligned) + (SecondaryFactor * candidate.Secondary);
                    open.Add((candidate.Target, weight));
                }
            }
            merged.Sort(best);
            open.Sort(best);
            kept.Clear();
            for (var k = 0; k < Math.Min(merged.Count, LexiconBuilder.MaxTargets); k++)
            {
                if (groups[merged[k].Target] is Group.Dictionary or Group.Software)
                {
                    kept.Add(merged[k]);
                }
            }
            for (var k = 0; k < open.Count && kept.Count < LexiconBuilder.MaxTargets; k++)
            {
                kept.Add(open[k]);
            }
            kept.Sort(best);
            var output = (outputs[head] ??= []);
            // dictionary translations first, then catalog terms, then aligned words, then the secondary dictionary's,
            // then pivot ones, each part best first
            foreach (var group in (Group[])[Group.Dictionary, Group.Software, Group.Aligned, Group.Secondary, Group.Pivot])
            {
                foreach (var (target, weight) in kept)
                {
                    if (groups[target] == group)
                    {
                        var source = group switch
                        {
                            Group.Dictionary or Group.Secondary => TranslationSource.Dictionary,
                            Group.Pivot => TranslationSource.Pivot,
                            _ => TranslationSource.Software,
                        };
                        output.Add(new TableTarget(t, target, Quantize(weight / scale), source, group == Group.Secondary));
                        directCount += source == TranslationSource.Dictionary ? 1 : 0;
                        softwareCount += source == TranslationSource.Software ? 1 : 0;
                        pivotCount += source == TranslationSource.Pivot ? 1 : 0;
                    }
                }
            }
        }
        return new LexiconPairInfo(LexiconLanguages.All[s], LexiconLanguages.All[t], heads.Length, directCount, pivotCount) { SoftwareTranslations = softwareCount };
    }

    private static (int Target, double Direct, double Software, double Pivot, double Aligned, double Secondary) With(
        (int Target, double Direct, double Software, double Pivot, double Aligned, double Secondary) candidate, Group source, double weight) => source switch
        {
            Group.Dictionary => candidate with { Direct = weight },
            Group.Software => candidate with { Software = weight },
            Group.Pivot => candidate with { Pivot = weight },
            Group.Aligned => candidate with { Aligned = weight },
            _ => candidate with { Secondary = weight },
        };

    // Where a kept translation is stored: its source, and for software senses whether a short term or only the
    // alignment of longer messages gives it.
    private enum Group
    {
        Dictionary,
        Secondary,
        Software,
        Aligned,
        Pivot,
    }

    private static int[] OrdinalRanks(List<string> words)
    {
        var ids = Enumerable.Range(0, words.Count).ToArray();
        Array.Sort(ids, (a, b) => string.CompareOrdinal(words[a], words[b]));
        var ranks = new int[words.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ranks[ids[i]] = i;
        }
        return ranks;
    }

    // Rounded down, so that a pivot-only translation never weighs more than PivotFactor.
    private static byte Quantize(double weight) => (byte)Math.Clamp(Math.Floor((weight * 255) + 1e-9), 1, 255);

    private static (string?[] Surfaces, int[] Order) ChooseSurfaces(PhraseTable phrases)
    {
        var surfaces = new string?[phrases.Count];
        var uses = new int[phrases.Count];
        foreach (var (term, phrase) in phrases.Analysed)
        {
            var count = phrase < 0 ? 0 : phrases.Uses.GetValueOrDefault(term);
            if (count == 0)
            {
                continue;   // analysed, but never part of a kept pair
            }
            if (surfaces[phrase] is not { } current || count > uses[phrase]
                || (count == uses[phrase] && string.CompareOrdinal(term, current) < 0))
            {
                surfaces[phrase] = term;
                uses[phrase] = count;
            }
        }
        var aligned = new int[phrases.Count];
        foreach (var (term, phrase, count) in phrases.AlignedForms)
        {
            if (uses[phrase] > 0)
            {
                continue;   // a dictionary's or a catalog term's form
            }
            if (surfaces[phrase] is not { } current || count > aligned[phrase]
                || (count == aligned[phrase] && string.CompareOrdinal(term, current) < 0))
            {
                surfaces[phrase] = term;
                aligned[phrase] = count;
            }
        }
        var ids = Enumerable.Range(0, phrases.Count).ToArray();
        Array.Sort(ids, (a, b) =>
        {
            var bySurface = string.CompareOrdinal(surfaces[a], surfaces[b]);
            return bySurface != 0 ? bySurface : string.CompareOrdinal(phrases.Keys[a], phrases.Keys[b]);
        });
        var order = new int[phrases.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            order[ids[i]] = i;
        }
        return (surfaces, order);
    }

    // The direct translations of one ordered pair: per headword (ascending), its targets best first with
    // Weights = score / best score.
    private sealed class Ranked
    {
        public required int[] HeadIds { get; init; }
        public required int[] Starts { get; init; }
        public required int[] Counts { get; init; }
        public required int[] Targets { get; init; }
        public required double[] Weights { get; init; }
        public required Dictionary<int, int> Index { get; init; }

        // Aligned words, scored by the packages that align them.
        public static Ranked? From(Dictionary<long, int> evidence, int[] targetOrder) =>
            From([.. evidence.Select(e => ((int)(e.Key >> 32), (int)e.Key, (double)e.Value))], targetOrder);

        public static Ranked? From(Dictionary<long, LexiconEvidence.Evidence> evidence, int[] targetOrder) =>
            From([.. evidence.Select(e => ((int)(e.Key >> 32), (int)e.Key, e.Value.Score))], targetOrder);

        // Catalog terms given by at least minPackages packages (minPackagesOneWord for a one-stem headword), scored by
        // how many agree.
        public static Ranked? From(Dictionary<long, LexiconEvidence.CatalogEvidence> evidence, int minPackages, int minPackagesOneWord, PhraseTable heads, int[] targetOrder) =>
            From([.. evidence.Where(e => e.Value.Packages >= (heads.Stems[(int)(e.Key >> 32)].Length == 1 ? minPackagesOneWord : minPackages))
                .Select(e => ((int)(e.Key >> 32), (int)e.Key, (double)e.Value.Packages))], targetOrder);

        private static Ranked? From((int Head, int Target, double Score)[] rows, int[] targetOrder)
        {
            if (rows.Length == 0)
            {
                return null;
            }
            Array.Sort(rows, (a, b) =>
                a.Head != b.Head ? a.Head.CompareTo(b.Head)
                : a.Score != b.Score ? b.Score.CompareTo(a.Score)
                : targetOrder[a.Target].CompareTo(targetOrder[b.Target]));
            var heads = new List<int>();
            var starts = new List<int>();
            var counts = new List<int>();
            var targets = new int[rows.Length];
            var weights = new double[rows.Length];
            for (var r = 0; r < rows.Length; r++)
            {
                if (r == 0 || rows[r].Head != rows[r - 1].Head)
                {
                    heads.Add(rows[r].Head);
                    starts.Add(r);
                    counts.Add(0);
                }
                counts[^1]++;
                targets[r] = rows[r].Target;
                weights[r] = rows[r].Score / rows[starts[^1]].Score;
            }
            var index = new Dictionary<int, int>(heads.Count);
            for (var h = 0; h < heads.Count; h++)
            {
                index[heads[h]] = h;
            }
            return new Ranked
            {
                HeadIds = [.. heads],
                Starts = [.. starts],
                Counts = [.. counts],
                Targets = targets,
                Weights = weights,
                Index = index,
            };
        }
    }
}
