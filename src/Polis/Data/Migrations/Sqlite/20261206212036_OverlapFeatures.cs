using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Polis.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OverlapFeatures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "act_overlap_features",
                columns: table => new
                {
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Vector = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_act_overlap_features", x => x.ActivityId);
                    table.ForeignKey(
                        name: "FK_act_overlap_features_act_activity_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "act_activity",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "act_overlap_features");
        }
    }
}
