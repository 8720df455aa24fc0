using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Graph.Api.Data.Migrations;

/// <summary>
/// The catalog grows: books get a description, translations, a status (books already there stay PUBLISHED), formats
/// (EPUB for those already there), a page count, a cover and a publisher; authors get biographies in other languages;
/// categories (a tree) and publishers appear; and a full-text search document per book, kept by triggers.
/// Search: accent-insensitive text search configurations (<c>graph_french</c>: unaccent then the French stemmer;
/// <c>graph_simple</c>: unaccent, no stemming, for names and other languages). A book's document weighs its titles (A),
/// author (B), categories (C) and descriptions (D), each in both configurations.
/// Written as the SQL the model creates (see DataServices); MigrationsMatchModelTests proves it equals the model.
/// </summary>
[DbContext(typeof(GraphDbContext))]
[Migration("20261122100000_Catalog")]
public sealed class Catalog : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE publishers (
                id uuid NOT NULL,
                name character varying(200) NOT NULL,
                country_code character(2) NOT NULL,
                website character varying(500),
                created_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_publishers PRIMARY KEY (id)
            );
            CREATE UNIQUE INDEX ix_publishers_name ON publishers (name);

            CREATE TABLE categories (
                id uuid NOT NULL,
                slug character varying(80) NOT NULL,
                name character varying(200) NOT NULL,
                names jsonb NOT NULL,
                parent_id uuid,
                position integer NOT NULL,
                created_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_categories PRIMARY KEY (id),
                CONSTRAINT fk_categories_categories_parent_id FOREIGN KEY (parent_id) REFERENCES categories (id) ON DELETE RESTRICT
            );
            CREATE INDEX ix_categories_parent_id ON categories (parent_id);
            CREATE UNIQUE INDEX ix_categories_slug ON categories (slug);

            ALTER TABLE authors ADD biographies jsonb NOT NULL DEFAULT '{}';
            ALTER TABLE authors ALTER biographies DROP DEFAULT;

            ALTER TABLE books
                ADD description character varying(8000),
                ADD translations jsonb NOT NULL DEFAULT '{}',
                ADD status character varying(9) NOT NULL DEFAULT 'PUBLISHED',
                ADD formats text[] NOT NULL DEFAULT '{EPUB}',
                ADD page_count integer,
                ADD cover_url character varying(500),
                ADD publisher_id uuid,
                ADD updated_at timestamp with time zone;
            UPDATE books SET updated_at = created_at;
            ALTER TABLE books
                ALTER translations DROP DEFAULT,
                ALTER status DROP DEFAULT,
                ALTER formats DROP DEFAULT,
                ALTER updated_at SET NOT NULL,
                ADD CONSTRAINT ck_books_page_count CHECK (page_count IS NULL OR page_count > 0),
                ADD CONSTRAINT ck_books_status CHECK (status IN ('DRAFT', 'PUBLISHED', 'WITHDRAWN')),
                ADD CONSTRAINT fk_books_publishers_publisher_id FOREIGN KEY (publisher_id) REFERENCES publishers (id) ON DELETE RESTRICT;
            CREATE INDEX ix_books_publisher_id ON books (publisher_id);
            CREATE INDEX ix_books_status ON books (status);

            CREATE TABLE book_categories (
                book_id uuid NOT NULL,
                category_id uuid NOT NULL,
                CONSTRAINT pk_book_categories PRIMARY KEY (book_id, category_id),
                CONSTRAINT fk_book_categories_books_book_id FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE,
                CONSTRAINT fk_book_categories_categories_category_id FOREIGN KEY (category_id) REFERENCES categories (id) ON DELETE RESTRICT
            );
            CREATE INDEX ix_book_categories_category_id ON book_categories (category_id);

            CREATE TABLE book_search_documents (
                book_id uuid NOT NULL,
                document tsvector NOT NULL,
                CONSTRAINT pk_book_search_documents PRIMARY KEY (book_id),
                CONSTRAINT fk_book_search_documents_books_book_id FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE
            );
            CREATE INDEX ix_book_search_documents_document ON book_search_documents USING gin (document);

            CREATE EXTENSION IF NOT EXISTS unaccent;
            CREATE TEXT SEARCH CONFIGURATION graph_french (COPY = pg_catalog.french);
            ALTER TEXT SEARCH CONFIGURATION graph_french ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
            CREATE TEXT SEARCH CONFIGURATION graph_simple (COPY = pg_catalog.simple);
            ALTER TEXT SEARCH CONFIGURATION graph_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

            -- One text, in both configurations, at one weight.
            CREATE FUNCTION book_search_part(body text, weight "char") RETURNS tsvector
                LANGUAGE sql STABLE AS $$
                SELECT setweight(to_tsvector('graph_french', coalesce(body, '')) || to_tsvector('graph_simple', coalesce(body, '')), weight)
            $$;

            -- Recomputes the search documents of the given books from their rows, author and categories.
            CREATE FUNCTION book_search_refresh(book_ids uuid[]) RETURNS void
                LANGUAGE sql AS $$
                INSERT INTO book_search_documents (book_id, document)
                SELECT b.id,
                       book_search_part(b.title || ' ' || coalesce((SELECT string_agg(t.value ->> 'title', ' ') FROM jsonb_each(b.translations) t), ''), 'A')
                       || book_search_part(a.name, 'B')
                       || book_search_part((SELECT string_agg(c.name || ' ' || coalesce((SELECT string_agg(n.value, ' ') FROM jsonb_each_text(c.names) n), ''), ' ')
                                            FROM book_categories l JOIN categories c ON c.id = l.category_id WHERE l.book_id = b.id), 'C')
                       || book_search_part(coalesce(b.description, '') || ' ' || coalesce((SELECT string_agg(t.value ->> 'description', ' ') FROM jsonb_each(b.translations) t), ''), 'D')
                FROM books b JOIN authors a ON a.id = b.author_id
                WHERE b.id = ANY (book_ids)
                ON CONFLICT (book_id) DO UPDATE SET document = excluded.document
            $$;

            CREATE FUNCTION book_search_on_book() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM book_search_refresh(ARRAY[NEW.id]);
                RETURN NULL;
            END $$;
            CREATE TRIGGER books_search AFTER INSERT OR UPDATE OF title, description, translations, author_id ON books
                FOR EACH ROW EXECUTE FUNCTION book_search_on_book();

            CREATE FUNCTION book_search_on_author() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM book_search_refresh(ARRAY(SELECT id FROM books WHERE author_id = NEW.id));
                RETURN NULL;
            END $$;
            CREATE TRIGGER authors_search AFTER UPDATE OF name ON authors
                FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION book_search_on_author();

            CREATE FUNCTION book_search_on_link() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM book_search_refresh(ARRAY[CASE WHEN TG_OP = 'DELETE' THEN OLD.book_id ELSE NEW.book_id END]);
                RETURN NULL;
            END $$;
            CREATE TRIGGER book_categories_search AFTER INSERT OR DELETE ON book_categories
                FOR EACH ROW EXECUTE FUNCTION book_search_on_link();

            CREATE FUNCTION book_search_on_category() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM book_search_refresh(ARRAY(SELECT book_id FROM book_categories WHERE category_id = NEW.id));
                RETURN NULL;
            END $$;
            CREATE TRIGGER categories_search AFTER UPDATE OF name, names ON categories
                FOR EACH ROW EXECUTE FUNCTION book_search_on_category();

            SELECT book_search_refresh(ARRAY(SELECT id FROM books));
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TRIGGER categories_search ON categories;
            DROP TRIGGER book_categories_search ON book_categories;
            DROP TRIGGER authors_search ON authors;
            DROP TRIGGER books_search ON books;
            DROP FUNCTION book_search_on_category(), book_search_on_link(), book_search_on_author(), book_search_on_book(),
                book_search_refresh(uuid[]), book_search_part(text, "char");
            DROP TEXT SEARCH CONFIGURATION graph_simple;
            DROP TEXT SEARCH CONFIGURATION graph_french;
            DROP TABLE book_search_documents, book_categories;
            ALTER TABLE books DROP CONSTRAINT fk_books_publishers_publisher_id, DROP CONSTRAINT ck_books_status, DROP CONSTRAINT ck_books_page_count,
                DROP description, DROP translations, DROP status, DROP formats, DROP page_count, DROP cover_url, DROP publisher_id, DROP updated_at;
            ALTER TABLE authors DROP biographies;
            DROP TABLE categories, publishers;
            """);
    }
}
