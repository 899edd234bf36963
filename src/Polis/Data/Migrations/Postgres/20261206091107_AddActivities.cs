using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Polis.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddActivities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "act_activity",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    OwnerCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CoOrganisers = table.Column<List<string>>(type: "text[]", nullable: false),
                    Type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Priorities = table.Column<List<string>>(type: "text[]", nullable: false),
                    SubAreas = table.Column<List<string>>(type: "text[]", nullable: false),
                    LinesOfAction = table.Column<List<string>>(type: "text[]", nullable: false),
                    States = table.Column<List<string>>(type: "text[]", nullable: false),
                    Agencies = table.Column<string[]>(type: "text[]", nullable: false),
                    Partners = table.Column<List<string>>(type: "text[]", nullable: false),
                    Location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LocationState = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ParticipantsTotal = table.Column<int>(type: "integer", nullable: true),
                    ParticipantsWomen = table.Column<int>(type: "integer", nullable: true),
                    ParticipantsMen = table.Column<int>(type: "integer", nullable: true),
                    Documents = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    Access = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_act_activity", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "act_activity_grant",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganisationCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    StateCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_act_activity_grant", x => x.Id);
                    table.ForeignKey(
                        name: "FK_act_activity_grant_act_activity_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "act_activity",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "act_activity_revision",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Snapshot = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_act_activity_revision", x => x.Id);
                    table.ForeignKey(
                        name: "FK_act_activity_revision_act_activity_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "act_activity",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "act_activity_text",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Description = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    Outcomes = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_act_activity_text", x => x.Id);
                    table.ForeignKey(
                        name: "FK_act_activity_text_act_activity_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "act_activity",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "act_budget_line",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Amount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    Currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    Funding = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Donor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_act_budget_line", x => x.Id);
                    table.ForeignKey(
                        name: "FK_act_budget_line_act_activity_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "act_activity",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "act_participation",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StateCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_act_participation", x => x.Id);
                    table.ForeignKey(
                        name: "FK_act_participation_act_activity_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "act_activity",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_act_activity_EndsOn",
                table: "act_activity",
                column: "EndsOn");

            migrationBuilder.CreateIndex(
                name: "IX_act_activity_OwnerCode",
                table: "act_activity",
                column: "OwnerCode");

            migrationBuilder.CreateIndex(
                name: "IX_act_activity_StartsOn",
                table: "act_activity",
                column: "StartsOn");

            migrationBuilder.CreateIndex(
                name: "IX_act_activity_UpdatedAt",
                table: "act_activity",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_act_activity_grant_ActivityId",
                table: "act_activity_grant",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_act_activity_revision_ActivityId_Version",
                table: "act_activity_revision",
                columns: new[] { "ActivityId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_act_activity_text_ActivityId_Language",
                table: "act_activity_text",
                columns: new[] { "ActivityId", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_act_budget_line_ActivityId",
                table: "act_budget_line",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_act_participation_ActivityId",
                table: "act_participation",
                column: "ActivityId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "act_activity_grant");

            migrationBuilder.DropTable(
                name: "act_activity_revision");

            migrationBuilder.DropTable(
                name: "act_activity_text");

            migrationBuilder.DropTable(
                name: "act_budget_line");

            migrationBuilder.DropTable(
                name: "act_participation");

            migrationBuilder.DropTable(
                name: "act_activity");
        }
    }
}
