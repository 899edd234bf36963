using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Polis.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ImportJournal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "lib_import_journal",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lib_import_journal", x => x.Key);
                    table.ForeignKey(
                        name: "FK_lib_import_journal_lib_document_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "lib_document",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_lib_import_journal_DocumentId",
                table: "lib_import_journal",
                column: "DocumentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "lib_import_journal");
        }
    }
}
