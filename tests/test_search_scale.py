"""The shortcuts search takes at scale, made to fire on a small index by shrinking their
thresholds: a very broad search ranks from the common terms' best-documents lists (exactly as
scoring every match would), its counts are estimated from a sample, and the lists follow every
save. None of them may let anything outside the person's scope through. On both backends:
the lists hold bm25() shares on SQLite and ts_rank() on PostgreSQL."""

import random

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from tuuma.acts.models import Act, Visibility
from tuuma.search import engine, index
from tuuma.search.models import SearchTerm, SearchTop
from tuuma.search.query import _where, analyse, search

ANON = AnonymousUser()
WORDS = ("kirjasto kotihoito asiakas palvelu kokeilu ajanvaraus sähköinen tila varaus "
         "kalenteri työvuoro lista neuvonta chat perehdytys malli").split()

@pytest.fixture
def small_thresholds(monkeypatch):
    for name, value in (("TOP_MIN_DF", 4), ("TOP_SIZE", 8), ("BROAD", 6), ("READ_IN_FULL", 5),
                        ("READ_IN_FULL_PG", 5), ("RESCORED", 3), ("RESCORED_MAX", 200),
                        ("EXACT", 6), ("SAMPLE", 4), ("WINDOWS", 4)):
        monkeypatch.setattr(engine, name, value)


@pytest.fixture
def many(world, small_thresholds):
    """Sixty acts of random common words, public and internal, of varying length."""
    rng = random.Random(7)
    acts = []
    for n in range(60):
        title = " ".join(rng.choices(WORDS, k=rng.randint(1, 4)))
        body = " ".join(rng.choices(WORDS, k=rng.randint(3, 30)))
        public = n % 4 != 0
        acts.append(Act.objects.create(
            organization=world.org if n % 2 else world.other_org, title=title,
            need_and_goals=body, visibility=Visibility.PUBLIC if public else Visibility.INTERNAL))
    index.build_lists()
    return acts


def exact(terms, where, limit, offset=0):
    """Every match scored by the database itself (bm25() or the IDF-weighted ts_rank())."""
    engine_ = engine.backend(engine.safe_terms(terms))
    source, params = engine_.source()
    score, score_params = engine_.score()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT d.id, d.kind, d.object_id, {score} AS score FROM {source} "
                       f"AND {where.sql} ORDER BY score DESC, d.id LIMIT %s OFFSET %s",
                       [*score_params, *params, *where.params, limit, offset])
        return cursor.fetchall()


QUERIES = ["kirjasto", "kotihoito asiakas", "sähköinen ajanvaraus", "tilavaraus kalenteri",
           "työvuorolista", "neuvonta chat asiakaspalvelu", "perehdytysmalli kokeilu"]


def test_a_broad_search_ranks_from_the_lists_as_scoring_every_match_would(world, many):
    assert SearchTerm.objects.filter(floor__isnull=False).exists()
    from_lists = 0
    for user in (ANON, world.coworker, world.outsider):
        for q in QUERIES:
            terms = analyse(q).terms
            where = _where(user, ("act", "idea"), None)
            for offset in (0, 2):
                fast = engine.top_ranked(terms, where, limit=2, offset=offset)
                if fast is not None:
                    from_lists += 1
                    assert fast == exact(terms, where, 2, offset), (q, user, offset)
                assert engine.ranked(terms, where, limit=2, offset=offset) == exact(
                    terms, where, 2, offset)
    assert from_lists  # the shortcut was taken, not only declined


def test_a_search_that_settles_gives_exactly_scored_rows_in_scope(world, many, monkeypatch):
    """Where the lists cannot prove the order of a very broad search, it settles for the best
    candidates (engine.SETTLE_DF, SETTLE_DF_SQLITE): each scored exactly, best first, nothing
    the person may not see; and where the order can be proven, the very same rows as without
    settling."""
    monkeypatch.setattr(engine, "SETTLE_DF", 0)
    monkeypatch.setattr(engine, "SETTLE_DF_SQLITE", 0)
    settled = 0
    for user in (ANON, world.coworker, world.outsider):
        where = _where(user, ("act", "idea"), None)
        for q in QUERIES:
            terms = analyse(q).terms
            rows = engine.top_ranked(terms, where, limit=3, settle=True)
            if rows is None:
                continue
            proven = engine.top_ranked(terms, where, limit=3)
            if proven is not None:
                assert rows == proven, q
                continue
            settled += 1
            everything = {row[0]: row for row in exact(terms, where, 1000)}
            assert all(everything[row[0]] == row for row in rows), q  # in scope, exact scores
            assert [r[3] for r in rows] == sorted((r[3] for r in rows), reverse=True)
    assert settled  # the lists could not prove some order here, and settling answered


def test_the_lists_stay_exact_as_documents_get_longer(world, many):
    """Weights grow with the average document length; floors set earlier are widened."""
    filler = " ".join(["ympäristö"] * 200)
    for _ in range(20):
        Act.objects.create(organization=world.org, title="Ympäristö", need_and_goals=filler,
                           visibility=Visibility.PUBLIC)
    where = _where(ANON, ("act", "idea"), None)
    for q in QUERIES:
        terms = analyse(q).terms
        fast = engine.top_ranked(terms, where, limit=2)
        assert fast is None or fast == exact(terms, where, 2), q


def test_the_lists_keep_internal_acts_inside_their_organization(world, many):
    internal = {a.pk for a in many if not a.is_public}
    theirs = {a.pk for a in many if not a.is_public and a.organization_id == world.org.pk}
    for q in QUERIES:
        terms = analyse(q).terms
        for user, allowed in ((ANON, set()), (world.outsider, internal - theirs),
                              (world.coworker, theirs)):
            rows = engine.ranked(terms, _where(user, ("act", "idea"), None), limit=3)
            found = {object_id for _id, _kind, object_id, _s in rows} & internal
            assert found <= allowed
            results = search(q, user=user, per_page=3)
            assert {h.obj.pk for h in results.hits} & internal <= allowed
            shown = {int(v) for v, _label, _n in results.facets.get("organization", [])}
            if user is ANON:
                assert results.facets.get("kind", [("act", "", 0)])[0][0] == "act"
                assert shown <= {world.org.pk, world.other_org.pk}


def test_a_very_broad_search_estimates_its_counts(world, many):
    results = search("kirjasto asiakas kokeilu palvelu", user=ANON, per_page=2)
    assert results.approximate
    assert results.total > engine.EXACT
    assert results.facets["kind"][0][0] == "act"
    assert all(n > 0 for values in results.facets.values() for _v, _l, n in values)
    narrow = search("kirjasto", user=ANON, filters={"organization": [world.org.pk]})
    assert not narrow.approximate or narrow.total > engine.EXACT
    assert engine._rounded(12_345) == 12_000 and engine._rounded(0.2) == 1


def test_the_lists_follow_saves(world, many):
    term = "perehdytys"
    floor = SearchTerm.objects.get(term=term).floor
    assert floor is not None
    strong = Act.objects.create(organization=world.org, title="Perehdytys", need_and_goals="",
                                visibility=Visibility.PUBLIC)
    listed = SearchTop.objects.filter(term=term, doc__object_id=strong.pk, doc__kind="act")
    assert listed.exists()  # a short act all about the word weighs more than the floor
    strong.title = "Tilavaraus"
    strong.save()
    assert not listed.exists()
    strong.title = "Perehdytys"
    strong.save()
    assert listed.exists()
    strong.delete()
    assert not SearchTop.objects.filter(term=term, weight__gt=1e9).exists()
    assert not listed.exists()
    # A list grown to twice its size is cut back and its floor raised.
    for _ in range(2 * engine.TOP_SIZE + 1):
        Act.objects.create(organization=world.org, title="Perehdytys perehdytys",
                           visibility=Visibility.PUBLIC)
    assert SearchTop.objects.filter(term=term).count() <= 2 * engine.TOP_SIZE
    assert SearchTerm.objects.get(term=term).floor > floor


def test_a_term_that_becomes_common_gets_its_list(world, small_thresholds):
    for _ in range(engine.TOP_MIN_DF + 1):
        Act.objects.create(organization=world.org, title="Uimahalli", visibility=Visibility.PUBLIC)
    assert SearchTerm.objects.get(term="uimahalli").floor is not None
    assert SearchTop.objects.filter(term="uimahalli").count() == engine.TOP_MIN_DF + 1


def test_reindex_rebuilds_the_lists(world, many):
    SearchTop.objects.all().delete()
    index.rebuild()
    assert SearchTop.objects.exists()
    assert SearchTerm.objects.filter(floor__isnull=False).count() == SearchTerm.objects.filter(
        df__gt=engine.TOP_MIN_DF).count()
