"""The search index: one row per searchable object, its analysed terms and facet values.

The retrieval structure lives next to these tables and is backend-specific (migration 0002):
SQLite: an FTS5 table over the four term columns, kept in step by triggers; PostgreSQL: a
weighted tsvector column (generated from the same columns) with a GIN index."""

from django.db import models

from tuuma.organizations.models import Organization


class SearchDoc(models.Model):
    kind = models.CharField(max_length=4)  # "act" or "idea"
    object_id = models.BigIntegerField()
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    is_public = models.BooleanField(default=False)
    language = models.CharField(max_length=2, default="fi")
    # The raw text, for snippets (never author names: hidden authors must stay hidden).
    title = models.TextField()
    body = models.TextField(blank=True)
    # Analysed terms, space-separated (see analysis.py): whole words and compound parts.
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    title_parts = models.TextField(blank=True)
    body_parts = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_doc")]
        indexes = [models.Index(fields=["organization", "kind"], name="searchdoc_org"),
                   models.Index(fields=["is_public", "kind"], name="searchdoc_public")]


class SearchFacet(models.Model):
    """A facet value of a document: status, year, theme, sector, unit (several per name)."""

    doc = models.ForeignKey(SearchDoc, on_delete=models.CASCADE, related_name="facets")
    name = models.CharField(max_length=12)
    value = models.CharField(max_length=80)

    class Meta:
        indexes = [models.Index(fields=["name", "value", "doc"], name="searchfacet_value"),
                   models.Index(fields=["doc", "name"], name="searchfacet_doc")]


class SearchTerm(models.Model):
    """Every term in the index, for the typo fallback (known terms, near neighbours)."""

    term = models.CharField(max_length=100, unique=True)
    df = models.PositiveIntegerField(default=0)  # how many documents have the term
    # A common term's best documents are listed in SearchTop; every other document with the
    # term weighs at most this (None: no list, the term is rare enough to read in full).
    floor = models.FloatField(null=True, blank=True)


class SearchTop(models.Model):
    """The documents that weigh most for a common term (SQLite): a very broad search ranks
    from these lists instead of scoring every match (engine.top_ranked). WEIGHT is the term's
    share of bm25() without its IDF, which the query supplies."""

    term = models.CharField(max_length=100)
    doc = models.ForeignKey(SearchDoc, on_delete=models.CASCADE, related_name="+")
    weight = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["term", "weight"], name="searchtop_term"),
                   models.Index(fields=["doc"], name="searchtop_doc")]


class SearchMeta(models.Model):
    """Key/value facts about the index, such as the analyser version it was built with."""

    key = models.CharField(max_length=40, primary_key=True)
    value = models.CharField(max_length=200)
