using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Polis.Data;
using Polis.Reference.Contracts;

namespace Polis.Activities.Iati;

/// <summary>
/// The IATI 2.03 file of the activities the reader may see (the access rule is the query filter). Mapping: thematic
/// priorities (and some sub-areas and lines of action) to DAC 5-digit sectors (<see cref="Sectors"/>); beneficiary States
/// to recipient countries; status to the ActivityStatus codelist; the owner, co-organisers and partners as implementing
/// organisations, the publisher as accountable, donors of budget lines as funding; dates planned or actual by status;
/// each budget line as a budget and, once the activity is under way, a commitment transaction.
/// </summary>
public sealed class IatiExport(PolisDb db, IReferenceDirectory reference, IConfiguration configuration, TimeProvider clock)
{
    public const string ReferenceSetting = "Polis:Activities:Iati:Reference";
    public const string NameSetting = "Polis:Activities:Iati:Name";

    /// <summary>DAC 5-digit purpose codes by thematic priority, sub-area or line of action.</summary>
    public static readonly IReadOnlyDictionary<string, string> Sectors = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PoliceDevelopmentAndReform"] = "15210",               // security system management and reform
        ["OrganizedCrime"] = "15130",                           // legal and judicial development
        ["Terrorism"] = "15210",
        ["IllicitDrugs"] = "16063",                             // narcotics control
        ["TraffickingInHumanBeings"] = "15190",                 // facilitation of orderly, safe, regular migration
        ["Cybercrime"] = "15130",
        ["VictimsOfCrimeAndHateCrime"] = "15160",               // human rights
        ["MultiEthnicPolicingAndGenderMainstreaming"] = "15170", // women's rights organisations and institutions
        ["CounteringViolentExtremismAndRadicalization"] = "15220", // civilian peace-building, conflict prevention
        ["ConfidenceBuildingMonitoringAndAdvice"] = "15220",
    };

    public async Task<byte[]> WriteAsync(int? year, CancellationToken ct)
    {
        var publisher = Publisher();
        var names = await reference.NamesAsync(CultureInfo.GetCultureInfo("en"), ct);
        IQueryable<Activity> query = db.Set<Activity>().AsNoTracking().Include(a => a.Texts);
        if (year is { } y)
        {
            var from = new DateOnly(y, 1, 1);
            var to = new DateOnly(y, 12, 31);
            query = query.Where(a => a.StartsOn >= from && a.StartsOn <= to);
        }
        var activities = await query.OrderBy(a => a.StartsOn).ThenBy(a => a.Id).AsSplitQuery().ToListAsync(ct);
        return IatiWriter.Write(publisher, activities.Select(a => Map(a, publisher, names)), clock.GetUtcNow());
    }

    public IatiPublisher Publisher() => new(
        configuration[ReferenceSetting] is { Length: > 0 } reference ? reference : "XI-IATI-POLIS",
        configuration[NameSetting] is { Length: > 0 } name ? name : "Polis");

    internal static IatiActivity Map(Activity a, IatiPublisher publisher, ReferenceNames names)
    {
        var original = a.Texts.FirstOrDefault(t => t.Language == a.Language);
        var participants = new List<IatiParticipant> { new(publisher.Name, 2, publisher.Reference) };
        participants.AddRange(a.BudgetLines.Select(b => b.Funding == FundingSource.ExtraBudgetary && !string.IsNullOrWhiteSpace(b.Donor)
            ? names.Of(b.Donor!, ReferenceKind.State, ReferenceKind.PartnerOrganisation) : publisher.Name)
            .Distinct(StringComparer.Ordinal).Select(n => new IatiParticipant(n, 1)));
        participants.AddRange(new[] { a.OwnerCode }.Concat(a.CoOrganisers).Distinct(StringComparer.Ordinal)
            .Select(code => new IatiParticipant(names.Structure(code), 4)));
        participants.AddRange(a.Partners.Distinct(StringComparer.Ordinal).Select(code => new IatiParticipant(names.Organisation(code), 4)));
        var sectors = a.Priorities.Concat(a.SubAreas).Concat(a.LinesOfAction)
            .Select(code => Sectors.GetValueOrDefault(code)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var status = a.Status switch
        {
            ActivityStatus.Planned => 1,
            ActivityStatus.Ongoing => 2,
            ActivityStatus.Completed => 3,
            ActivityStatus.Cancelled => 5,
            _ => 6,
        };
        return new IatiActivity(a.Id, a.Title, a.Language, original?.Description, status, a.StartsOn, a.EndsOn,
            StartIsActual: a.Status is ActivityStatus.Ongoing or ActivityStatus.Completed,
            EndIsActual: a.Status is ActivityStatus.Completed,
            a.States, sectors, participants,
            [.. a.BudgetLines.Select(b => new IatiMoney(b.Amount, b.Currency, a.StartsOn, a.EndsOn))],
            a.UpdatedAt)
        {
            Translations = [.. a.Texts.Where(t => t.Language != a.Language).Select(t => (t.Language, t.Title, t.Description))],
        };
    }
}
