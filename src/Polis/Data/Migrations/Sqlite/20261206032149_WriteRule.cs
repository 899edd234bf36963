using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Polis.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WriteRule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OwnerCode",
                table: "lib_document",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // Existing documents are owned by their issuing body when it is an executive structure, else by the
            // Secretariat (the import's default owner, docs/library.md).
            migrationBuilder.Sql("""
                UPDATE lib_document SET "OwnerCode" = CASE
                    WHEN "IssuingBody" IN (SELECT "Code" FROM ref_executive_structure) THEN "IssuingBody" ELSE 'SEC' END;
                """);

            migrationBuilder.CreateTable(
                name: "ref_decision_making_body",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NameRu = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ref_decision_making_body", x => x.Code);
                });

            migrationBuilder.CreateIndex(
                name: "IX_lib_document_OwnerCode",
                table: "lib_document",
                column: "OwnerCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ref_decision_making_body");

            migrationBuilder.DropIndex(
                name: "IX_lib_document_OwnerCode",
                table: "lib_document");

            migrationBuilder.DropColumn(
                name: "OwnerCode",
                table: "lib_document");
        }
    }
}
