using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Graph.Api.Data.Migrations;

/// <summary>
/// The catalog's first tables: authors and their books.
/// Written by hand (see DataServices); MigrationsMatchModelTests proves it equals the model.
/// </summary>
[DbContext(typeof(GraphDbContext))]
[Migration("20261121120000_InitialCatalog")]
public sealed class InitialCatalog : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "authors",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                country_code = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                biography = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_authors", x => x.id));

        migrationBuilder.CreateTable(
            name: "books",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                isbn = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: true),
                language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                published_on = table.Column<DateOnly>(type: "date", nullable: true),
                author_id = table.Column<Guid>(type: "uuid", nullable: false),
                created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                price_amount = table.Column<decimal>(type: "numeric(19,4)", precision: 19, scale: 4, nullable: false),
                price_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_books", x => x.id);
                table.ForeignKey("fk_books_authors_author_id", x => x.author_id, "authors", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("ix_authors_name", "authors", "name");
        migrationBuilder.CreateIndex("ix_books_author_id", "books", "author_id");
        migrationBuilder.CreateIndex("ix_books_isbn", "books", "isbn", unique: true);
        migrationBuilder.CreateIndex("ix_books_title", "books", "title");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("books");
        migrationBuilder.DropTable("authors");
    }
}
