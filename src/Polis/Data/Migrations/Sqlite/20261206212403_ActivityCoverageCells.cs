using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Polis.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ActivityCoverageCells : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Access",
                table: "act_coverage_key",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "act_coverage_cell",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Access = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Activities = table.Column<int>(type: "INTEGER", nullable: false),
                    Participants = table.Column<int>(type: "INTEGER", nullable: false),
                    Women = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_act_coverage_cell", x => new { x.Year, x.State, x.Priority, x.Access });
                });

            migrationBuilder.CreateIndex(
                name: "IX_act_coverage_key_Access_Year",
                table: "act_coverage_key",
                columns: new[] { "Access", "Year" });

            // Hand-written (keep when regenerating this migration): the keys again by the rule of
            // ActivityCoverageKey.KeysOf, with the access level; the cells from them; then the triggers that keep the
            // cells equal to the keys' sums on every later write. (A later migration that rebuilds act_coverage_key on
            // SQLite drops its triggers: it must create them again from Triggers.)
            migrationBuilder.Sql(RefillKeys);
            migrationBuilder.Sql(FillCells);
            migrationBuilder.Sql(Triggers);
        }

        /// <summary>Every activity's coverage keys from its stored columns (the SQL form of <c>ActivityCoverageKey.KeysOf</c>; KeepingTheCoverageKeys compares them).</summary>
        public const string RefillKeys = """
            DELETE FROM act_coverage_key;
            INSERT INTO act_coverage_key (ActivityId, State, Priority, StartsOn, Year, Participants, Women, Access)
            SELECT a.Id, s.value, p.value, a.StartsOn, CAST(substr(a.StartsOn, 1, 4) AS INTEGER), COALESCE(a.ParticipantsTotal, 0), COALESCE(a.ParticipantsWomen, 0), a.Access
            FROM act_activity a, json_each(a.States) s, json_each(a.Priorities) p
            UNION
            SELECT a.Id, s.value, '', a.StartsOn, CAST(substr(a.StartsOn, 1, 4) AS INTEGER), COALESCE(a.ParticipantsTotal, 0), COALESCE(a.ParticipantsWomen, 0), a.Access
            FROM act_activity a, json_each(a.States) s
            UNION
            SELECT a.Id, '', p.value, a.StartsOn, CAST(substr(a.StartsOn, 1, 4) AS INTEGER), COALESCE(a.ParticipantsTotal, 0), COALESCE(a.ParticipantsWomen, 0), a.Access
            FROM act_activity a, json_each(a.Priorities) p
            UNION
            SELECT a.Id, '', '', a.StartsOn, CAST(substr(a.StartsOn, 1, 4) AS INTEGER), COALESCE(a.ParticipantsTotal, 0), COALESCE(a.ParticipantsWomen, 0), a.Access
            FROM act_activity a;
            """;

        /// <summary>The cells as the sums of the keys of the activities that are not restricted.</summary>
        public const string FillCells = """
            DELETE FROM act_coverage_cell;
            INSERT INTO act_coverage_cell (Year, State, Priority, Access, Activities, Participants, Women)
            SELECT Year, State, Priority, Access, COUNT(*), SUM(Participants), SUM(Women) FROM act_coverage_key
            WHERE Access <> 'Restricted' GROUP BY Year, State, Priority, Access;
            """;

        /// <summary>Each write to a key moves its counts into (or out of) its cell, in the writer's transaction.</summary>
        public const string Triggers = """
            CREATE TRIGGER act_coverage_key_insert AFTER INSERT ON act_coverage_key WHEN NEW.Access <> 'Restricted'
            BEGIN
              INSERT INTO act_coverage_cell (Year, State, Priority, Access, Activities, Participants, Women)
              VALUES (NEW.Year, NEW.State, NEW.Priority, NEW.Access, 1, NEW.Participants, NEW.Women)
              ON CONFLICT (Year, State, Priority, Access) DO UPDATE SET Activities = Activities + 1,
                Participants = Participants + excluded.Participants, Women = Women + excluded.Women;
            END;
            CREATE TRIGGER act_coverage_key_delete AFTER DELETE ON act_coverage_key WHEN OLD.Access <> 'Restricted'
            BEGIN
              UPDATE act_coverage_cell SET Activities = Activities - 1, Participants = Participants - OLD.Participants, Women = Women - OLD.Women
              WHERE Year = OLD.Year AND State = OLD.State AND Priority = OLD.Priority AND Access = OLD.Access;
            END;
            CREATE TRIGGER act_coverage_key_update AFTER UPDATE ON act_coverage_key
            BEGIN
              UPDATE act_coverage_cell SET Activities = Activities - 1, Participants = Participants - OLD.Participants, Women = Women - OLD.Women
              WHERE OLD.Access <> 'Restricted' AND Year = OLD.Year AND State = OLD.State AND Priority = OLD.Priority AND Access = OLD.Access;
              INSERT INTO act_coverage_cell (Year, State, Priority, Access, Activities, Participants, Women)
              SELECT NEW.Year, NEW.State, NEW.Priority, NEW.Access, 1, NEW.Participants, NEW.Women WHERE NEW.Access <> 'Restricted'
              ON CONFLICT (Year, State, Priority, Access) DO UPDATE SET Activities = Activities + 1,
                Participants = Participants + excluded.Participants, Women = Women + excluded.Women;
            END;
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER act_coverage_key_insert; DROP TRIGGER act_coverage_key_delete; DROP TRIGGER act_coverage_key_update;");
            migrationBuilder.DropTable(
                name: "act_coverage_cell");

            migrationBuilder.DropIndex(
                name: "IX_act_coverage_key_Access_Year",
                table: "act_coverage_key");

            migrationBuilder.DropColumn(
                name: "Access",
                table: "act_coverage_key");
        }
    }
}
