using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Polis.Data.Migrations.Sqlite
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

            // Hand-written (keep when regenerating this migration): a bulk write of new activities (StoreActivities) sums
            // its keys into the cells with one grouped upsert (ActivityCoverageKeys.AddNewAsync) instead of one run of the
            // insert trigger per key. It marks its transaction with a row of act_coverage_bulk, which the trigger checks,
            // and deletes the row before it commits, so no other connection ever sees it (a killed write rolls it back).
            migrationBuilder.Sql(BulkMarker);
        }

        /// <summary>The marker table and the insert trigger that skips a marked transaction's keys.</summary>
        public const string BulkMarker = """
            CREATE TABLE act_coverage_bulk (Marker INTEGER NOT NULL PRIMARY KEY);
            DROP TRIGGER act_coverage_key_insert;
            CREATE TRIGGER act_coverage_key_insert AFTER INSERT ON act_coverage_key
              WHEN NEW.Access <> 'Restricted' AND NOT EXISTS (SELECT 1 FROM act_coverage_bulk)
            BEGIN
              INSERT INTO act_coverage_cell (Year, State, Priority, Access, Activities, Participants, Women)
              VALUES (NEW.Year, NEW.State, NEW.Priority, NEW.Access, 1, NEW.Participants, NEW.Women)
              ON CONFLICT (Year, State, Priority, Access) DO UPDATE SET Activities = Activities + 1,
                Participants = Participants + excluded.Participants, Women = Women + excluded.Women;
            END;
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER act_coverage_key_insert;
                DROP TABLE act_coverage_bulk;
                CREATE TRIGGER act_coverage_key_insert AFTER INSERT ON act_coverage_key WHEN NEW.Access <> 'Restricted'
                BEGIN
                  INSERT INTO act_coverage_cell (Year, State, Priority, Access, Activities, Participants, Women)
                  VALUES (NEW.Year, NEW.State, NEW.Priority, NEW.Access, 1, NEW.Participants, NEW.Women)
                  ON CONFLICT (Year, State, Priority, Access) DO UPDATE SET Activities = Activities + 1,
                    Participants = Participants + excluded.Participants, Women = Women + excluded.Women;
                END;
                """);
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
