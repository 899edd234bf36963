using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Polis.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CoverageKeyTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "InPriorityTotal",
                table: "act_coverage_key",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "InStateTotal",
                table: "act_coverage_key",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Hand-written (keep when regenerating this migration): the keys by the new rule of ActivityCoverageKey.KeysOf
            // (a State × priority row counts in its State's and its priority's totals by its flags; a State-alone or
            // priority-alone row only for an activity without priorities or without States), the view of their counts,
            // the cells from it, and the statement-level triggers' functions counting each key in each of its cells.
            migrationBuilder.Sql("ALTER TABLE act_coverage_key DISABLE TRIGGER USER;");
            migrationBuilder.Sql(RefillKeys);
            migrationBuilder.Sql("ALTER TABLE act_coverage_key ENABLE TRIGGER USER;");
            migrationBuilder.Sql(CountView);
            migrationBuilder.Sql(FillCells);
            migrationBuilder.Sql(Functions);
        }

        /// <summary>Every activity's coverage keys from its stored columns (the SQL form of <c>ActivityCoverageKey.KeysOf</c> and <c>Describe</c>; KeepingTheCoverageKeys compares them).</summary>
        public const string RefillKeys = """
            DELETE FROM act_coverage_key;
            INSERT INTO act_coverage_key ("ActivityId", "State", "Priority", "StartsOn", "Year", "Participants", "Women", "Access", "InStateTotal", "InPriorityTotal")
            SELECT a."Id", k.s, k.p, a."StartsOn", EXTRACT(YEAR FROM a."StartsOn")::int, COALESCE(a."ParticipantsTotal", 0), COALESCE(a."ParticipantsWomen", 0), a."Access", k.st, k.pt
            FROM act_activity a CROSS JOIN LATERAL (
              SELECT s.s, p.p, p.p = a."Priorities"[1], s.s = a."States"[1] FROM unnest(a."States") AS s(s), unnest(a."Priorities") AS p(p)
              UNION SELECT s.s, '', false, false FROM unnest(a."States") AS s(s) WHERE COALESCE(cardinality(a."Priorities"), 0) = 0
              UNION SELECT '', p.p, false, false FROM unnest(a."Priorities") AS p(p) WHERE COALESCE(cardinality(a."States"), 0) = 0
              UNION SELECT '', '', false, false) AS k(s, p, st, pt);
            """;

        /// <summary>Each key in each cell it counts in (ActivityCoverageCount).</summary>
        public const string CountView = """
            CREATE VIEW act_coverage_count AS
            SELECT "ActivityId", "State", "Priority", "Year", "Participants", "Women", "Access" FROM act_coverage_key
            UNION ALL SELECT "ActivityId", "State", '', "Year", "Participants", "Women", "Access" FROM act_coverage_key WHERE "InStateTotal"
            UNION ALL SELECT "ActivityId", '', "Priority", "Year", "Participants", "Women", "Access" FROM act_coverage_key WHERE "InPriorityTotal";
            """;

        /// <summary>The cells as the sums of the counts of the activities that are not restricted.</summary>
        public const string FillCells = """
            DELETE FROM act_coverage_cell;
            INSERT INTO act_coverage_cell ("Year", "State", "Priority", "Access", "Activities", "Participants", "Women")
            SELECT "Year", "State", "Priority", "Access", COUNT(*), SUM("Participants"), SUM("Women") FROM act_coverage_count
            WHERE "Access" <> 'Restricted' GROUP BY "Year", "State", "Priority", "Access";
            """;

        /// <summary>The rows of a transition table in each cell they count in, with a sign (the triggers' functions below).</summary>
        private static string Counted(string rows, int sign) => $"""
            SELECT r."Year", c.cs AS "State", c.cp AS "Priority", r."Access", {sign} AS n, {sign} * r."Participants" AS p, {sign} * r."Women" AS w
            FROM {rows} r CROSS JOIN LATERAL (VALUES (r."State", r."Priority", true), (r."State", '', r."InStateTotal"), ('', r."Priority", r."InPriorityTotal")) AS c(cs, cp, keep)
            WHERE c.keep AND r."Access" <> 'Restricted'
            """;

        private static string Upsert(string moved) => $"""
              INSERT INTO act_coverage_cell ("Year", "State", "Priority", "Access", "Activities", "Participants", "Women")
              SELECT "Year", "State", "Priority", "Access", SUM(n), SUM(p), SUM(w) FROM ({moved}) AS moved
              GROUP BY "Year", "State", "Priority", "Access" ORDER BY "Year", "State", "Priority", "Access"
              ON CONFLICT ("Year", "State", "Priority", "Access") DO UPDATE SET "Activities" = act_coverage_cell."Activities" + excluded."Activities",
                "Participants" = act_coverage_cell."Participants" + excluded."Participants", "Women" = act_coverage_cell."Women" + excluded."Women";
            """;

        /// <summary>Each statement writing keys moves their counts into (or out of) each cell they count in, in the writer's transaction, cells locked in key order.</summary>
        public static readonly string Functions = $"""
            CREATE OR REPLACE FUNCTION act_coverage_cell_insert() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
            {Upsert(Counted("new_rows", 1))}
              RETURN NULL;
            END $$;
            CREATE OR REPLACE FUNCTION act_coverage_cell_delete() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
            {Upsert(Counted("old_rows", -1))}
              RETURN NULL;
            END $$;
            CREATE OR REPLACE FUNCTION act_coverage_cell_update() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
            {Upsert(Counted("new_rows", 1) + " UNION ALL " + Counted("old_rows", -1))}
              RETURN NULL;
            END $$;
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW act_coverage_count;");
            migrationBuilder.DropColumn(
                name: "InPriorityTotal",
                table: "act_coverage_key");

            migrationBuilder.DropColumn(
                name: "InStateTotal",
                table: "act_coverage_key");

            // The previous rule, cells and functions (ActivityCoverageCells): the functions replaced, the triggers kept.
            migrationBuilder.Sql("ALTER TABLE act_coverage_key DISABLE TRIGGER USER;");
            migrationBuilder.Sql(ActivityCoverageCells.RefillKeys);
            migrationBuilder.Sql("ALTER TABLE act_coverage_key ENABLE TRIGGER USER;");
            migrationBuilder.Sql(ActivityCoverageCells.FillCells);
            migrationBuilder.Sql(ActivityCoverageCells.Triggers[..ActivityCoverageCells.Triggers.IndexOf("CREATE TRIGGER", System.StringComparison.Ordinal)]
                .Replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", System.StringComparison.Ordinal));
        }
    }
}
