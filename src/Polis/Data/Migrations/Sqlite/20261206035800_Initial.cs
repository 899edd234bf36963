using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Polis.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "acc_audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Entity = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Changes = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acc_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "acc_role",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acc_role", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "acc_user",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PreferredLanguage = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acc_user", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "lib_document",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Symbol = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IssuingBody = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Series = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Volume = table.Column<int>(type: "INTEGER", nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Priorities = table.Column<string>(type: "TEXT", nullable: false),
                    SubAreas = table.Column<string>(type: "TEXT", nullable: false),
                    Countries = table.Column<string>(type: "TEXT", nullable: false),
                    Keywords = table.Column<string>(type: "TEXT", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    OwnerCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Access = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lib_document", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ref_decision_making_body",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ref_decision_making_body", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "ref_executive_structure",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ParentCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    StateCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    Location = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ref_executive_structure", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "ref_instrument",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: true),
                    ParentCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ref_instrument", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "ref_line_of_action",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ref_line_of_action", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "ref_name",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ref_name", x => new { x.Kind, x.Code, x.Language });
                });

            migrationBuilder.CreateTable(
                name: "ref_partner_organisation",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ref_partner_organisation", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "ref_state",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Numeric = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ref_state", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "ref_thematic_priority",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ref_thematic_priority", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "ref_thematic_sub_area",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PriorityCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ref_thematic_sub_area", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "srch_outbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Module = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RecordId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EnqueuedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_srch_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "acc_role_claim",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acc_role_claim", x => x.Id);
                    table.ForeignKey(
                        name: "FK_acc_role_claim_acc_role_RoleId",
                        column: x => x.RoleId,
                        principalTable: "acc_role",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "acc_token",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    SecretHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastUsedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acc_token", x => x.Id);
                    table.ForeignKey(
                        name: "FK_acc_token_acc_user_UserId",
                        column: x => x.UserId,
                        principalTable: "acc_user",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "acc_user_claim",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acc_user_claim", x => x.Id);
                    table.ForeignKey(
                        name: "FK_acc_user_claim_acc_user_UserId",
                        column: x => x.UserId,
                        principalTable: "acc_user",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "acc_user_login",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acc_user_login", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_acc_user_login_acc_user_UserId",
                        column: x => x.UserId,
                        principalTable: "acc_user",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "acc_user_role",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acc_user_role", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_acc_user_role_acc_role_RoleId",
                        column: x => x.RoleId,
                        principalTable: "acc_role",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_acc_user_role_acc_user_UserId",
                        column: x => x.UserId,
                        principalTable: "acc_user",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "acc_user_token",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acc_user_token", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_acc_user_token_acc_user_UserId",
                        column: x => x.UserId,
                        principalTable: "acc_user",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lib_citation",
                columns: table => new
                {
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Symbol = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lib_citation", x => new { x.DocumentId, x.Symbol });
                    table.ForeignKey(
                        name: "FK_lib_citation_lib_document_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "lib_document",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lib_document_grant",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganisationCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    StateCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lib_document_grant", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lib_document_grant_lib_document_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "lib_document",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lib_edition",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    TextStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lib_edition", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lib_edition_lib_document_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "lib_document",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lib_import_journal",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lib_import_journal", x => x.Key);
                    table.ForeignKey(
                        name: "FK_lib_import_journal_lib_document_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "lib_document",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lib_file",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EditionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    MediaType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lib_file", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lib_file_lib_edition_EditionId",
                        column: x => x.EditionId,
                        principalTable: "lib_edition",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_acc_audit_At",
                table: "acc_audit",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_acc_audit_Entity_RecordId",
                table: "acc_audit",
                columns: new[] { "Entity", "RecordId" });

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "acc_role",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_acc_role_claim_RoleId",
                table: "acc_role_claim",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "IX_acc_token_Prefix",
                table: "acc_token",
                column: "Prefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_acc_token_UserId",
                table: "acc_token",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "acc_user",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "acc_user",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_acc_user_claim_UserId",
                table: "acc_user_claim",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_acc_user_login_UserId",
                table: "acc_user_login",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_acc_user_role_RoleId",
                table: "acc_user_role",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "IX_lib_citation_Symbol",
                table: "lib_citation",
                column: "Symbol");

            migrationBuilder.CreateIndex(
                name: "IX_lib_document_OwnerCode",
                table: "lib_document",
                column: "OwnerCode");

            migrationBuilder.CreateIndex(
                name: "IX_lib_document_PublishedOn",
                table: "lib_document",
                column: "PublishedOn");

            migrationBuilder.CreateIndex(
                name: "IX_lib_document_Symbol",
                table: "lib_document",
                column: "Symbol",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lib_document_UpdatedAt",
                table: "lib_document",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_lib_document_grant_DocumentId",
                table: "lib_document_grant",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_lib_edition_DocumentId_Language",
                table: "lib_edition",
                columns: new[] { "DocumentId", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lib_file_EditionId",
                table: "lib_file",
                column: "EditionId");

            migrationBuilder.CreateIndex(
                name: "IX_lib_file_Sha256",
                table: "lib_file",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_lib_import_journal_DocumentId",
                table: "lib_import_journal",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_ref_thematic_sub_area_PriorityCode",
                table: "ref_thematic_sub_area",
                column: "PriorityCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "acc_audit");

            migrationBuilder.DropTable(
                name: "acc_role_claim");

            migrationBuilder.DropTable(
                name: "acc_token");

            migrationBuilder.DropTable(
                name: "acc_user_claim");

            migrationBuilder.DropTable(
                name: "acc_user_login");

            migrationBuilder.DropTable(
                name: "acc_user_role");

            migrationBuilder.DropTable(
                name: "acc_user_token");

            migrationBuilder.DropTable(
                name: "lib_citation");

            migrationBuilder.DropTable(
                name: "lib_document_grant");

            migrationBuilder.DropTable(
                name: "lib_file");

            migrationBuilder.DropTable(
                name: "lib_import_journal");

            migrationBuilder.DropTable(
                name: "ref_decision_making_body");

            migrationBuilder.DropTable(
                name: "ref_executive_structure");

            migrationBuilder.DropTable(
                name: "ref_instrument");

            migrationBuilder.DropTable(
                name: "ref_line_of_action");

            migrationBuilder.DropTable(
                name: "ref_name");

            migrationBuilder.DropTable(
                name: "ref_partner_organisation");

            migrationBuilder.DropTable(
                name: "ref_state");

            migrationBuilder.DropTable(
                name: "ref_thematic_priority");

            migrationBuilder.DropTable(
                name: "ref_thematic_sub_area");

            migrationBuilder.DropTable(
                name: "srch_outbox");

            migrationBuilder.DropTable(
                name: "acc_role");

            migrationBuilder.DropTable(
                name: "acc_user");

            migrationBuilder.DropTable(
                name: "lib_edition");

            migrationBuilder.DropTable(
                name: "lib_document");
        }
    }
}
