"""The backend-specific retrieval structures over the index tables (see models.py)."""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title_terms, body_terms, title_parts, body_parts,
        content='search_searchdoc', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 tokenchars '-'")""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdoc BEGIN
        INSERT INTO search_fts(rowid, title_terms, body_terms, title_parts, body_parts)
        VALUES (new.id, new.title_terms, new.body_terms, new.title_parts, new.body_parts);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdoc BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms, title_parts,
                               body_parts)
        VALUES ('delete', old.id, old.title_terms, old.body_terms, old.title_parts,
                old.body_parts);
    END""",
    """CREATE TRIGGER search_fts_update
    AFTER UPDATE OF title_terms, body_terms, title_parts, body_parts ON search_searchdoc BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms, title_parts,
                               body_parts)
        VALUES ('delete', old.id, old.title_terms, old.body_terms, old.title_parts,
                old.body_parts);
        INSERT INTO search_fts(rowid, title_terms, body_terms, title_parts, body_parts)
        VALUES (new.id, new.title_terms, new.body_terms, new.title_parts, new.body_parts);
    END""",
    # Character trigrams of every indexed term: candidates for the typo fallback.
    """CREATE VIRTUAL TABLE search_term_trgm USING fts5(
        term, content='search_searchterm', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER search_term_trgm_insert AFTER INSERT ON search_searchterm BEGIN
        INSERT INTO search_term_trgm(rowid, term) VALUES (new.id, new.term);
    END""",
    """CREATE TRIGGER search_term_trgm_delete AFTER DELETE ON search_searchterm BEGIN
        INSERT INTO search_term_trgm(search_term_trgm, rowid, term)
        VALUES ('delete', old.id, old.term);
    END""",
]
SQLITE_DROP = ["DROP TRIGGER search_term_trgm_delete", "DROP TRIGGER search_term_trgm_insert",
               "DROP TABLE search_term_trgm", "DROP TRIGGER search_fts_update",
               "DROP TRIGGER search_fts_delete", "DROP TRIGGER search_fts_insert",
               "DROP TABLE search_fts"]

POSTGRES = [
    # Title 2, title parts 1, body 1, body parts 0.5 → weights A, B, C, D (ranked with
    # {0.25, 0.5, 0.5, 1.0}). The terms are already analysed, hence the 'simple' config.
    """ALTER TABLE search_searchdoc ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title_terms), 'A')
        || setweight(to_tsvector('simple', title_parts), 'B')
        || setweight(to_tsvector('simple', body_terms), 'C')
        || setweight(to_tsvector('simple', body_parts), 'D')) STORED""",
    "CREATE INDEX search_searchdoc_tsv ON search_searchdoc USING gin (tsv)",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS search_searchterm_trgm",
                 "DROP INDEX search_searchdoc_tsv", "ALTER TABLE search_searchdoc DROP COLUMN tsv"]


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        for sql in SQLITE:
            schema_editor.execute(sql)
    elif connection.vendor == "postgresql":
        for sql in POSTGRES:
            schema_editor.execute(sql)
        _trigram_index(schema_editor)


def _trigram_index(schema_editor):
    """pg_trgm makes typo candidates an index lookup; without it search.index falls back to
    Python (slower on big vocabularies). Creating the extension may not be allowed."""
    with schema_editor.connection.cursor() as cursor:
        try:
            cursor.execute("SAVEPOINT search_trgm")
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute("RELEASE SAVEPOINT search_trgm")
        except Exception:
            cursor.execute("ROLLBACK TO SAVEPOINT search_trgm")
            return
    schema_editor.execute("CREATE INDEX search_searchterm_trgm ON search_searchterm "
                          "USING gin (term gin_trgm_ops)")


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
