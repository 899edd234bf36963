#:package DocumentFormat.OpenXml

// Writes the demo library's Word edition (annual-report-2012.docx) with the Open XML SDK that Polis.Ingest reads.
// Run from this folder: dotnet run MakeDocx.cs -- ../library/annual-report-2012.docx
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

var path = args.Length > 0 ? args[0] : "annual-report-2012.docx";
using (var doc = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document))
{
    var main = doc.AddMainDocumentPart();
    main.Document = new Document(new Body(
        Heading("Annual Report of the Secretary General on Police-Related Activities in 2012"),
        Heading("1. Introduction"),
        Para("The year 2012 was marked by the adoption of the Strategic Framework for Police-Related Activities by the Permanent Council on 26 July, in decision PC.DEC/1049. The framework answers the request of the Ministerial Council in MC.DEC/9/11 and the proposals made at the 2010 Annual Police Experts Meeting, whose report was circulated as SEC.GAL/62/10. This report already groups activities by executive structure and thematic priority, as the framework foresees."),
        Heading("2. Secretariat"),
        Para("The Annual Police Experts Meeting, held in Vienna, was devoted to cybercrime and brought together about 90 experts from participating States and partner organizations. From 18 to 20 July the Strategic Police Matters Unit and the Office of the Special Representative for Combating Trafficking in Human Beings held a regional seminar in Prague on the identification, seizure and confiscation of criminal assets derived from trafficking in human beings."),
        Para("In September ODIHR published the Guidelines on Human Rights Education for Law Enforcement Officials, in English and Russian."),
        Heading("3. Field operations"),
        new Table(
            new TableProperties(new TableBorders(new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 })),
            new TableRow(Cell("Executive structure"), Cell("Main police-related activities in 2012")),
            new TableRow(Cell("Centre in Bishkek"), Cell("Community Security Initiative: mobile police receptions and local crime prevention centres in four provinces")),
            new TableRow(Cell("Mission to Serbia"), Cell("Support to the cybercrime and financial investigation units")),
            new TableRow(Cell("Office in Baku"), Cell("International conference on co-operation against trafficking in human beings and forced labour, 6-7 December, with about 100 participants")),
            new TableRow(Cell("Office in Tajikistan"), Cell("Counter-narcotics training, including officers from Afghanistan"))),
        Heading("4. Outlook"),
        Para("In 2013 all executive structures will plan their police-related activities under the six thematic priorities and five lines of action of the new framework, and the Secretariat will publish guidance on police reform within criminal justice system reform and a resource guide for police trainers on trafficking in human beings."),
        new SectionProperties()));

    doc.PackageProperties.Title = "Annual Report on Police-Related Activities 2012";
    doc.PackageProperties.Creator = "Secretariat";
    doc.PackageProperties.Language = "en-GB";
    doc.PackageProperties.Created = new DateTime(2013, 6, 28, 9, 30, 0, DateTimeKind.Utc);
}
Console.WriteLine($"wrote {path}");

static Paragraph Heading(string text) => new(new Run(new RunProperties(new Bold()), new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

static Paragraph Para(string text) => new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

static TableCell Cell(string text) => new(Para(text));
