using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Polis.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ActivityDocumentRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DocumentRoles",
                table: "act_activity",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DocumentRoles",
                table: "act_activity");
        }
    }
}
