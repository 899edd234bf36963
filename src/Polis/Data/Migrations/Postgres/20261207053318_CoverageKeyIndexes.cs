using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Polis.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CoverageKeyIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_act_coverage_key_Access_Year",
                table: "act_coverage_key");

            migrationBuilder.DropIndex(
                name: "IX_act_coverage_key_Year_State_Priority",
                table: "act_coverage_key");

            migrationBuilder.CreateIndex(
                name: "IX_act_coverage_key_Restricted_Year",
                table: "act_coverage_key",
                column: "Year",
                filter: "\"Access\" = 'Restricted'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_act_coverage_key_Restricted_Year",
                table: "act_coverage_key");

            migrationBuilder.CreateIndex(
                name: "IX_act_coverage_key_Access_Year",
                table: "act_coverage_key",
                columns: new[] { "Access", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_act_coverage_key_Year_State_Priority",
                table: "act_coverage_key",
                columns: new[] { "Year", "State", "Priority" });
        }
    }
}
