using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Activities;
using Polis.Data;
using Polis.Tests.Fixtures;

namespace Polis.Tests.Activities;

/// <summary>
/// The co-ordination outputs over HTTP on a real database: overlap warnings across languages (explained, only among
/// activities the reader may see, only of other structures), the co-ordination page, coverage (JSON, CSV, XLSX, page),
/// the annual report (JSON, page, DOCX; a restricted activity changes nothing for a reader who may not see it) and the
/// IATI file (valid against the official 2.03 schema and codelists).
/// </summary>
public abstract class CoordinatingActivities(PolisApp app) : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The activities of the scenario, made once per database.</summary>
    internal sealed record Setup(Guid English, Guid Russian, Guid Unrelated, Guid RestrictedTwin, Guid RestrictedCyber, Guid Previous, Guid SameStructure);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PolisApp, Task<Setup>> Setups = [];
    private Setup setup = null!;

    public async ValueTask InitializeAsync() => setup = await Setups.GetValue(app, CreateSetupAsync);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static readonly OverlapLabelledSet.Base Community = OverlapLabelledSet.Bases.Single(b => b.Key == "kg-community");
    private static readonly OverlapLabelledSet.Base Gender = OverlapLabelledSet.Bases.Single(b => b.Key == "kg-gender");
    private static readonly OverlapLabelledSet.Base Cyber = OverlapLabelledSet.Bases.Single(b => b.Key == "rs-cyber-course");

    private static async Task<Setup> CreateSetupAsync(PolisApp app)
    {
        var english = await AddAsync(app, "SPMU", "en", "Community policing workshop in Osh", Community.English, ["KG"], "PoliceDevelopmentAndReform",
            new(2025, 4, 10), 30, 12, AccessLevel.Public, [], budget: 5000.50m);
        var russian = await AddAsync(app, "CBISHKEK", "ru", "Семинар по общественно ориентированной полицейской деятельности в Оше", Community.Russian,
            ["KG"], "PoliceDevelopmentAndReform", new(2025, 4, 19), 25, 10, AccessLevel.Public, []);
        var unrelated = await AddAsync(app, "CBISHKEK", "en", "Gender mainstreaming in the police", Gender.English, ["KG"], "PoliceDevelopmentAndReform",
            new(2025, 4, 15), 20, 15, AccessLevel.Public, []);
        var twin = await AddAsync(app, "TNTD", "en", "Osh: building police-public partnerships", Community.Reworded, ["KG"], "PoliceDevelopmentAndReform",
            new(2025, 4, 12), 18, 9, AccessLevel.Restricted, [AccessGrant.ToOrganisation("TNTD")]);
        var cyber = await AddAsync(app, "SPMU", "en", "Cybercrime investigation course in Belgrade", Cyber.English, ["RS"], "Cybercrime",
            new(2025, 6, 2), 40, 5, AccessLevel.Restricted, [AccessGrant.ToOrganisation("SPMU")]);
        var previous = await AddAsync(app, "CASTANA", "en", "Countering violent extremism workshop", "Community policing approach to violent extremism.",
            ["KZ"], "Terrorism", new(2024, 9, 16), 10, 4, AccessLevel.Public, []);
        var same = await AddAsync(app, "SPMU", "en", "Community policing workshop in Osh (second session)", Community.English, ["KG"], "PoliceDevelopmentAndReform",
            new(2025, 4, 24), 30, 12, AccessLevel.Public, []);
        return new Setup(english, russian, unrelated, twin, cyber, previous, same);
    }

    internal static async Task<Guid> AddAsync(PolisApp app, string owner, string language, string title, string description, string[] states,
        string priority, DateOnly start, int? participants, int? women, AccessLevel access, AccessGrant[] parties, decimal? budget = null,
        string? outcomes = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PolisDb>();
        var values = new ActivityValues
        {
            Language = language,
            Texts = [new ActivityTextValues(language, title, description, outcomes ?? (language == "ru" ? "Обучено 30 участковых." : "30 officers trained."))],
            Owner = owner,
            Type = ActivityType.Workshop,
            Status = ActivityStatus.Completed,
            Priorities = [priority],
            LinesOfAction = ["Training"],
            States = states,
            Location = language == "ru" ? "Ош" : "Osh",
            LocationState = states[0],
            StartsOn = start,
            EndsOn = start.AddDays(2),
            ParticipantsTotal = participants,
            ParticipantsWomen = women,
            ParticipantsMen = participants - women,
            BudgetLines = budget is { } amount ? [new BudgetLine(amount, "EUR", FundingSource.ExtraBudgetary, "DE")] : [],
            Access = access,
            AllowedParties = parties,
        };
        var activity = Activity.Create(values, Viewer.System, app.Clock.GetUtcNow());
        db.Add(activity);
        await db.SaveChangesAsync(Ct);
        return activity.Id;
    }

    [Fact]
    public async Task A_Russian_activity_is_warned_of_a_similar_English_one_of_another_structure_and_told_why()
    {
        var editor = await app.SignedInAsync(Role.Editor, ["CBISHKEK"]);

        var warnings = await editor.GetFromJsonAsync<List<Warning>>($"/api/v1/activities/{setup.Russian}/overlaps", Json, Ct);

        var english = Assert.Single(warnings!, w => w.Id == setup.English);
        Assert.Equal("ru", english.Language);
        Assert.Equal("en", english.OtherLanguage);
        Assert.Equal(9, english.DaysApart);
        Assert.Equal(["KG"], english.SharedStates);
        Assert.InRange(english.ContentSimilarity, 0.25, 1);
        Assert.Equal($"same state, same priority, 9 days apart, {english.ContentSimilarity:0.00} content similarity, Russian ↔ English", english.Explanation);
        Assert.DoesNotContain(warnings!, w => w.Id == setup.Unrelated);       // same State, priority and month, other topic
        Assert.DoesNotContain(warnings!, w => w.Id == setup.RestrictedTwin);  // the twin exists, but this reader may not see it

        var russianReader = await app.SignedInAsync(Role.Editor, ["CBISHKEK"]);
        russianReader.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var inRussian = await russianReader.GetFromJsonAsync<List<Warning>>($"/api/v1/activities/{setup.Russian}/overlaps", Json, Ct);
        Assert.Contains("русский ↔ английский", Assert.Single(inRussian!, w => w.Id == setup.English).Explanation, StringComparison.Ordinal);

        // The activity's page (where the editor lands after a save) shows the same warning, explained and linked;
        // an anonymous reader of the page gets no co-ordination warnings.
        var page = System.Net.WebUtility.HtmlDecode(await russianReader.GetStringAsync($"/activities/{setup.Russian}", Ct));
        Assert.Contains($"href=\"/activities/{setup.English}\"", page, StringComparison.Ordinal);
        Assert.Contains("русский ↔ английский", page, StringComparison.Ordinal);
        var anonymousPage = await app.Anonymous().GetAsync($"/activities/{setup.Russian}", Ct);
        if (anonymousPage.IsSuccessStatusCode)
            Assert.DoesNotContain("overlap-warnings", await anonymousPage.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_who_may_see_the_restricted_twin_is_warned_of_it_and_no_one_of_the_same_structure()
    {
        var tntd = await app.SignedInAsync(Role.Editor, ["TNTD"]);

        var warnings = await tntd.GetFromJsonAsync<List<Warning>>($"/api/v1/activities/{setup.English}/overlaps", Json, Ct);

        Assert.Contains(warnings!, w => w.Id == setup.RestrictedTwin);
        Assert.Contains(warnings!, w => w.Id == setup.Russian);
        Assert.DoesNotContain(warnings!, w => w.Id == setup.SameStructure);   // same structure, no partner: its own business
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync(Role.Member)).GetAsync($"/api/v1/activities/{setup.RestrictedTwin}/overlaps", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_coordination_page_and_API_list_pairs_of_visible_activities_only()
    {
        var coordinator = await app.SignedInAsync(Role.Coordinator, ["TNTD-CC"]);

        var pairs = await coordinator.GetFromJsonAsync<List<Pair>>("/api/v1/activities/overlaps?from=2025-01-01&to=2025-12-31", Json, Ct);
        Assert.Contains(pairs!, p => new[] { p.FirstId, p.Second.Id }.ToHashSet().SetEquals([setup.English, setup.Russian]));
        Assert.DoesNotContain(pairs!, p => p.FirstId == setup.RestrictedTwin || p.Second.Id == setup.RestrictedTwin);

        var page = await coordinator.GetStringAsync("/activities/overlaps?from=2025-01-01&to=2025-12-31", Ct);
        Assert.Contains("Семинар по общественно ориентированной полицейской деятельности в Оше", page, StringComparison.Ordinal);
        Assert.Contains("Community policing workshop in Osh", page, StringComparison.Ordinal);
        Assert.Contains("Russian", page, StringComparison.Ordinal);
        Assert.DoesNotContain("building police-public partnerships", page, StringComparison.Ordinal);

        var bad = await coordinator.GetAsync("/api/v1/activities/overlaps?from=2025-12-31&to=2025-01-01", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Anonymous().GetAsync("/activities/overlaps", Ct)).StatusCode);
    }

    [Fact]
    public async Task Coverage_counts_only_what_the_reader_may_see_in_JSON_CSV_XLSX_and_the_page()
    {
        var member = await app.SignedInAsync(Role.Member);
        var spmu = await app.SignedInAsync(Role.Editor, ["SPMU"]);

        var forMember = await member.GetFromJsonAsync<JsonElement>("/api/v1/activities/coverage?year=2025", Json, Ct);
        var forSpmu = await spmu.GetFromJsonAsync<JsonElement>("/api/v1/activities/coverage?year=2025", Json, Ct);

        Assert.Equal(4, Cell(forMember, "KG", "PoliceDevelopmentAndReform").GetProperty("activities").GetInt32());   // English, Russian, unrelated, second session
        Assert.Equal(30 + 25 + 20 + 30, Cell(forMember, "KG", "PoliceDevelopmentAndReform").GetProperty("participants").GetInt32());
        Assert.Equal(4, forMember.GetProperty("total").GetProperty("activities").GetInt32());
        Assert.False(HasState(forMember, "RS"));
        Assert.True(HasState(forSpmu, "RS"));
        Assert.Equal(5, forSpmu.GetProperty("total").GetProperty("activities").GetInt32());
        var trend = forMember.GetProperty("trend").EnumerateArray().ToDictionary(y => y.GetProperty("year").GetInt32(), y => y.GetProperty("counts").GetProperty("activities").GetInt32());
        Assert.Equal(1, trend[2024]);
        Assert.Equal(4, trend[2025]);

        var filtered = await member.GetFromJsonAsync<JsonElement>("/api/v1/activities/coverage?year=2025&structure=CBISHKEK", Json, Ct);
        Assert.Equal(2, filtered.GetProperty("total").GetProperty("activities").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await member.GetAsync("/api/v1/activities/coverage?type=Picnic", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await member.GetAsync("/api/v1/activities/coverage?structure=NOPE", Ct)).StatusCode);

        var csv = await member.GetStringAsync("/api/v1/activities/coverage.csv?year=2025", Ct);
        Assert.Contains("Kyrgyzstan", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Serbia", csv, StringComparison.Ordinal);
        var xlsx = await member.GetByteArrayAsync("/api/v1/activities/coverage.xlsx?year=2025", Ct);
        using (var workbook = SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(workbook, Ct));
            Assert.Equal(4, workbook.WorkbookPart!.WorksheetParts.Count());
            var text = string.Join(" ", workbook.WorkbookPart.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Text>()).Select(t => t.Text));
            Assert.Contains("Kyrgyzstan", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Serbia", text, StringComparison.Ordinal);
        }

        var page = await member.GetStringAsync("/activities/coverage?year=2025", Ct);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Contains("<table", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Kyrgyzstan</th>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<th scope=\"row\">Serbia</th>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_annual_report_lists_and_counts_only_what_the_reader_may_see_in_every_format()
    {
        var member = await app.SignedInAsync(Role.Member);
        var spmu = await app.SignedInAsync(Role.Editor, ["SPMU"]);
        var before = await ReportTextAsync(member, 2023);
        var docxBefore = await DocxTextAsync(member, 2023);
        var pageBefore = await member.GetStringAsync("/activities/reports/2023", Ct);
        await AddAsync(app, "SPMU", "en", "Public seminar on police accountability", "Accountability and internal control.", ["MD"], "PoliceDevelopmentAndReform",
            new(2023, 3, 1), 20, 8, AccessLevel.Public, []);
        var withPublic = await ReportTextAsync(member, 2023);
        Assert.NotEqual(before, withPublic);          // the comparison can see a change

        await AddAsync(app, "SPMU", "en", "Confidential assessment of the border police", "Needs assessment.", ["UA"], "OrganizedCrime",
            new(2023, 5, 2), 12, 3, AccessLevel.Restricted, [AccessGrant.ToOrganisation("SPMU")]);

        Assert.Equal(withPublic, await ReportTextAsync(member, 2023));
        var docx = await DocxTextAsync(member, 2023);
        Assert.NotEqual(docxBefore, docx);
        Assert.DoesNotContain("Confidential assessment", docx, StringComparison.Ordinal);
        Assert.DoesNotContain("Ukraine", docx, StringComparison.Ordinal);
        var page = await member.GetStringAsync("/activities/reports/2023", Ct);
        Assert.NotEqual(pageBefore, page);
        Assert.DoesNotContain("Confidential assessment", page, StringComparison.Ordinal);
        Assert.Contains("Annual Report on Police-Related Activities in 2023", page, StringComparison.Ordinal);
        Assert.Contains("Public seminar on police accountability", page, StringComparison.Ordinal);

        var forSpmu = await ReportTextAsync(spmu, 2023);
        Assert.Contains("Confidential assessment of the border police", forSpmu, StringComparison.Ordinal);
        Assert.Contains("In 2023, 2 police-related activities", forSpmu, StringComparison.Ordinal);
        Assert.Contains("In 2023, 1 police-related activities", withPublic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_has_a_summary_with_the_change_from_the_previous_year_chapters_and_annexes_and_a_valid_docx()
    {
        var member = await app.SignedInAsync(Role.Member);

        var report = await member.GetFromJsonAsync<JsonElement>("/api/v1/activities/reports/2025", Json, Ct);
        var text = string.Join("\n", report.GetProperty("blocks").EnumerateArray().Select(b => b.GetRawText()));
        Assert.Equal("Annual Report on Police-Related Activities in 2025", report.GetProperty("title").GetString());
        Assert.Contains("In 2025, 4 police-related activities were recorded for 1 participating States by 2 executive structures, with 105 participants, 49 of them women.", text, StringComparison.Ordinal);
        Assert.Contains("Compared with 2024: 4 activities (+3, +300 %)", text, StringComparison.Ordinal);
        Assert.Contains("Centre in Bishkek", text, StringComparison.Ordinal);
        Assert.Contains("Annex 2. Activities by line of action", text, StringComparison.Ordinal);

        var response = await member.GetAsync("/api/v1/activities/reports/2025.docx", Ct);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        using var docx = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct)), false);
        Assert.Empty(new OpenXmlValidator().Validate(docx, Ct));
        var body = docx.MainDocumentPart!.Document!.Body!;
        Assert.Contains(body.Descendants<DocumentFormat.OpenXml.Wordprocessing.FieldCode>(), f => f.Text.Contains("TOC", StringComparison.Ordinal));
        Assert.Contains(body.Descendants<DocumentFormat.OpenXml.Wordprocessing.ParagraphStyleId>(), s => s.Val == "Heading1");
        Assert.NotEmpty(body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Table>());

        Assert.Equal(HttpStatusCode.BadRequest, (await member.GetAsync("/api/v1/activities/reports/1200", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/activities/reports/2025", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_report_docx_draws_each_chart_as_a_picture_with_alt_text_before_its_numbers()
    {
        var member = await app.SignedInAsync(Role.Member);
        var report = await member.GetFromJsonAsync<JsonElement>("/api/v1/activities/reports/2025", Json, Ct);
        var captions = report.GetProperty("blocks").EnumerateArray().Where(b => b.GetProperty("kind").GetString() == "chart")
            .Select(b => b.GetProperty("numbers").GetProperty("caption").GetString()!).ToList();
        Assert.NotEmpty(captions);

        var bytes = await member.GetByteArrayAsync("/api/v1/activities/reports/2025.docx", Ct);

        using var docx = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new OpenXmlValidator().Validate(docx, Ct));
        var main = docx.MainDocumentPart!;
        var images = main.ImageParts.ToList();
        Assert.Equal(captions.Count, images.Count);
        foreach (var image in images)
        {
            Assert.Equal("image/png", image.ContentType);
            using var png = image.GetStream();
            var header = new byte[8];
            png.ReadExactly(header);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, header);
            Assert.True(png.Length > 2000, $"a PNG of {png.Length} bytes draws next to nothing");
        }
        var pictures = main.Document!.Body!.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.Inline>().ToList();
        Assert.Equal(captions.Count, pictures.Count);
        for (var i = 0; i < pictures.Count; i++)
        {
            var alt = pictures[i].DocProperties!.Description!.Value!;
            Assert.StartsWith(captions[i], alt, StringComparison.Ordinal);
            Assert.Contains("the same numbers are in the table that follows", alt, StringComparison.Ordinal);
            var embed = pictures[i].Descendants<DocumentFormat.OpenXml.Drawing.Blip>().Single().Embed!.Value!;
            Assert.IsType<ImagePart>(main.GetPartById(embed));
        }

        var russian = await app.SignedInAsync(Role.Member);
        russian.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        using var inRussian = WordprocessingDocument.Open(new MemoryStream(await russian.GetByteArrayAsync("/api/v1/activities/reports/2025.docx", Ct)), false);
        Assert.All(inRussian.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>(),
            p => Assert.Contains("те же числа приведены в следующей таблице", p.Description!.Value!, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ru")]
    public async Task The_report_page_and_the_docx_hold_every_table_of_the_report_cell_for_cell_in_order(string language)
    {
        var member = await app.SignedInAsync(Role.Member);
        member.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var report = await member.GetFromJsonAsync<JsonElement>("/api/v1/activities/reports/2025", Json, Ct);
        // Each table of the report (a chart's numbers too) as its caption, header and rows, in reading order.
        var expected = report.GetProperty("blocks").EnumerateArray()
            .Select(b => b.GetProperty("kind").GetString() switch { "table" => b, "chart" => b.GetProperty("numbers"), _ => (JsonElement?)null })
            .OfType<JsonElement>()
            .Select(t => (Caption: t.GetProperty("caption").GetString()!,
                Rows: (List<List<string>>)[[.. t.GetProperty("table").GetProperty("headers").EnumerateArray().Select(h => h.GetString()!)],
                    .. t.GetProperty("table").GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString() ?? "").ToList())]))
            .ToList();
        Assert.True(expected.Count >= 6, "the report has chapters, annexes and charts");
        Assert.Contains(expected, t => t.Rows.Count > 1);

        var bytes = await member.GetByteArrayAsync("/api/v1/activities/reports/2025.docx", Ct);
        using var docx = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new OpenXmlValidator().Validate(docx, Ct));
        var body = docx.MainDocumentPart!.Document!.Body!;
        var tables = body.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>().ToList();
        Assert.Equal(expected.Count, tables.Count);
        for (var i = 0; i < tables.Count; i++)
        {
            var rows = tables[i].Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>()
                .Select(r => r.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText).ToList()).ToList();
            Assert.Equal(expected[i].Rows, rows);
            Assert.Equal(expected[i].Caption, tables[i].PreviousSibling<DocumentFormat.OpenXml.Wordprocessing.Paragraph>()!.InnerText);
            Assert.NotNull(tables[i].Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>().First().TableRowProperties?
                .GetFirstChild<DocumentFormat.OpenXml.Wordprocessing.TableHeader>());   // the header row repeats on each page
        }

        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await member.GetStringAsync("/activities/reports/2025", Ct));
        var htmlTables = page.QuerySelectorAll("article.report table").ToList();
        Assert.Equal(expected.Count, htmlTables.Count);
        for (var i = 0; i < htmlTables.Count; i++)
        {
            Assert.Equal(expected[i].Caption, htmlTables[i].QuerySelector("caption")!.TextContent);
            Assert.Equal(expected[i].Rows, htmlTables[i].QuerySelectorAll("tr").Select(r => r.Children.Select(c => c.TextContent).ToList()).ToList());
            Assert.All(htmlTables[i].QuerySelectorAll("thead th"), h => Assert.Equal("col", h.GetAttribute("scope")));
            Assert.All(htmlTables[i].QuerySelectorAll("tbody tr"), r => Assert.Equal("row", r.Children[0].GetAttribute("scope")));
            Assert.Equal((language == "ru" ? "Таблица: " : "Table: ") + expected[i].Caption,
                htmlTables[i].ParentElement!.GetAttribute("aria-label"));
        }
    }

    [Fact]
    public async Task The_IATI_file_of_what_the_reader_may_see_validates_against_the_official_schema_and_codelists()
    {
        var member = await app.SignedInAsync(Role.Member);

        var xml = await member.GetStringAsync("/api/v1/activities/iati.xml?year=2025", Ct);

        Assert.Contains(setup.English.ToString("N"), xml, StringComparison.Ordinal);
        Assert.DoesNotContain(setup.RestrictedTwin.ToString("N"), xml, StringComparison.Ordinal);
        Assert.DoesNotContain(setup.RestrictedCyber.ToString("N"), xml, StringComparison.Ordinal);
        Assert.Contains("<sector vocabulary=\"1\" code=\"15210\" percentage=\"100\" />", xml, StringComparison.Ordinal);
        Assert.Contains("<recipient-country code=\"KG\" percentage=\"100\" />", xml, StringComparison.Ordinal);
        Assert.Contains("<activity-status code=\"3\" />", xml, StringComparison.Ordinal);
        Assert.Contains("<value currency=\"EUR\" value-date=\"2025-04-10\">5000.5", xml, StringComparison.Ordinal);
        var path = Path.Combine(app.DataPath, "iati-" + Guid.NewGuid().ToString("N")[..6] + ".xml");
        await File.WriteAllTextAsync(path, xml, Ct);
        var (exit, output) = await Validators.RunAsync("validate-iati.sh", path);
        Assert.True(exit == 0, output);

        var spmu = await app.SignedInAsync(Role.Editor, ["SPMU"]);
        var all = await spmu.GetStringAsync("/api/v1/activities/iati.xml", Ct);
        Assert.Contains(setup.RestrictedCyber.ToString("N"), all, StringComparison.Ordinal);
        Assert.Contains(setup.Previous.ToString("N"), all, StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, all, Ct);
        (exit, output) = await Validators.RunAsync("validate-iati.sh", path);
        Assert.True(exit == 0, output);
    }

    private static JsonElement Cell(JsonElement matrix, string state, string priority) =>
        matrix.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("state").GetString() == state && c.GetProperty("priority").GetString() == priority)
            .GetProperty("counts");

    private static bool HasState(JsonElement matrix, string state) =>
        matrix.GetProperty("states").EnumerateArray().Any(s => s.GetProperty("code").GetString() == state);

    private static async Task<string> ReportTextAsync(HttpClient client, int year)
    {
        var report = await client.GetFromJsonAsync<JsonElement>($"/api/v1/activities/reports/{year}", Json, Ct);
        return string.Join("\n", report.GetProperty("blocks").EnumerateArray().Select(b => b.GetRawText()));
    }

    private static async Task<string> DocxTextAsync(HttpClient client, int year)
    {
        var bytes = await client.GetByteArrayAsync($"/api/v1/activities/reports/{year}.docx", Ct);
        using var docx = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        return docx.MainDocumentPart!.Document!.Body!.InnerText;
    }

    internal sealed record Warning(Guid Id, string Title, string Owner, double Score, double ContentSimilarity, int DaysApart,
        List<string> SharedStates, List<string> SharedPriorities, string Language, string OtherLanguage, string Explanation);

    internal sealed record Pair(Guid FirstId, string FirstTitle, Warning Second);
}

public sealed class CoordinatingActivitiesOnSqlite(SqliteApp app) : CoordinatingActivities(app), IClassFixture<SqliteApp>;

public sealed class CoordinatingActivitiesOnPostgres(PostgresApp app) : CoordinatingActivities(app), IClassFixture<PostgresApp>;
