using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Polis.Data.Migrations.Postgres
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
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "act_coverage_cell",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Priority = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Access = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Activities = table.Column<int>(type: "integer", nullable: false),
                    Participants = table.Column<int>(type: "integer", nullable: false),
                    Women = table.Column<int>(type: "integer", nullable: false)
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
            // ActivityCoverageKey.KeysOf, with the access level; the cells from them; then the statement-level triggers
            // that keep the cells equal to the keys' sums on every later write (one grouped upsert per statement).
            migrationBuilder.Sql(RefillKeys);
            migrationBuilder.Sql(FillCells);
            migrationBuilder.Sql(Triggers);
        }

        /// <summary>Every activity's coverage keys from its stored columns (the SQL form of <c>ActivityCoverageKey.KeysOf</c>; KeepingTheCoverageKeys compares them).</summary>
        public const string RefillKeys = """
            DELETE FROM act_coverage_key;
            INSERT INTO act_coverage_key ("ActivityId", "State", "Priority", "StartsOn", "Year", "Participants", "Women", "Access")
            SELECT a."Id", k.s, k.p, a."StartsOn", EXTRACT(YEAR FROM a."StartsOn")::int, COALESCE(a."ParticipantsTotal", 0), COALESCE(a."ParticipantsWomen", 0), a."Access"
            FROM act_activity a CROSS JOIN LATERAL (
              SELECT s.s, p.p FROM unnest(a."States") AS s(s), unnest(a."Priorities") AS p(p)
              UNION SELECT s.s, '' FROM unnest(a."States") AS s(s)
              UNION SELECT '', p.p FROM unnest(a."Priorities") AS p(p)
              UNION SELECT '', '') AS k(s, p);
            """;

        /// <summary>The cells as the sums of the keys of the activities that are not restricted.</summary>
        public const string FillCells = """
            DELETE FROM act_coverage_cell;
            INSERT INTO act_coverage_cell ("Year", "State", "Priority", "Access", "Activities", "Participants", "Women")
            SELECT "Year", "State", "Priority", "Access", COUNT(*), SUM("Participants"), SUM("Women") FROM act_coverage_key
            WHERE "Access" <> 'Restricted' GROUP BY "Year", "State", "Priority", "Access";
            """;

        /// <summary>Each statement writing keys moves their counts into (or out of) their cells, in the writer's transaction, cells locked in key order.</summary>
        public const string Triggers = """
            CREATE FUNCTION act_coverage_cell_insert() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO act_coverage_cell ("Year", "State", "Priority", "Access", "Activities", "Participants", "Women")
              SELECT "Year", "State", "Priority", "Access", SUM(n), SUM(p), SUM(w) FROM (
                SELECT "Year", "State", "Priority", "Access", 1 AS n, "Participants" AS p, "Women" AS w FROM new_rows WHERE "Access" <> 'Restricted') AS moved
              GROUP BY "Year", "State", "Priority", "Access" ORDER BY "Year", "State", "Priority", "Access"
              ON CONFLICT ("Year", "State", "Priority", "Access") DO UPDATE SET "Activities" = act_coverage_cell."Activities" + excluded."Activities",
                "Participants" = act_coverage_cell."Participants" + excluded."Participants", "Women" = act_coverage_cell."Women" + excluded."Women";
              RETURN NULL;
            END $$;
            CREATE FUNCTION act_coverage_cell_delete() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO act_coverage_cell ("Year", "State", "Priority", "Access", "Activities", "Participants", "Women")
              SELECT "Year", "State", "Priority", "Access", SUM(n), SUM(p), SUM(w) FROM (
                SELECT "Year", "State", "Priority", "Access", -1 AS n, -"Participants" AS p, -"Women" AS w FROM old_rows WHERE "Access" <> 'Restricted') AS moved
              GROUP BY "Year", "State", "Priority", "Access" ORDER BY "Year", "State", "Priority", "Access"
              ON CONFLICT ("Year", "State", "Priority", "Access") DO UPDATE SET "Activities" = act_coverage_cell."Activities" + excluded."Activities",
                "Participants" = act_coverage_cell."Participants" + excluded."Participants", "Women" = act_coverage_cell."Women" + excluded."Women";
              RETURN NULL;
            END $$;
            CREATE FUNCTION act_coverage_cell_update() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO act_coverage_cell ("Year", "State", "Priority", "Access", "Activities", "Participants", "Women")
              SELECT "Year", "State", "Priority", "Access", SUM(n), SUM(p), SUM(w) FROM (
                SELECT "Year", "State", "Priority", "Access", 1 AS n, "Participants" AS p, "Women" AS w FROM new_rows WHERE "Access" <> 'Restricted'
                UNION ALL
                SELECT "Year", "State", "Priority", "Access", -1 AS n, -"Participants" AS p, -"Women" AS w FROM old_rows WHERE "Access" <> 'Restricted') AS moved
              GROUP BY "Year", "State", "Priority", "Access" ORDER BY "Year", "State", "Priority", "Access"
              ON CONFLICT ("Year", "State", "Priority", "Access") DO UPDATE SET "Activities" = act_coverage_cell."Activities" + excluded."Activities",
                "Participants" = act_coverage_cell."Participants" + excluded."Participants", "Women" = act_coverage_cell."Women" + excluded."Women";
              RETURN NULL;
            END $$;
            CREATE TRIGGER act_coverage_key_insert AFTER INSERT ON act_coverage_key
              REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION act_coverage_cell_insert();
            CREATE TRIGGER act_coverage_key_update AFTER UPDATE ON act_coverage_key
              REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION act_coverage_cell_update();
            CREATE TRIGGER act_coverage_key_delete AFTER DELETE ON act_coverage_key
              REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION act_coverage_cell_delete();
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER act_coverage_key_insert ON act_coverage_key; DROP TRIGGER act_coverage_key_update ON act_coverage_key;
                DROP TRIGGER act_coverage_key_delete ON act_coverage_key;
                DROP FUNCTION act_coverage_cell_insert(); DROP FUNCTION act_coverage_cell_update(); DROP FUNCTION act_coverage_cell_delete();
                """);
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
