using Microsoft.EntityFrameworkCore;
using Polis.Accounts.Contracts;
using Polis.Data;

namespace Polis.Activities.Demo;

/// <summary>
/// The real activities of ../shared/design/DOMAIN.md ("Activities") as records, some described in Russian (as a field
/// office in Central Asia would write them), so the registry, its search and its reports have something true to show.
/// Seeding is idempotent: an activity whose title is already registered is skipped.
/// </summary>
public sealed class DemoActivities(SaveActivity save, PolisDb db)
{
    public async Task<int> SeedAsync(CancellationToken ct)
    {
        var created = 0;
        foreach (var input in All())
        {
            var title = input.Title;
            if (await db.AllRecords<Activity>("demo seeding skips what is already there").AnyAsync(a => a.Title == title, ct)) continue;
            var result = await save.CreateAsync(input, Viewer.System, ct);
            if (!result.Succeeded)
                throw new InvalidOperationException($"demo activity '{title}' refused: " + string.Join("; ", result.Errors.SelectMany(e => e.Value)));
            created++;
        }
        return created;
    }

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    /// <summary>The demo records (DOMAIN.md, "Activities").</summary>
    public static IReadOnlyList<ActivityInput> All()
    {
        var list = new List<ActivityInput>();
        // 2008–2012: five regional workshops in Central Asia on international co-operation in criminal matters.
        var workshops = new[] { (2008, "Almaty", "KZ"), (2009, "Bishkek", "KG"), (2010, "Dushanbe", "TJ"), (2011, "Tashkent", "UZ"), (2012, "Ashgabat", "TM") };
        for (var i = 0; i < workshops.Length; i++)
        {
            var (year, city, state) = workshops[i];
            var russian = i % 2 == 1;
            list.Add(new ActivityInput
            {
                Language = russian ? "ru" : "en",
                Title = russian
                    ? $"Региональный семинар по международному сотрудничеству по уголовным делам ({city}, {year})"
                    : $"Regional workshop on international co-operation in criminal matters ({city}, {year})",
                Description = russian
                    ? "Семинар для сотрудников полиции и прокуратуры Центральной Азии, Афганистана, Ирана и Пакистана о взаимной правовой помощи, экстрадиции и совместных расследованиях."
                    : "Workshop for police and prosecutors from Central Asia, Afghanistan, Iran and Pakistan on mutual legal assistance, extradition and joint investigations.",
                Outcomes = russian ? "Участники согласовали контактные пункты для запросов о правовой помощи." : "Participants agreed on contact points for mutual legal assistance requests.",
                Translations = russian ? null :
                [
                    new ActivityTranslationInput
                    {
                        Language = "ru",
                        Title = $"Региональный семинар по международному сотрудничеству по уголовным делам ({city}, {year})",
                        Description = "Семинар для сотрудников полиции и прокуратуры Центральной Азии, Афганистана, Ирана и Пакистана.",
                    },
                ],
                Owner = "SPMU",
                CoOrganisers = ["OCEEA"],
                Partners = ["UNODC"],
                Type = ActivityType.Workshop,
                Status = ActivityStatus.Completed,
                Priorities = ["OrganizedCrime"],
                SubAreas = ["LawEnforcementCooperation"],
                LinesOfAction = ["InformationSharing"],
                States = ["KZ", "KG", "TJ", "TM", "UZ", "AF"],
                Agencies = [Agency.Police, Agency.Prosecution],
                Location = city,
                LocationState = state,
                StartsOn = D(year, 10, 6 + i),
                EndsOn = D(year, 10, 8 + i),
                ParticipantsTotal = 35 + i,
                ParticipantsWomen = 6 + i,
                ParticipantsMen = 29,
                BudgetLines = [new BudgetLineInput { Amount = 28_000m + 1_500m * i, Currency = "EUR", Funding = FundingSource.UnifiedBudget }],
                Access = AccessLevel.Public,
            });
        }
        list.Add(new ActivityInput
        {
            Language = "en",
            Title = "Counter-narcotics training courses for Afghan officers",
            Description = "Since 2007, nine counter-narcotics training courses, mostly training of trainers, for 95 Afghan officers in Kazakhstan, the Russian Federation, Tajikistan and Turkey.",
            Outcomes = "95 Afghan officers trained; trainers now teach the course in Afghanistan.",
            Owner = "TNTD",
            CoOrganisers = ["SPMU", "BMSC"],
            Partners = ["UNODC"],
            Type = ActivityType.TrainingOfTrainers,
            Status = ActivityStatus.Completed,
            Priorities = ["IllicitDrugs"],
            LinesOfAction = ["Training"],
            States = ["AF"],
            Agencies = [Agency.Police, Agency.Border, Agency.Customs],
            Location = "Domodedovo, Almaty, Dushanbe, Ankara",
            StartsOn = D(2007, 9, 3),
            EndsOn = D(2012, 12, 14),
            ParticipantsTotal = 95,
            ParticipantsByState = [new ParticipationInput { State = "AF", Count = 95 }],
            BudgetLines =
            [
                new BudgetLineInput { Amount = 410_000m, Currency = "EUR", Funding = FundingSource.ExtraBudgetary, Donor = "United States" },
                new BudgetLineInput { Amount = 120_000m, Currency = "EUR", Funding = FundingSource.UnifiedBudget },
            ],
            Access = AccessLevel.Public,
        });
        list.Add(new ActivityInput
        {
            Language = "en",
            Title = "Controlled-delivery live exercise",
            Description = "A live exercise of a controlled delivery of drugs across borders, led by the Mission in Kosovo with police from Albania, Bulgaria, Germany, Montenegro, Slovenia, Turkey and others.",
            Owner = "MIK",
            Type = ActivityType.Exercise,
            Status = ActivityStatus.Completed,
            Priorities = ["OrganizedCrime", "IllicitDrugs"],
            SubAreas = ["LawEnforcementCooperation"],
            LinesOfAction = ["InformationSharing"],
            States = ["AL", "BG", "DE", "ME", "SI", "TR"],
            Agencies = [Agency.Police, Agency.Customs, Agency.Prosecution],
            Location = "Pristina",
            StartsOn = D(2011, 3, 14),
            EndsOn = D(2011, 3, 18),
            Access = AccessLevel.Public,
        });
        list.Add(new ActivityInput
        {
            Language = "en",
            Title = "Cybercrime investigation course in Belgrade",
            Description = "A three-week, university-accredited course on investigating cybercrime for 18 officers from six South-East European states, with the Serbian interior ministry.",
            Outcomes = "18 officers certified; the course entered the curriculum of the Serbian police academy.",
            Translations = [new ActivityTranslationInput { Language = "ru", Title = "Курс по расследованию киберпреступлений в Белграде", Description = "Трёхнедельный аккредитованный университетом курс для 18 сотрудников полиции из шести государств Юго-Восточной Европы." }],
            Owner = "SPMU",
            CoOrganisers = ["MSRB"],
            Type = ActivityType.TrainingCourse,
            Status = ActivityStatus.Completed,
            Priorities = ["Cybercrime"],
            SubAreas = ["CyberEvidence"],
            LinesOfAction = ["Training"],
            States = ["RS", "ME", "MK", "BA", "AL", "HR"],
            Agencies = [Agency.Police],
            Location = "Belgrade",
            LocationState = "RS",
            StartsOn = D(2010, 11, 1),
            EndsOn = D(2010, 11, 19),
            ParticipantsTotal = 18,
            ParticipantsWomen = 4,
            ParticipantsMen = 14,
            BudgetLines = [new BudgetLineInput { Amount = 65_000m, Currency = "EUR", Funding = FundingSource.UnifiedBudget }],
            Access = AccessLevel.Public,
        });
        list.Add(new ActivityInput
        {
            Language = "en",
            Title = "Regional seminar on seizing and confiscating the proceeds of human trafficking",
            Description = "Regional seminar in Prague on identifying, seizing and confiscating criminal assets from trafficking in human beings.",
            Owner = "OSR-CTHB",
            CoOrganisers = ["SPMU"],
            Type = ActivityType.Workshop,
            Status = ActivityStatus.Completed,
            Priorities = ["TraffickingInHumanBeings", "OrganizedCrime"],
            SubAreas = ["FinancialInvestigations"],
            LinesOfAction = ["InformationSharing"],
            States = ["CZ", "SK", "PL", "HU", "AT"],
            Agencies = [Agency.Police, Agency.Prosecution, Agency.Judiciary],
            Location = "Prague",
            LocationState = "CZ",
            StartsOn = D(2012, 7, 18),
            EndsOn = D(2012, 7, 20),
            Access = AccessLevel.Public,
        });
        list.Add(new ActivityInput
        {
            Language = "ru",
            Title = "Международная конференция по сотрудничеству в борьбе с торговлей людьми и принудительным трудом",
            Description = "Международная конференция в Баку о сотрудничестве в борьбе с торговлей людьми и принудительным трудом, около 100 участников.",
            Outcomes = "Участники обменялись практикой выявления жертв принудительного труда.",
            Owner = "OBAKU",
            CoOrganisers = ["OSR-CTHB"],
            Partners = ["IOM", "ILO"],
            Type = ActivityType.Conference,
            Status = ActivityStatus.Completed,
            Priorities = ["TraffickingInHumanBeings"],
            LinesOfAction = ["InformationSharing"],
            States = ["AZ"],
            Agencies = [Agency.Police, Agency.CivilSociety],
            Location = "Баку",
            LocationState = "AZ",
            StartsOn = D(2012, 12, 6),
            EndsOn = D(2012, 12, 7),
            ParticipantsTotal = 100,
            Access = AccessLevel.Public,
        });
        list.Add(new ActivityInput
        {
            Language = "ru",
            Title = "Инициатива по обеспечению общественной безопасности в Кыргызстане",
            Description = "Проект в 14 пилотных районах четырёх областей: обучено более 400 сотрудников полиции, созданы 18 мобильных приёмных полиции, 114 местных центров профилактики преступности и 23 группы по работе с населением.",
            Outcomes = "К концу 2013 года мобильные приёмные обслужили более 40 000 жителей.",
            Translations = [new ActivityTranslationInput { Language = "en", Title = "Community Security Initiative in Kyrgyzstan", Description = "14 project sites in four provinces: 400+ officers trained, 18 mobile police receptions, 114 local crime-prevention centres, 23 neighbourhood management teams.", Outcomes = "By the end of 2013 the mobile receptions had served 40,000+ residents." }],
            Owner = "CBISHKEK",
            CoOrganisers = ["SPMU"],
            Type = ActivityType.Advisory,
            Status = ActivityStatus.Completed,
            Priorities = ["PoliceDevelopmentAndReform"],
            SubAreas = ["CommunityPolicing"],
            LinesOfAction = ["InstitutionAndCapacityBuilding", "ConfidenceBuildingMonitoringAndAdvice"],
            States = ["KG"],
            Agencies = [Agency.Police, Agency.CivilSociety],
            Location = "Бишкек, Ош, Джалал-Абад, Чуй",
            LocationState = "KG",
            StartsOn = D(2011, 1, 1),
            EndsOn = D(2013, 12, 31),
            ParticipantsTotal = 400,
            BudgetLines = [new BudgetLineInput { Amount = 2_400_000m, Currency = "EUR", Funding = FundingSource.ExtraBudgetary, Donor = "European Union" }],
            Access = AccessLevel.Public,
        });
        var meetings = new (int Year, string Topic, string Priority, int? Experts)[]
        {
            (2003, "human trafficking", "TraffickingInHumanBeings", null), (2005, "hate crimes", "PoliceDevelopmentAndReform", null),
            (2008, "cybercrime", "Cybercrime", null), (2009, "hate crimes and co-operation", "PoliceDevelopmentAndReform", null),
            (2010, "enhancing police-related activities", "PoliceDevelopmentAndReform", null), (2011, "police reform within criminal-justice reform", "PoliceDevelopmentAndReform", null),
            (2012, "cybercrime", "Cybercrime", 90), (2013, "lessons learned", "PoliceDevelopmentAndReform", null),
            (2014, "cross-border co-operation", "OrganizedCrime", null), (2015, "organized crime, trafficking and irregular migration", "OrganizedCrime", null),
            (2016, "intelligence-led policing", "PoliceDevelopmentAndReform", null), (2017, "illicit financial flows and confiscation", "OrganizedCrime", null),
            (2018, "future policing strategy", "PoliceDevelopmentAndReform", null),
        };
        foreach (var (year, topic, priority, experts) in meetings)
            list.Add(new ActivityInput
            {
                Language = "en",
                Title = $"Annual Police Experts Meeting {year}: {topic}",
                Description = $"The annual meeting of police experts of the participating States, partner organisations and the executive structures, on {topic}.",
                Owner = "SPMU",
                Type = ActivityType.Conference,
                Status = ActivityStatus.Completed,
                Priorities = [priority],
                LinesOfAction = ["InformationSharing", "LessonsLearned"],
                Partners = ["UNODC", "INTERPOL", "EUROPOL"],
                Agencies = [Agency.Police],
                Location = "Vienna",
                LocationState = "AT",
                StartsOn = D(year, 5, 10),
                EndsOn = D(year, 5, 11),
                ParticipantsTotal = experts,
                Access = AccessLevel.Public,
            });
        list.Add(new ActivityInput
        {
            Language = "en",
            Title = "First meeting of Chiefs of Police",
            Description = "More than 50 chiefs of police met in Brussels and adopted the Brussels Statement.",
            Owner = "SPMU",
            Type = ActivityType.Conference,
            Status = ActivityStatus.Completed,
            Priorities = ["PoliceDevelopmentAndReform"],
            LinesOfAction = ["InformationSharing"],
            Agencies = [Agency.Police],
            Location = "Brussels",
            LocationState = "BE",
            StartsOn = D(2006, 11, 24),
            EndsOn = D(2006, 11, 24),
            ParticipantsTotal = 50,
            Access = AccessLevel.Public,
        });
        return list;
    }
}
