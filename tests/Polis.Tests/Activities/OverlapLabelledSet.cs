namespace Polis.Tests.Activities;

/// <summary>
/// The labelled set for the overlap check. Base activities follow the real examples of the demo data (DOMAIN.md) and
/// are grouped in blocks that share a State, a thematic priority and a season, so that every non-duplicate competes
/// with the duplicates inside the blocking key (the hard case: same State, same priority, same month, another topic).
/// Each base comes in English, in a Russian translation and in an English rewording. The generated near-duplicates
/// are another structure's record of the same activity: translated (EN ↔ RU), reworded, shifted in time (±0–45 days),
/// with or without one more State; every other pair in a block is labelled "not an overlap".
/// </summary>
public static class OverlapLabelledSet
{
    public sealed record Base(string Key, string State, string Priority, DateOnly Start, string English, string Russian, string Reworded);

    public sealed record Record(string Key, string BaseKey, string Structure, string[] States, string[] Priorities, DateOnly Start, DateOnly End, string Text, string Language);

    public sealed record Pair(Record A, Record B, bool Overlap);

    public static readonly Base[] Bases =
    [
        // Kyrgyzstan, general police development, spring 2012
        new("kg-community", "KG", "police-development", new(2012, 4, 10),
            "Community policing workshop in Osh. A two-day workshop for neighbourhood police officers and local crime-prevention centres on police-public partnerships, mobile police receptions and trust between police and residents.",
            "Семинар по общественно ориентированной полицейской деятельности в Оше. Двухдневный семинар для участковых уполномоченных полиции и местных центров профилактики преступности о партнёрстве полиции и общества, мобильных приёмных полиции и доверии между полицией и жителями.",
            "Osh: building police-public partnerships. Neighbourhood police officers and members of local crime-prevention centres meet for two days to discuss community policing, the mobile police receptions and how residents come to trust the police."),
        new("kg-gender", "KG", "police-development", new(2012, 4, 18),
            "Gender mainstreaming in the police. A seminar on the recruitment and promotion of women in policing, the association of policewomen and a gender-sensitive human-resource management strategy.",
            "Учёт гендерной проблематики в полиции. Семинар о наборе и продвижении женщин в полиции, ассоциации женщин-полицейских и стратегии управления кадрами с учётом гендерных аспектов.",
            "Women in the police service: a seminar on how policewomen are recruited and promoted, on their professional association and on a human-resource strategy that takes gender into account."),
        new("kg-elearning", "KG", "police-development", new(2012, 5, 2),
            "E-learning course for police academy instructors. Training of trainers on distance learning, the police academy curriculum and the design of online training modules.",
            "Курс дистанционного обучения для преподавателей академии полиции. Подготовка инструкторов по дистанционному обучению, учебной программе академии полиции и разработке онлайн-модулей обучения.",
            "Police academy teachers learn to teach online: a train-the-trainers course on the academy's curriculum, distance learning and building online training modules."),
        new("kg-corruption", "KG", "police-development", new(2012, 4, 25),
            "Anti-corruption and police accountability. A round table with the Ministry of Interior on internal control, complaints against police officers and the code of ethics.",
            "Противодействие коррупции и подотчётность полиции. Круглый стол с Министерством внутренних дел о внутреннем контроле, жалобах на сотрудников полиции и кодексе этики.",
            "Accountability of the police and the fight against corruption: the Ministry of Interior and experts discuss internal control, how complaints against police officers are handled, and the ethics code."),

        // Serbia, cybercrime, autumn 2010
        new("rs-cyber-course", "RS", "cybercrime", new(2010, 11, 1),
            "Cybercrime investigation course in Belgrade. A three-week course for officers of South-East European states on computer forensics, cyber evidence and the investigation of cybercrime, accredited by the university.",
            "Курс по расследованию киберпреступлений в Белграде. Трёхнедельный курс для сотрудников государств Юго-Восточной Европы по компьютерной криминалистике, электронным доказательствам и расследованию киберпреступлений, аккредитованный университетом.",
            "Belgrade, three weeks: officers from South-East Europe are trained to investigate cybercrime, to secure electronic evidence and to apply computer forensics; the university accredits the course."),
        new("rs-child", "RS", "cybercrime", new(2010, 11, 8),
            "Online child sexual exploitation. A workshop for prosecutors and police on identifying victims of online child abuse material and co-operation with internet service providers.",
            "Сексуальная эксплуатация детей в интернете. Семинар для прокуроров и полиции по выявлению жертв материалов о сексуальном насилии над детьми в интернете и сотрудничеству с интернет-провайдерами.",
            "Prosecutors and police officers work together on finding the children shown in online abuse material and on co-operating with internet service providers against online child sexual exploitation."),
        new("rs-247", "RS", "cybercrime", new(2010, 11, 22),
            "Readiness of the 24/7 network. A table-top exercise on the G8 24/7 contact points for urgent requests for the preservation of computer data across borders.",
            "Готовность сети 24/7. Штабное учение для контактных пунктов сети G8 24/7 по срочным запросам о сохранении компьютерных данных за рубежом.",
            "A table-top exercise tests whether the G8 24/7 contact points can answer urgent cross-border requests to preserve computer data."),

        // Tajikistan, illicit drugs, spring 2011
        new("tj-narcotics", "TJ", "drugs", new(2011, 3, 14),
            "Counter-narcotics training of trainers for Afghan officers in Dushanbe. Drug detection at border crossing points, interdiction of drug trafficking and search techniques.",
            "Подготовка инструкторов по борьбе с наркотиками для афганских сотрудников в Душанбе. Обнаружение наркотиков в пунктах пропуска через границу, пресечение незаконного оборота наркотиков и методы досмотра.",
            "Afghan officers become trainers in Dushanbe: how to detect drugs at border crossing points, how to search, and how to interdict drug trafficking."),
        new("tj-precursors", "TJ", "drugs", new(2011, 3, 21),
            "Control of chemical precursors. A workshop for customs and drug control agencies on the diversion of precursor chemicals and the international control regime.",
            "Контроль над химическими прекурсорами. Семинар для таможни и органов по контролю над наркотиками об утечке химических прекурсоров и международном режиме контроля.",
            "Customs officers and drug control agencies meet on the diversion of precursor chemicals used to make drugs and on international precursor control."),
        new("tj-delivery", "TJ", "drugs", new(2011, 4, 4),
            "Controlled delivery exercise. A live exercise of a controlled delivery of heroin across the border with neighbouring states' drug control services.",
            "Учение по контролируемой поставке. Практическое учение по контролируемой поставке героина через границу со службами по контролю над наркотиками соседних государств.",
            "Heroin is followed across the border in a live controlled delivery exercise run together with the drug control services of the neighbouring states."),

        // Azerbaijan, trafficking in human beings, December 2012
        new("az-conference", "AZ", "trafficking", new(2012, 12, 6),
            "International conference in Baku on co-operation against trafficking in human beings and forced labour, with about one hundred participants from law enforcement, labour inspection and civil society.",
            "Международная конференция в Баку о сотрудничестве в борьбе с торговлей людьми и принудительным трудом, около ста участников из правоохранительных органов, трудовой инспекции и гражданского общества.",
            "Baku hosts some hundred participants from law enforcement agencies, labour inspectorates and civil society to co-operate against forced labour and human trafficking."),
        new("az-victims", "AZ", "trafficking", new(2012, 12, 12),
            "Identification of victims of trafficking. Training for police and border guards on indicators of human trafficking, referral of presumed victims and victim protection.",
            "Выявление жертв торговли людьми. Обучение сотрудников полиции и пограничников признакам торговли людьми, направлению предполагаемых жертв и защите жертв.",
            "Police officers and border guards learn the indicators that a person is trafficked, how to refer presumed victims and how to protect them."),
        new("az-assets", "AZ", "trafficking", new(2012, 11, 28),
            "Financial investigation of human trafficking. A seminar on the identification, seizure and confiscation of criminal assets and proceeds of trafficking.",
            "Финансовые расследования торговли людьми. Семинар по выявлению, аресту и конфискации преступных активов и доходов от торговли людьми.",
            "Following the money of traffickers: a seminar on finding, seizing and confiscating criminal assets and the proceeds of human trafficking."),

        // Kazakhstan, terrorism, autumn 2013
        new("kz-extremism", "KZ", "terrorism", new(2013, 9, 16),
            "Countering violent extremism and radicalization that lead to terrorism: a community policing approach. Workshop for police officers and community leaders.",
            "Противодействие насильственному экстремизму и радикализации, ведущим к терроризму: подход на основе общественно ориентированной полицейской деятельности. Семинар для сотрудников полиции и лидеров общин.",
            "Police officers and community leaders discuss how community policing helps to prevent violent extremism and the radicalization that leads to terrorism."),
        new("kz-travel", "KZ", "terrorism", new(2013, 9, 24),
            "Travel document security. A course for border police on detecting forged passports and the use of advance passenger information against foreign terrorist fighters.",
            "Безопасность проездных документов. Курс для пограничной полиции по выявлению поддельных паспортов и использованию предварительной информации о пассажирах против иностранных боевиков-террористов.",
            "Border police learn to spot forged passports and to use advance passenger information to stop foreign terrorist fighters; the course is about the security of travel documents."),

        // Moldova, organized crime, summer 2014
        new("md-money", "MD", "organized-crime", new(2014, 6, 9),
            "Money laundering investigations. Training for financial investigators and prosecutors on tracing the proceeds of organized crime and asset recovery.",
            "Расследование отмывания денег. Обучение финансовых следователей и прокуроров отслеживанию доходов от организованной преступности и возвращению активов.",
            "Financial investigators and prosecutors are trained to trace the proceeds of organized crime, to investigate money laundering and to recover assets."),
        new("md-firearms", "MD", "organized-crime", new(2014, 6, 16),
            "Illicit trafficking in firearms. A workshop on the firearms protocol, the marking and tracing of weapons and cross-border co-operation of law enforcement.",
            "Незаконный оборот огнестрельного оружия. Семинар о протоколе об огнестрельном оружии, маркировке и отслеживании оружия и трансграничном сотрудничестве правоохранительных органов.",
            "Weapons marking and tracing, the firearms protocol and how law enforcement co-operates across borders against illicit firearms trafficking."),
    ];

    private static readonly string[] Structures = ["SPMU", "MSRB", "CiB", "OiT", "OSR-CTHB", "BMSC", "OiB", "PoA"];

    /// <summary>The records: for each base, the original (English) and three other structures' records of it.</summary>
    public static IReadOnlyList<Record> Records()
    {
        var random = new Random(22);
        var records = new List<Record>();
        for (var b = 0; b < Bases.Length; b++)
        {
            var item = Bases[b];
            var owner = Structures[b % Structures.Length];
            string Other(int k) => Structures[(b + k) % Structures.Length];
            int Shift() => random.Next(-45, 46);
            var states = new[] { item.State };
            var wider = new[] { item.State, "TM" };
            records.Add(new($"{item.Key}/original", item.Key, owner, states, [item.Priority], item.Start, item.Start.AddDays(2), item.English, "en"));
            var s1 = item.Start.AddDays(Shift());
            records.Add(new($"{item.Key}/translated", item.Key, Other(1), states, [item.Priority], s1, s1.AddDays(2), item.Russian, "ru"));
            var s2 = item.Start.AddDays(Shift());
            records.Add(new($"{item.Key}/reworded", item.Key, Other(2), b % 2 == 0 ? wider : states, [item.Priority], s2, s2.AddDays(1), item.Reworded, "en"));
            var s3 = item.Start.AddDays(Shift());
            records.Add(new($"{item.Key}/shifted", item.Key, Other(3), states, [item.Priority, "police-development"], s3, s3.AddDays(3), item.English, "en"));
        }
        return records;
    }

    /// <summary>Every pair of records of different structures that share a State and a priority (the blocking key without the date).</summary>
    public static IReadOnlyList<Pair> Pairs()
    {
        var records = Records();
        var pairs = new List<Pair>();
        for (var i = 0; i < records.Count; i++)
        {
            for (var j = i + 1; j < records.Count; j++)
            {
                var (a, b) = (records[i], records[j]);
                if (a.Structure == b.Structure || !a.States.Intersect(b.States).Any() || !a.Priorities.Intersect(b.Priorities).Any())
                {
                    continue;
                }
                pairs.Add(new Pair(a, b, a.BaseKey == b.BaseKey));
            }
        }
        return pairs;
    }
}
