#:package DocumentFormat.OpenXml

// Writes the DOCX fixture with the same Open XML SDK that Polis.Ingest reads it with.
// Run from this folder: dotnet run MakeDocx.cs -- ../Files/annual-report.docx
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

var path = args.Length > 0 ? args[0] : "annual-report.docx";
using (var doc = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document))
{
    var main = doc.AddMainDocumentPart();
    main.Document = new Document(new Body(
        Para("Annual Report on Police-Related Activities 2012"),
        Para("The Secretary General reports on activities of the executive structures."),
        Para("Генеральный секретарь представляет ежегодный доклад о деятельности, связанной с полицией."),
        new Table(
            new TableRow(Cell("Executive structure"), Cell("Activities")),
            new TableRow(Cell("Mission to Serbia"), Cell("Cybercrime investigation course"))),
        Para("This report follows MC.DEC/9/11 and SEC.GAL/62/10."),
        new SectionProperties()));

    doc.PackageProperties.Title = "Annual Report 2012";
    doc.PackageProperties.Creator = "Secretariat";
    doc.PackageProperties.Language = "en-GB";
    doc.PackageProperties.Created = new DateTime(2013, 6, 28, 9, 30, 0, DateTimeKind.Utc);
}
Console.WriteLine($"wrote {path}");

static Paragraph Para(string text) => new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

static TableCell Cell(string text) => new(Para(text));
