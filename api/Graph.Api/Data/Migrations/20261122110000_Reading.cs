using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Graph.Api.Data.Migrations;

/// <summary>
/// Reading: each reader's progress per book, bookmarks and annotations (with tombstones), each row stamped by a trigger with
/// the id of the transaction that last wrote it (<c>change_xid</c>), which readingChanges pages by (see ReadingChangesFeed).
/// Written as the SQL the model creates (see DataServices); MigrationsMatchModelTests proves it equals the model.
/// </summary>
[DbContext(typeof(GraphDbContext))]
[Migration("20261122110000_Reading")]
public sealed class Reading : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE annotations (
                id uuid NOT NULL,
                user_id uuid NOT NULL,
                book_id uuid NOT NULL,
                start character varying(2048) NOT NULL,
                "end" character varying(2048) NOT NULL,
                excerpt character varying(4000) NOT NULL,
                color character varying(6) NOT NULL,
                note character varying(10000),
                device_id character varying(100) NOT NULL,
                client_updated_at timestamp with time zone NOT NULL,
                server_updated_at timestamp with time zone NOT NULL,
                deleted_at timestamp with time zone,
                change_xid bigint NOT NULL,
                CONSTRAINT pk_annotations PRIMARY KEY (id),
                CONSTRAINT ck_annotations_color CHECK (color IN ('YELLOW', 'GREEN', 'BLUE', 'PINK', 'ORANGE')),
                CONSTRAINT fk_annotations_books_book_id FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE,
                CONSTRAINT fk_annotations_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
            );

            CREATE TABLE bookmarks (
                id uuid NOT NULL,
                user_id uuid NOT NULL,
                book_id uuid NOT NULL,
                position character varying(2048) NOT NULL,
                label character varying(200),
                device_id character varying(100) NOT NULL,
                client_updated_at timestamp with time zone NOT NULL,
                server_updated_at timestamp with time zone NOT NULL,
                deleted_at timestamp with time zone,
                change_xid bigint NOT NULL,
                CONSTRAINT pk_bookmarks PRIMARY KEY (id),
                CONSTRAINT fk_bookmarks_books_book_id FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE,
                CONSTRAINT fk_bookmarks_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
            );

            CREATE TABLE reading_progress (
                user_id uuid NOT NULL,
                book_id uuid NOT NULL,
                position character varying(2048) NOT NULL,
                percent numeric(7,4) NOT NULL,
                device_id character varying(100) NOT NULL,
                client_updated_at timestamp with time zone NOT NULL,
                server_updated_at timestamp with time zone NOT NULL,
                change_xid bigint NOT NULL,
                CONSTRAINT pk_reading_progress PRIMARY KEY (user_id, book_id),
                CONSTRAINT ck_reading_progress_percent CHECK (percent BETWEEN 0 AND 100),
                CONSTRAINT fk_reading_progress_books_book_id FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE,
                CONSTRAINT fk_reading_progress_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
            );

            CREATE INDEX ix_annotations_book_id ON annotations (book_id);
            CREATE INDEX ix_annotations_user_id_book_id ON annotations (user_id, book_id);
            CREATE INDEX ix_annotations_user_id_change_xid ON annotations (user_id, change_xid);
            CREATE INDEX ix_bookmarks_book_id ON bookmarks (book_id);
            CREATE INDEX ix_bookmarks_user_id_book_id ON bookmarks (user_id, book_id);
            CREATE INDEX ix_bookmarks_user_id_change_xid ON bookmarks (user_id, change_xid);
            CREATE INDEX ix_reading_progress_book_id ON reading_progress (book_id);
            CREATE INDEX ix_reading_progress_user_id_change_xid ON reading_progress (user_id, change_xid);

            -- Every insert and update stamps the row with its top-level transaction's id (a 64-bit xid8, never wrapping),
            -- so readingChanges can tell which changes a snapshot saw.
            CREATE FUNCTION reading_stamp_change() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                NEW.change_xid := pg_current_xact_id()::text::bigint;
                RETURN NEW;
            END;
            $$;

            CREATE TRIGGER reading_progress_stamp_change BEFORE INSERT OR UPDATE ON reading_progress
                FOR EACH ROW EXECUTE FUNCTION reading_stamp_change();
            CREATE TRIGGER bookmarks_stamp_change BEFORE INSERT OR UPDATE ON bookmarks
                FOR EACH ROW EXECUTE FUNCTION reading_stamp_change();
            CREATE TRIGGER annotations_stamp_change BEFORE INSERT OR UPDATE ON annotations
                FOR EACH ROW EXECUTE FUNCTION reading_stamp_change();
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TABLE annotations, bookmarks, reading_progress;
            DROP FUNCTION reading_stamp_change();
            """);
    }
}
