using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Polis.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReferenceNames : Migration
    {
        private static readonly (string Table, string Kind)[] Tables =
        [
            ("ref_state", "state"), ("ref_executive_structure", "executive-structure"),
            ("ref_partner_organisation", "partner-organisation"), ("ref_thematic_priority", "thematic-priority"),
            ("ref_thematic_sub_area", "thematic-sub-area"), ("ref_line_of_action", "line-of-action"),
            ("ref_instrument", "instrument"),
        ];

        private static readonly (string Column, string Language)[] Columns = [("NameEn", "en"), ("NameRu", "ru")];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ref_name",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Language = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ref_name", x => new { x.Kind, x.Code, x.Language });
                });

            // The names move from the NameEn/NameRu columns into rows, then the columns go.
            foreach (var (table, kind) in Tables)
                foreach (var (column, language) in Columns)
                    migrationBuilder.Sql(
                        $"INSERT INTO ref_name (\"Kind\", \"Code\", \"Language\", \"Name\") " +
                        $"SELECT '{kind}', \"Code\", '{language}', \"{column}\" FROM {table} WHERE \"{column}\" <> ''");

            migrationBuilder.DropColumn(
                name: "NameEn",
                table: "ref_thematic_sub_area");

            migrationBuilder.DropColumn(
                name: "NameRu",
                table: "ref_thematic_sub_area");

            migrationBuilder.DropColumn(
                name: "NameEn",
                table: "ref_thematic_priority");

            migrationBuilder.DropColumn(
                name: "NameRu",
                table: "ref_thematic_priority");

            migrationBuilder.DropColumn(
                name: "NameEn",
                table: "ref_state");

            migrationBuilder.DropColumn(
                name: "NameRu",
                table: "ref_state");

            migrationBuilder.DropColumn(
                name: "NameEn",
                table: "ref_partner_organisation");

            migrationBuilder.DropColumn(
                name: "NameRu",
                table: "ref_partner_organisation");

            migrationBuilder.DropColumn(
                name: "NameEn",
                table: "ref_line_of_action");

            migrationBuilder.DropColumn(
                name: "NameRu",
                table: "ref_line_of_action");

            migrationBuilder.DropColumn(
                name: "NameEn",
                table: "ref_instrument");

            migrationBuilder.DropColumn(
                name: "NameRu",
                table: "ref_instrument");

            migrationBuilder.DropColumn(
                name: "NameEn",
                table: "ref_executive_structure");

            migrationBuilder.DropColumn(
                name: "NameRu",
                table: "ref_executive_structure");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NameEn",
                table: "ref_thematic_sub_area",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NameRu",
                table: "ref_thematic_sub_area",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NameEn",
                table: "ref_thematic_priority",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NameRu",
                table: "ref_thematic_priority",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NameEn",
                table: "ref_state",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NameRu",
                table: "ref_state",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NameEn",
                table: "ref_partner_organisation",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NameRu",
                table: "ref_partner_organisation",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NameEn",
                table: "ref_line_of_action",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NameRu",
                table: "ref_line_of_action",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NameEn",
                table: "ref_instrument",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NameRu",
                table: "ref_instrument",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NameEn",
                table: "ref_executive_structure",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NameRu",
                table: "ref_executive_structure",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            foreach (var (table, kind) in Tables)
                foreach (var (column, language) in Columns)
                    migrationBuilder.Sql(
                        $"UPDATE {table} SET \"{column}\" = COALESCE((SELECT n.\"Name\" FROM ref_name n " +
                        $"WHERE n.\"Kind\" = '{kind}' AND n.\"Code\" = {table}.\"Code\" AND n.\"Language\" = '{language}'), '')");

            migrationBuilder.DropTable(
                name: "ref_name");
        }
    }
}
