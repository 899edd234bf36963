using System.Globalization;
using System.Text;
using CsvHelper;

namespace Polis.Activities.Csv;

/// <summary>
/// The CSV column set of activities (docs/activities.md): the same for export and import, UTF-8, comma-separated,
/// a header row. Lists are separated by <c>;</c>; participants by State as <c>KG:10;KZ:5</c>; budget lines as
/// <c>AMOUNT CURRENCY FUNDING [DONOR]</c> separated by <c>;</c> (e.g. <c>12500.50 EUR UnifiedBudget;3000 USD ExtraBudgetary Germany</c>).
/// </summary>
public static class ActivityCsv
{
    /// <summary>The columns, in order. <c>id</c> is written on export and ignored on import (every imported row is a new activity).</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "language", "title", "description", "outcomes", "owner", "co_organisers", "type", "status", "priorities", "sub_areas",
        "lines_of_action", "states", "agencies", "partners", "location", "location_state", "starts_on", "ends_on", "participants_total",
        "participants_women", "participants_men", "participants_by_state", "budget_lines", "access", "allowed_parties",
    ];

    /// <summary>The CSV column a field of <see cref="ActivityInput"/> comes from (for row-and-column error reports).</summary>
    public static string ColumnOf(string field)
    {
        var name = field.Split('[', '.', ':')[0];
        return name switch
        {
            nameof(ActivityInput.CoOrganisers) => "co_organisers",
            nameof(ActivityInput.SubAreas) => "sub_areas",
            nameof(ActivityInput.LinesOfAction) => "lines_of_action",
            nameof(ActivityInput.LocationState) => "location_state",
            nameof(ActivityInput.StartsOn) => "starts_on",
            nameof(ActivityInput.EndsOn) => "ends_on",
            nameof(ActivityInput.ParticipantsTotal) => "participants_total",
            nameof(ActivityInput.ParticipantsWomen) => "participants_women",
            nameof(ActivityInput.ParticipantsMen) => "participants_men",
            nameof(ActivityInput.ParticipantsByState) => "participants_by_state",
            nameof(ActivityInput.BudgetLines) => "budget_lines",
            nameof(ActivityInput.AllowedParties) => "allowed_parties",
            "" => "",
            _ => name.ToLowerInvariant(),
        };
    }

    /// <summary>
    /// A cell as written to a CSV file: a value that a spreadsheet would run as a formula (starting with <c>=</c>,
    /// <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) gets a leading apostrophe, so it is shown as text.
    /// </summary>
    public static string Neutralise(string? value) =>
        value is { Length: > 0 } v && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + v : value ?? "";

    private static string Join<T>(IEnumerable<T> values) => string.Join(';', values);

    /// <summary>One activity as a row of cells (not yet neutralised).</summary>
    public static string[] Row(ActivityView a) =>
    [
        a.Id.ToString(), a.Language, a.Title, a.Description ?? "", a.Outcomes ?? "", a.Owner, Join(a.CoOrganisers), a.Type.ToString(),
        a.Status.ToString(), Join(a.Priorities), Join(a.SubAreas), Join(a.LinesOfAction), Join(a.States), Join(a.Agencies), Join(a.Partners),
        a.Location ?? "", a.LocationState ?? "", a.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        a.EndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Number(a.ParticipantsTotal), Number(a.ParticipantsWomen), Number(a.ParticipantsMen),
        Join(a.ParticipantsByState.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.State}:{p.Count}"))),
        Join(a.BudgetLines.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Amount:0.####} {b.Currency} {b.Funding}{(b.Donor is null ? "" : " " + b.Donor)}"))),
        a.Access.ToString(), Join(a.AllowedParties),
    ];

    private static string Number(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>Writes the header and the rows, every cell neutralised.</summary>
    public static async Task WriteAsync(Stream output, IAsyncEnumerable<ActivityView> activities, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using var csv = CsvWriter.Create(writer, new CsvWriterOptions { HasHeader = false, FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true);
        await csv.WriteRecordAsync([.. Columns], ct);
        await foreach (var a in activities.WithCancellation(ct))
            await csv.WriteRecordAsync([.. Row(a).Select(Neutralise)], ct);
        await csv.FlushAsync(ct);
        await writer.FlushAsync(ct);
    }
}

/// <summary>A problem of an imported file: its row (1 is the header; 0 for the file as a whole), column and message.</summary>
public sealed record CsvProblem(int Row, string Column, string Message);

/// <summary>A row of the imported file, read into the input record (its own checks come later, with the others).</summary>
public sealed record CsvRow(int Row, ActivityInput Input, IReadOnlyList<CsvProblem> Problems);
