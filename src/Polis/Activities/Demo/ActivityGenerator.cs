using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Platform;
using Polis.Searching.Contracts;

namespace Polis.Activities.Demo;

/// <summary>
/// Realistic volumes of activities for benchmarks: <c>polis activities generate N --seed S</c>. The same seed makes the
/// same activities (titles, owners, states, dates, participants, money), written in English or Russian, spread over
/// 2005–2025. Rows go in batches straight to the entity (the codes are drawn from the reference data, so there is
/// nothing to check), each with its first revision, audit entry and search entry (<see cref="StoreActivities"/>).
/// </summary>
public sealed class ActivityGenerator(StoreActivities store, TimeProvider clock)
{
    public const int MaxCount = 1_000_000;
    private const int Batch = 1000;

    private static readonly string[] Structures =
        ["SPMU", "TNTD", "ATU", "BSMU", "OCEEA", "OSR-CTHB", "GENDER", "ODIHR", "PIA", "MBIH", "MIK", "MMN", "MSRB", "MSKP", "MMD", "PCUA",
         "OBAKU", "OYEREVAN", "CASHGABAT", "CASTANA", "CBISHKEK", "OTAJ", "PCUZ", "BMSC"];
    private static readonly string[] States =
        ["AL", "AM", "AZ", "BA", "BY", "GE", "KG", "KZ", "MD", "ME", "MK", "MN", "RS", "TJ", "TM", "UA", "UZ", "AF", "TR", "RU"];
    private static readonly (string Code, string[] SubAreas, string En, string Ru)[] Topics =
    [
        ("PoliceDevelopmentAndReform", ["CommunityPolicing", "PoliceEducationAndTraining", "AntiCorruption"], "community policing", "взаимодействию полиции с населением"),
        ("OrganizedCrime", ["FinancialInvestigations", "LawEnforcementCooperation"], "financial investigations", "финансовым расследованиям"),
        ("Terrorism", ["CounteringViolentExtremismAndRadicalization"], "countering violent extremism", "противодействию насильственному экстремизму"),
        ("IllicitDrugs", [], "counter-narcotics", "борьбе с наркотиками"),
        ("TraffickingInHumanBeings", [], "identifying victims of trafficking", "выявлению жертв торговли людьми"),
        ("Cybercrime", ["CyberEvidence", "OnlineChildSexualExploitation"], "cybercrime investigation", "расследованию киберпреступлений"),
    ];
    private static readonly string[] Lines = ["InstitutionAndCapacityBuilding", "ConfidenceBuildingMonitoringAndAdvice", "Training", "InformationSharing", "LessonsLearned"];
    private static readonly string[] Cities = ["Bishkek", "Dushanbe", "Tashkent", "Belgrade", "Sarajevo", "Chisinau", "Kyiv", "Yerevan", "Baku", "Vienna", "Skopje", "Astana"];
    private static readonly string[] Donors = ["Germany", "United States", "European Union", "Norway", "Switzerland"];
    private static readonly string[] Partners = ["UNODC", "INTERPOL", "EUROPOL", "CEPOL", "IOM", "COE", "DCAF"];
    private static readonly (ActivityType Type, string En, string Ru)[] Kinds =
    [
        (ActivityType.TrainingCourse, "Training course on", "Учебный курс по"), (ActivityType.TrainingOfTrainers, "Training of trainers on", "Подготовка инструкторов по"),
        (ActivityType.Workshop, "Workshop on", "Семинар по"), (ActivityType.Conference, "Conference on", "Конференция по"),
        (ActivityType.NeedsAssessment, "Needs assessment on", "Оценка потребностей по"), (ActivityType.StudyVisit, "Study visit on", "Ознакомительный визит по"),
        (ActivityType.Advisory, "Advice on", "Консультирование по"), (ActivityType.Exercise, "Exercise on", "Учения по"),
    ];

    /// <summary>Adds <paramref name="count"/> activities; answers how many were added.</summary>
    public async Task<int> GenerateAsync(int count, int seed, IProgress<int>? progress, CancellationToken ct)
    {
        var random = new Random(seed);
        var now = clock.GetUtcNow();
        var done = 0;
        while (done < count)
        {
            var n = Math.Min(Batch, count - done);
            var batch = new List<Activity>(n);
            for (var i = 0; i < n; i++) batch.Add(Activity.Create(Next(random, done + i), Viewer.System, now));
            // The bulk path of the CSV import: each batch with its revisions, audit entries, keys and outbox rows, in its transaction.
            await store.AddManyAsync(batch, Viewer.System, now, ct);
            done += n;
            progress?.Report(done);
        }
        return done;
    }

    private static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    internal static ActivityValues Next(Random r, int index)
    {
        var topic = Pick(r, Topics);
        var kind = Pick(r, Kinds);
        var owner = Pick(r, Structures);
        var states = Enumerable.Range(0, 1 + r.Next(3)).Select(_ => Pick(r, States)).Distinct().ToList();
        var year = 2005 + r.Next(21);
        var start = new DateOnly(year, 1 + r.Next(12), 1 + r.Next(28));
        var end = start.AddDays(kind.Type is ActivityType.Advisory ? r.Next(30, 400) : r.Next(0, 15));
        var russian = r.Next(3) == 0;
        var city = Pick(r, Cities);
        var title = russian ? $"{kind.Ru} {topic.Ru} ({city}, №{index + 1})" : $"{kind.En} {topic.En} ({city}, no. {index + 1})";
        var description = russian
            ? $"Мероприятие для сотрудников правоохранительных органов по {topic.Ru}; участники из {states.Count} государств."
            : $"An activity for law-enforcement officers on {topic.En}; participants from {states.Count} State(s).";
        var total = 10 + r.Next(60);
        var women = r.Next(total / 2 + 1);
        var status = end < new DateOnly(2026, 1, 1) ? (r.Next(20) == 0 ? ActivityStatus.Cancelled : ActivityStatus.Completed)
            : (r.Next(5) == 0 ? ActivityStatus.Postponed : ActivityStatus.Planned);
        var budget = r.Next(3) == 0 ? new List<BudgetLine>() :
        [
            new(Math.Round((decimal)r.Next(2_000, 250_000) + r.Next(100) / 100m, 2), r.Next(4) == 0 ? "USD" : "EUR",
                r.Next(3) == 0 ? FundingSource.ExtraBudgetary : FundingSource.UnifiedBudget, null),
        ];
        budget = [.. budget.Select(b => b.Funding == FundingSource.ExtraBudgetary ? new BudgetLine(b.Amount, b.Currency, b.Funding, Pick(r, Donors)) : b)];
        var language = russian ? "ru" : "en";
        return new ActivityValues
        {
            Language = language,
            Texts = [new ActivityTextValues(language, title, description, status == ActivityStatus.Completed ? (russian ? "Участники прошли обучение." : "Participants were trained.") : null)],
            Owner = owner,
            Type = kind.Type,
            Status = status,
            Priorities = [topic.Code],
            SubAreas = topic.SubAreas.Length == 0 ? [] : [Pick(r, topic.SubAreas)],
            LinesOfAction = [Pick(r, Lines)],
            States = states,
            Agencies = [Agency.Police, .. r.Next(2) == 0 ? new[] { Agency.Prosecution } : []],
            Partners = r.Next(3) == 0 ? [Pick(r, Partners)] : [],
            Location = city,
            StartsOn = start,
            EndsOn = end,
            ParticipantsTotal = total,
            ParticipantsWomen = women,
            ParticipantsMen = total - women,
            BudgetLines = budget,
            Access = r.Next(10) == 0 ? AccessLevel.Registered : AccessLevel.Public,
        };
    }

    /// <summary><c>polis activities generate N --seed S</c>.</summary>
    public static Command Command(CommandHost host)
    {
        var count = new Argument<int>("count") { Description = $"How many activities to add (1 to {MaxCount:N0})." };
        var seed = new Option<int>("--seed") { Description = "Seed of the random choices: the same seed makes the same activities.", DefaultValueFactory = _ => 1 };
        var command = new Command("generate", "Add N generated activities (realistic owners, states, topics, dates, participants, money) for benchmarks. Exit codes: 0 done; 1 bad count; 2 configuration error; 3 database unreachable.")
        {
            count, seed,
        };
        command.SetAction((parse, ct) => host.RunAsync(async (sp, _) =>
        {
            var n = parse.GetValue(count);
            if (n is < 1 or > MaxCount)
            {
                await Console.Error.WriteLineAsync($"Nothing generated: the count must be 1 to {MaxCount.ToString("N0", CultureInfo.InvariantCulture)}.");
                return 1;
            }
            var setup = sp.GetRequiredService<PolisSetup>();
            await setup.MigrateAsync(ct);
            await setup.SeedAsync(demo: false, ct);
            var added = await sp.GetRequiredService<ActivityGenerator>().GenerateAsync(n, parse.GetValue(seed), null, ct);
            await sp.GetRequiredService<ISearchService>().CatchUpAsync(ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Generated {added} activities (seed {parse.GetValue(seed)})."));
            return 0;
        }, ct));
        return command;
    }
}
