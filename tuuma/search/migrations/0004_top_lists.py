"""Best-documents lists of the common terms (SearchTop, SearchTerm.floor): a very broad search
ranks from them instead of scoring every match (see engine.top_ranked). On SQLite an existing
index gets its lists here; later writes keep them (index._list_best), `tuuma search reindex`
rebuilds them."""

import math

import django.db.models.deletion
from django.db import migrations, models

MIN_DF, SIZE, WEIGHTS = 1000, 250, "2.0, 1.0, 1.0, 0.5"  # as engine.py had them


def _averages(cursor):
    """(rows, tokens) of FTS5's averages record (varints), None if unreadable."""
    cursor.execute("SELECT block FROM search_fts_data WHERE id = 1")
    found = cursor.fetchone()
    values, i, data = [], 0, bytes(found[0]) if found and found[0] else b""
    while i < len(data):
        value, n = 0, 0
        while True:
            byte, i, n = data[i], i + 1, n + 1
            if n == 9:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80 or i >= len(data):
                break
        values.append(value)
    return (values[0], sum(values[1:])) if len(values) == 5 and values[0] > 0 else None


def build_lists(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        averages = _averages(cursor)
        if averages is None:
            return
        rows = averages[0]
        cursor.execute("SELECT term, df FROM search_searchterm WHERE df > %s", [MIN_DF])
        for term, df in cursor.fetchall():
            if '"' in term:
                continue
            idf = max(math.log((rows - df + 0.5) / (df + 0.5)), 1e-6)
            cursor.execute(f"SELECT rowid, bm25(search_fts, {WEIGHTS}) AS b FROM search_fts "
                           f"WHERE search_fts MATCH %s ORDER BY b, rowid LIMIT %s",
                           ['"' + term + '"', SIZE + 1])
            best = [(doc_id, -b / idf) for doc_id, b in cursor.fetchall()]
            cursor.executemany("INSERT INTO search_searchtop (term, doc_id, weight) "
                               "VALUES (%s, %s, %s)", [(term, d, w) for d, w in best[:SIZE]])
            cursor.execute("UPDATE search_searchterm SET floor = %s WHERE term = %s",
                           [best[SIZE][1] if len(best) > SIZE else 0.0, term])
        cursor.execute("INSERT INTO search_searchmeta (key, value) VALUES ('lists_avgdl', %s)",
                       [repr(averages[1] / rows)])


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0003_covering_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='searchterm',
            name='floor',
            field=models.FloatField(blank=True, null=True),
        ),
        migrations.CreateModel(
            name='SearchTop',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('term', models.CharField(max_length=100)),
                ('weight', models.FloatField()),
                ('doc', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='search.searchdoc')),
            ],
            options={
                'indexes': [models.Index(fields=['term', 'weight'], name='searchtop_term'), models.Index(fields=['doc'], name='searchtop_doc')],
            },
        ),
        migrations.RunPython(build_lists, migrations.RunPython.noop),
    ]
