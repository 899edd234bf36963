using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Polis.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddEditionSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "Keywords",
                table: "lib_edition",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<string>(
                name: "Summary",
                table: "lib_edition",
                type: "character varying(5000)",
                maxLength: 5000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Keywords",
                table: "lib_edition");

            migrationBuilder.DropColumn(
                name: "Summary",
                table: "lib_edition");
        }
    }
}
