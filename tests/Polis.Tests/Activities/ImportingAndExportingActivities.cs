using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Polis.Activities;
using Polis.Tests.Fixtures;
using static Polis.Tests.Activities.ActivityRequests;

namespace Polis.Tests.Activities;

/// <summary>
/// CSV import and export (issue 22, "Bad input"): a broken row, a wrong encoding, an unknown code, a duplicate row and a
/// file past the row limit are each reported by row and column and nothing is stored; a good file is stored whole;
/// an exported cell that a spreadsheet would run as a formula is neutralised, and the XLSX holds the same rows; the
/// exports show only what the caller may read.
/// </summary>
public abstract class ImportingAndExportingActivities(PolisApp app)
{
    private const string Header = "id,language,title,description,outcomes,owner,co_organisers,type,status,priorities,sub_areas,lines_of_action,states,agencies,partners,location,location_state,starts_on,ends_on,participants_total,participants_women,participants_men,participants_by_state,budget_lines,access,allowed_parties";

    private static string Line(string title, string owner = "SPMU", string states = "KG;KZ", string start = "2015-04-01", string budget = "12500.50 EUR UnifiedBudget;3000 USD ExtraBudgetary Germany") =>
        $",en,\"{title}\",A description,,{owner},,Workshop,Completed,OrganizedCrime,,Training,{states},Police;Prosecution,UNODC,Bishkek,KG,{start},{start},20,8,12,KG:10,{budget},Public,";

    private async Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] content, bool dryRun = false)
    {
        var token = await client.GetFromJsonAsync<Polis.Accounts.AntiforgeryToken>("/api/v1/account/antiforgery", Ct);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "activities.csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/activities/import" + (dryRun ? "?dryRun=true" : "")) { Content = form };
        request.Headers.Add(token!.HeaderName, token.Token);
        return await client.SendAsync(request, Ct);
    }

    private static byte[] Utf8(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    [Fact]
    public async Task A_good_file_is_stored_whole_and_a_check_stores_nothing()
    {
        var editor = await app.EditorOfAsync("SPMU");
        var file = Utf8(Header, Line("Imported workshop one"), Line("Imported workshop two", states: "TJ"));
        var check = await ImportAsync(editor, file, dryRun: true);
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal(0, await CountAsync("Imported workshop"));
        var import = await ImportAsync(editor, file);
        Assert.Equal(HttpStatusCode.Created, import.StatusCode);
        var report = JsonNode.Parse(await import.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(2, (int)report["created"]!);
        Assert.Equal(2, await CountAsync("Imported workshop"));
        var amounts = await app.QueryAsync(db => db.AllRecords<Activity>("test").Where(a => a.Title == "Imported workshop one")
            .SelectMany(a => a.BudgetLines).Select(b => b.Amount).ToListAsync(Ct));
        Assert.Contains(12500.50m, amounts);
        // The side table of the overlap check and the coverage matrix is written with the rows, in the same save.
        var keys = await app.QueryAsync(db => db.AllRecords<Activity>("test").Where(a => a.Title == "Imported workshop one")
            .Join(db.Set<ActivityCoverageKey>(), a => a.Id, k => k.ActivityId, (a, k) => k).ToListAsync(Ct));
        // A row per State × priority (the first State's rows also count in the priority's total, the first priority's in
        // the State's) and the activity's own row.
        Assert.Equal(["KG|OrganizedCrime|True|True", "KZ|OrganizedCrime|True|False", "||False|False"],
            keys.Select(k => $"{k.State}|{k.Priority}|{k.InStateTotal}|{k.InPriorityTotal}").Order(StringComparer.Ordinal));
        Assert.All(keys, k => Assert.Equal((new DateOnly(2015, 4, 1), 2015, 20, 8), (k.StartsOn, k.Year, k.Participants, k.Women)));
    }

    [Fact]
    public async Task Every_bad_row_is_reported_by_row_and_column_and_nothing_is_stored()
    {
        var editor = await app.EditorOfAsync("SPMU");
        var response = await ImportAsync(editor, Utf8(Header,
            Line("Good row that must not be stored"),
            Line("Unknown state", states: "KG;ZZ"),
            Line("Too many decimals", budget: "10.123 EUR UnifiedBudget"),
            "only,three,cells",
            Line("Good row that must not be stored"),
            Line("Not my structure", owner: "MSRB")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["problems"]!.AsArray()
            .Select(p => ((int)p!["row"]!, (string)p["column"]!, (string)p["message"]!)).ToList();
        Assert.Contains(problems, p => p.Item1 == 3 && p.Item2 == "states" && p.Item3.Contains("'ZZ'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Item1 == 4 && p.Item2 == "budget_lines" && p.Item3.Contains("more decimals than EUR allows", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Item1 == 5 && p.Item3.Contains("The row has 3 cells", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Item1 == 6 && p.Item2 == "title" && p.Item3.Contains("as row 2", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Item1 == 7 && p.Item3.Contains("Mission to Serbia", StringComparison.Ordinal));
        Assert.Equal(0, await CountAsync("Good row that must not be stored"));
    }

    /// <summary>
    /// The store writes the checked rows in batches of 1,000 while the next are checked, in one transaction: a problem
    /// found after it began (a bad row past the first batches, or a row that repeats an activity already stored, which
    /// the duplicate query finds at the end) still leaves nothing of the file stored.
    /// </summary>
    [Fact]
    public async Task A_problem_after_the_first_thousand_rows_leaves_nothing_stored()
    {
        var editor = await app.EditorOfAsync("SPMU");
        Assert.Equal(HttpStatusCode.Created, (await ImportAsync(editor, Utf8(Header, Line("Batch test already stored", start: "2016-03-01")))).StatusCode);
        var before = await app.QueryAsync(db => db.Set<ActivityCoverageKey>().CountAsync(Ct));
        foreach (var (last, row, message) in new[]
        {
            (Line("Batch test bad state", states: "KG;ZZ"), 2502, "'ZZ'"),
            (Line("Batch test already stored", start: "2016-03-01"), 2502, ""),
        })
        {
            var lines = new List<string> { Header };
            for (var i = 0; i < 2500; i++) lines.Add(Line("Batch test row " + i.ToString(CultureInfo.InvariantCulture), start: "2016-03-02"));
            lines.Add(last);
            var response = await ImportAsync(editor, Utf8([.. lines]));
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body[..Math.Min(500, body.Length)]);
            var problems = JsonNode.Parse(body)!["problems"]!.AsArray();
            Assert.Equal(row, (int)Assert.Single(problems)!["row"]!);
            Assert.Contains(message, (string)problems[0]!["message"]!, StringComparison.Ordinal);
            Assert.Equal(0, await CountAsync("Batch test row"));
            Assert.Equal(before, await app.QueryAsync(db => db.Set<ActivityCoverageKey>().CountAsync(Ct)));
        }
    }

    [Fact]
    public async Task A_file_in_another_encoding_or_past_the_row_limit_is_refused_clearly()
    {
        var editor = await app.EditorOfAsync("SPMU");
        var cyrillic = Header + "\r\n" + Line("Семинар в Бишкеке") + "\r\n";
        var windows1251 = CodePagesEncoding().GetBytes(cyrillic);
        var wrong = await ImportAsync(editor, windows1251);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("not UTF-8", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var utf16 = await ImportAsync(editor, Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(cyrillic)).ToArray());
        Assert.Contains("not UTF-8", await utf16.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var many = new StringBuilder(Header).Append("\r\n");
        for (var i = 0; i <= Polis.Activities.Csv.ImportActivities.MaxRows; i++) many.Append("x,en,t,,,SPMU,,Workshop,,,,,,,,,,2015-01-01,,,,,,,,\r\n");
        var tooMany = await ImportAsync(editor, Encoding.UTF8.GetBytes(many.ToString()));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("more than 10000 rows", (await tooMany.Content.ReadAsStringAsync(Ct)).Replace(",", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("Семинар"));
    }

    private static Encoding CodePagesEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1251);
    }

    [Fact]
    public async Task Exported_cells_never_run_as_formulas_and_the_exports_show_only_what_the_caller_may_read()
    {
        var editor = await app.EditorOfAsync("SPMU");
        await CreateAsync(editor, Valid("=cmd|' /C calc'!A0", b => { b["location"] = "+Vienna"; b["description"] = "@SUM(A1)"; b["startsOn"] = "2019-02-02"; b["endsOn"] = "2019-02-02"; }));
        await CreateAsync(editor, Valid("Hidden export row", b =>
        {
            b["access"] = "Restricted";
            b["allowedParties"] = new JsonArray("org:SPMU");
            b["startsOn"] = "2019-02-03";
            b["endsOn"] = "2019-02-03";
        }));
        var csv = await app.Anonymous().GetStringAsync("/api/v1/activities/export.csv?year=2019", Ct);
        Assert.Contains(",'=cmd|' /C calc'!A0,", csv, StringComparison.Ordinal);
        Assert.Contains("'+Vienna", csv, StringComparison.Ordinal);
        Assert.Contains("'@SUM(A1)", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=cmd", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden export row", csv, StringComparison.Ordinal);
        Assert.Contains("Hidden export row", await editor.GetStringAsync("/api/v1/activities/export.csv?year=2019", Ct), StringComparison.Ordinal);

        var xlsx = await app.Anonymous().GetByteArrayAsync("/api/v1/activities/export.xlsx?year=2019", Ct);
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var texts = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InnerText).ToList();
        Assert.Contains("=cmd|' /C calc'!A0", texts);
        Assert.DoesNotContain(sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.CellFormula>(), _ => true);
        Assert.DoesNotContain("Hidden export row", texts);
    }

    private Task<int> CountAsync(string prefix) => app.QueryAsync(db => db.AllRecords<Activity>("test").CountAsync(a => a.Title.StartsWith(prefix), Ct));
}

public sealed class ImportingAndExportingActivitiesOnSqlite(SqliteApp app) : ImportingAndExportingActivities(app), IClassFixture<SqliteApp>;
public sealed class ImportingAndExportingActivitiesOnPostgres(PostgresApp app) : ImportingAndExportingActivities(app), IClassFixture<PostgresApp>;
