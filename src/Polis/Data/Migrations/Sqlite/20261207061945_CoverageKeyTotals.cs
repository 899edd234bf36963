using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Polis.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CoverageKeyTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand-written (keep when regenerating this migration): the old triggers go first (the keys are rewritten below).
            migrationBuilder.Sql("DROP TRIGGER act_coverage_key_insert; DROP TRIGGER act_coverage_key_delete; DROP TRIGGER act_coverage_key_update;");

            migrationBuilder.AddColumn<bool>(
                name: "InPriorityTotal",
                table: "act_coverage_key",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "InStateTotal",
                table: "act_coverage_key",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Hand-written: the keys by the new rule of ActivityCoverageKey.KeysOf (a State × priority row counts in its
            // State's and its priority's totals by its flags; a State-alone or priority-alone row only for an activity
            // without priorities or without States), the view of their counts, the cells from it, the triggers.
            migrationBuilder.Sql(RefillKeys);
            migrationBuilder.Sql(CountView);
            migrationBuilder.Sql(FillCells);
            migrationBuilder.Sql(Triggers);
        }

        /// <summary>Every activity's coverage keys from its stored columns (the SQL form of <c>ActivityCoverageKey.KeysOf</c> and <c>Describe</c>; KeepingTheCoverageKeys compares them).</summary>
        public const string RefillKeys = """
            DELETE FROM act_coverage_key;
            INSERT INTO act_coverage_key (ActivityId, State, Priority, StartsOn, Year, Participants, Women, Access, InStateTotal, InPriorityTotal)
            SELECT a.Id, s.value, p.value, a.StartsOn, CAST(substr(a.StartsOn, 1, 4) AS INTEGER), COALESCE(a.ParticipantsTotal, 0), COALESCE(a.ParticipantsWomen, 0), a.Access,
              p.value = a.Priorities ->> 0, s.value = a.States ->> 0
            FROM act_activity a, json_each(a.States) s, json_each(a.Priorities) p
            UNION
            SELECT a.Id, s.value, '', a.StartsOn, CAST(substr(a.StartsOn, 1, 4) AS INTEGER), COALESCE(a.ParticipantsTotal, 0), COALESCE(a.ParticipantsWomen, 0), a.Access, 0, 0
            FROM act_activity a, json_each(a.States) s WHERE json_array_length(a.Priorities) = 0
            UNION
            SELECT a.Id, '', p.value, a.StartsOn, CAST(substr(a.StartsOn, 1, 4) AS INTEGER), COALESCE(a.ParticipantsTotal, 0), COALESCE(a.ParticipantsWomen, 0), a.Access, 0, 0
            FROM act_activity a, json_each(a.Priorities) p WHERE json_array_length(a.States) = 0
            UNION
            SELECT a.Id, '', '', a.StartsOn, CAST(substr(a.StartsOn, 1, 4) AS INTEGER), COALESCE(a.ParticipantsTotal, 0), COALESCE(a.ParticipantsWomen, 0), a.Access, 0, 0
            FROM act_activity a;
            """;

        /// <summary>Each key in each cell it counts in (ActivityCoverageCount).</summary>
        public const string CountView = """
            CREATE VIEW act_coverage_count AS
            SELECT ActivityId, State, Priority, Year, Participants, Women, Access FROM act_coverage_key
            UNION ALL SELECT ActivityId, State, '', Year, Participants, Women, Access FROM act_coverage_key WHERE InStateTotal
            UNION ALL SELECT ActivityId, '', Priority, Year, Participants, Women, Access FROM act_coverage_key WHERE InPriorityTotal;
            """;

        /// <summary>The cells as the sums of the counts of the activities that are not restricted.</summary>
        public const string FillCells = """
            DELETE FROM act_coverage_cell;
            INSERT INTO act_coverage_cell (Year, State, Priority, Access, Activities, Participants, Women)
            SELECT Year, State, Priority, Access, COUNT(*), SUM(Participants), SUM(Women) FROM act_coverage_count
            WHERE Access <> 'Restricted' GROUP BY Year, State, Priority, Access;
            """;

        /// <summary>
        /// Each write to a key moves its counts into (or out of) each cell it counts in, in the writer's transaction; the
        /// insert trigger skips the keys of a bulk write, which sums them itself (act_coverage_bulk, migration CoverageKeyIndexes).
        /// </summary>
        public const string Triggers = """
            CREATE TRIGGER act_coverage_key_insert AFTER INSERT ON act_coverage_key
              WHEN NEW.Access <> 'Restricted' AND NOT EXISTS (SELECT 1 FROM act_coverage_bulk)
            BEGIN
              INSERT INTO act_coverage_cell (Year, State, Priority, Access, Activities, Participants, Women)
              SELECT NEW.Year, c.State, c.Priority, NEW.Access, 1, NEW.Participants, NEW.Women FROM (
                SELECT NEW.State AS State, NEW.Priority AS Priority UNION ALL SELECT NEW.State, '' WHERE NEW.InStateTotal
                UNION ALL SELECT '', NEW.Priority WHERE NEW.InPriorityTotal) c
              WHERE true
              ON CONFLICT (Year, State, Priority, Access) DO UPDATE SET Activities = Activities + 1,
                Participants = Participants + excluded.Participants, Women = Women + excluded.Women;
            END;
            CREATE TRIGGER act_coverage_key_delete AFTER DELETE ON act_coverage_key WHEN OLD.Access <> 'Restricted'
            BEGIN
              UPDATE act_coverage_cell SET Activities = Activities - 1, Participants = Participants - OLD.Participants, Women = Women - OLD.Women
              WHERE Year = OLD.Year AND Access = OLD.Access AND ((State = OLD.State AND Priority = OLD.Priority)
                OR (OLD.InStateTotal AND State = OLD.State AND Priority = '') OR (OLD.InPriorityTotal AND State = '' AND Priority = OLD.Priority));
            END;
            CREATE TRIGGER act_coverage_key_update AFTER UPDATE ON act_coverage_key
            BEGIN
              UPDATE act_coverage_cell SET Activities = Activities - 1, Participants = Participants - OLD.Participants, Women = Women - OLD.Women
              WHERE OLD.Access <> 'Restricted' AND Year = OLD.Year AND Access = OLD.Access AND ((State = OLD.State AND Priority = OLD.Priority)
                OR (OLD.InStateTotal AND State = OLD.State AND Priority = '') OR (OLD.InPriorityTotal AND State = '' AND Priority = OLD.Priority));
              INSERT INTO act_coverage_cell (Year, State, Priority, Access, Activities, Participants, Women)
              SELECT NEW.Year, c.State, c.Priority, NEW.Access, 1, NEW.Participants, NEW.Women FROM (
                SELECT NEW.State AS State, NEW.Priority AS Priority UNION ALL SELECT NEW.State, '' WHERE NEW.InStateTotal
                UNION ALL SELECT '', NEW.Priority WHERE NEW.InPriorityTotal) c
              WHERE NEW.Access <> 'Restricted'
              ON CONFLICT (Year, State, Priority, Access) DO UPDATE SET Activities = Activities + 1,
                Participants = Participants + excluded.Participants, Women = Women + excluded.Women;
            END;
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW act_coverage_count; DROP TRIGGER act_coverage_key_insert; DROP TRIGGER act_coverage_key_delete; DROP TRIGGER act_coverage_key_update;");

            migrationBuilder.DropColumn(
                name: "InPriorityTotal",
                table: "act_coverage_key");

            migrationBuilder.DropColumn(
                name: "InStateTotal",
                table: "act_coverage_key");

            migrationBuilder.Sql(ActivityCoverageCells.RefillKeys);
            migrationBuilder.Sql(ActivityCoverageCells.FillCells);
            migrationBuilder.Sql(ActivityCoverageCells.Triggers);
            migrationBuilder.Sql("""
                DROP TRIGGER act_coverage_key_insert;
                CREATE TRIGGER act_coverage_key_insert AFTER INSERT ON act_coverage_key
                  WHEN NEW.Access <> 'Restricted' AND NOT EXISTS (SELECT 1 FROM act_coverage_bulk)
                BEGIN
                  INSERT INTO act_coverage_cell (Year, State, Priority, Access, Activities, Participants, Women)
                  VALUES (NEW.Year, NEW.State, NEW.Priority, NEW.Access, 1, NEW.Participants, NEW.Women)
                  ON CONFLICT (Year, State, Priority, Access) DO UPDATE SET Activities = Activities + 1,
                    Participants = Participants + excluded.Participants, Women = Women + excluded.Women;
                END;
                """);
        }
    }
}
