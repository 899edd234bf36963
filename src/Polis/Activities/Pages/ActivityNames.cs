using System.Globalization;

namespace Polis.Activities.Pages;

/// <summary>Names of the activity codes and fields in the reader's language (strings.tsv).</summary>
public static class ActivityNames
{
    private static string Named(string key, string fallback) => Text.ResourceManager.GetString(key, CultureInfo.CurrentUICulture) ?? fallback;

    public static string Type(ActivityType type) => Named("ActivityType_" + type, type.ToString());
    public static string Status(ActivityStatus status) => Named("ActivityStatus_" + status, status.ToString());
    public static string Agency(Agency agency) => Named("Agency_" + agency, agency.ToString());
    public static string Role(DocumentRole role) => Named("DocumentRole_" + role, role.ToString());
    public static string Funding(FundingSource funding) => Named("Funding_" + funding, funding.ToString());

    public static string Access(Polis.Accounts.Contracts.AccessLevel level) => level switch
    {
        Polis.Accounts.Contracts.AccessLevel.Public => Text.AccessPublic,
        Polis.Accounts.Contracts.AccessLevel.Registered => Text.AccessRegistered,
        Polis.Accounts.Contracts.AccessLevel.Members => Text.AccessMembers,
        _ => Text.AccessRestricted,
    };

    /// <summary>The label of a field of <see cref="ActivityInput"/> (also <c>Title:ru</c>, <c>BudgetLines[1].Amount</c>).</summary>
    public static string Field(string field)
    {
        var (name, suffix) = field.Split(':') is [var n, var lang] ? (n, $" ({lang})") : (field, "");
        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        var row = "";
        if (bracket > 0 && name.IndexOf(']', StringComparison.Ordinal) is var close and > 0)
        {
            row = $" {int.Parse(name[(bracket + 1)..close], CultureInfo.InvariantCulture) + 1}";
            var part = name[(close + 1)..].TrimStart('.');
            name = name[..bracket];
            var label = name switch
            {
                nameof(ActivityInput.Translations) => Text.ActivitiesTranslation,
                nameof(ActivityInput.ParticipantsByState) => Text.ActivitiesParticipantsByState,
                nameof(ActivityInput.BudgetLines) => Text.ActivitiesBudgetLine,
                _ => name,
            };
            return part.Length == 0 ? label + row : $"{label}{row}: {Field(part)}";
        }
        return Named("Activities" + name, name) + suffix + row;
    }

    /// <summary>The element id of a form field (<c>BudgetLines[0].Amount</c> → <c>f-BudgetLines-0-Amount</c>).</summary>
    public static string FieldId(string field) => "f-" + field.Replace("].", "-", StringComparison.Ordinal).Replace('[', '-').Replace(']', '-').Replace('.', '-').Replace(':', '-');

    public static string Date(DateOnly d) => d.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    public static string Dates(DateOnly start, DateOnly end) => start == end ? Date(start) : $"{Date(start)} – {Date(end)}";
}
