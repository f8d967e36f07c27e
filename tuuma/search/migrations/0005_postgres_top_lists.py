"""Best-documents lists on PostgreSQL too: a term's weight in a document is its ts_rank there
(the score is the sum of IDF × ts_rank over the terms), so a very broad search ranks from the
lists as on SQLite. An existing PostgreSQL index gets its lists here; later writes keep them
(index._list_best), `tuuma search reindex` rebuilds them."""

from django.db import migrations

MIN_DF, SIZE, WEIGHTS = 1000, 250, "{0.25, 0.5, 0.5, 1.0}"  # as engine.py has them


def build_lists(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT term FROM search_searchterm WHERE df > %s AND floor IS NULL",
                       [MIN_DF])
        for (term,) in cursor.fetchall():
            cursor.execute(f"SELECT d.id, ts_rank('{WEIGHTS}', d.tsv, q, 1) AS w "
                           f"FROM search_searchdoc d, plainto_tsquery('simple', %s) q "
                           f"WHERE d.tsv @@ q ORDER BY w DESC, d.id LIMIT %s", [term, SIZE + 1])
            best = cursor.fetchall()
            cursor.executemany("INSERT INTO search_searchtop (term, doc_id, weight) "
                               "VALUES (%s, %s, %s)", [(term, d, w) for d, w in best[:SIZE]])
            cursor.execute("UPDATE search_searchterm SET floor = %s WHERE term = %s",
                           [best[SIZE][1] if len(best) > SIZE else 0.0, term])


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0004_top_lists"),
    ]

    operations = [
        migrations.RunPython(build_lists, migrations.RunPython.noop),
    ]
