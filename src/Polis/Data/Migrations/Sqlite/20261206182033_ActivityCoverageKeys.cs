using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Polis.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ActivityCoverageKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "act_coverage_key",
                columns: table => new
                {
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Participants = table.Column<int>(type: "INTEGER", nullable: false),
                    Women = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_act_coverage_key", x => new { x.ActivityId, x.State, x.Priority });
                    table.ForeignKey(
                        name: "FK_act_coverage_key_act_activity_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "act_activity",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_act_coverage_key_State_Priority_StartsOn",
                table: "act_coverage_key",
                columns: new[] { "State", "Priority", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_act_coverage_key_Year_State_Priority",
                table: "act_coverage_key",
                columns: new[] { "Year", "State", "Priority" });

            // The existing activities' keys (what Activity.SyncCoverageKeys writes from now on): State x priority,
            // each State with "", "" with each priority.
            migrationBuilder.Sql("""
                INSERT OR IGNORE INTO act_coverage_key (ActivityId, State, Priority, StartsOn, Year, Participants, Women)
                SELECT a.Id, s.value, p.value, a.StartsOn, CAST(substr(a.StartsOn, 1, 4) AS INTEGER), COALESCE(a.ParticipantsTotal, 0), COALESCE(a.ParticipantsWomen, 0)
                FROM act_activity a, json_each(a.States) s, json_each(a.Priorities) p;
                INSERT OR IGNORE INTO act_coverage_key (ActivityId, State, Priority, StartsOn, Year, Participants, Women)
                SELECT a.Id, s.value, '', a.StartsOn, CAST(substr(a.StartsOn, 1, 4) AS INTEGER), COALESCE(a.ParticipantsTotal, 0), COALESCE(a.ParticipantsWomen, 0)
                FROM act_activity a, json_each(a.States) s;
                INSERT OR IGNORE INTO act_coverage_key (ActivityId, State, Priority, StartsOn, Year, Participants, Women)
                SELECT a.Id, '', p.value, a.StartsOn, CAST(substr(a.StartsOn, 1, 4) AS INTEGER), COALESCE(a.ParticipantsTotal, 0), COALESCE(a.ParticipantsWomen, 0)
                FROM act_activity a, json_each(a.Priorities) p;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "act_coverage_key");
        }
    }
}
