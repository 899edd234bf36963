using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Polis.Data.Migrations.Postgres
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
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Priority = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Participants = table.Column<int>(type: "integer", nullable: false),
                    Women = table.Column<int>(type: "integer", nullable: false)
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
                INSERT INTO act_coverage_key ("ActivityId", "State", "Priority", "StartsOn", "Year", "Participants", "Women")
                SELECT DISTINCT a."Id", s.s, p.p, a."StartsOn", EXTRACT(YEAR FROM a."StartsOn")::int, COALESCE(a."ParticipantsTotal", 0), COALESCE(a."ParticipantsWomen", 0)
                FROM act_activity a, unnest(a."States") AS s(s), unnest(a."Priorities") AS p(p)
                ON CONFLICT DO NOTHING;
                INSERT INTO act_coverage_key ("ActivityId", "State", "Priority", "StartsOn", "Year", "Participants", "Women")
                SELECT DISTINCT a."Id", s.s, '', a."StartsOn", EXTRACT(YEAR FROM a."StartsOn")::int, COALESCE(a."ParticipantsTotal", 0), COALESCE(a."ParticipantsWomen", 0)
                FROM act_activity a, unnest(a."States") AS s(s)
                ON CONFLICT DO NOTHING;
                INSERT INTO act_coverage_key ("ActivityId", "State", "Priority", "StartsOn", "Year", "Participants", "Women")
                SELECT DISTINCT a."Id", '', p.p, a."StartsOn", EXTRACT(YEAR FROM a."StartsOn")::int, COALESCE(a."ParticipantsTotal", 0), COALESCE(a."ParticipantsWomen", 0)
                FROM act_activity a, unnest(a."Priorities") AS p(p)
                ON CONFLICT DO NOTHING;
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
