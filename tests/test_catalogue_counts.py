"""The catalogue's facet counts are kept between requests (tuuma.acts.queries.catalogue_counts):
after every publish, withdrawal, edit, deletion or organization change they must still equal
the counts made from scratch."""

import re

import pytest
from django.test import Client

from tests.test_acts import make_act
from tuuma.acts import actions
from tuuma.acts.models import Sector, Theme
from tuuma.acts.queries import apply_filters, catalogue_counts, facet_counts, public_acts

FILTER_SETS = [{}, {"theme": "digitalisaatio"}, {"status": "completed"},
               {"theme": "digitalisaatio", "sector": "sote"}, {"region": "Pirkanmaa"},
               {"organization": "ei-ole"}]


def assert_exact(extra_filters=()):
    for data in [*FILTER_SETS, *extra_filters]:
        counts, total = catalogue_counts(data)
        live = facet_counts(public_acts(), data)
        assert {k: v for k, v in counts.items() if v} == {k: v for k, v in live.items() if v}, data
        assert total == apply_filters(public_acts(), data).count(), data


@pytest.fixture
def acts(world):
    return [
        make_act(world, "Digiteko", public=True, themes=["digitalisaatio"], sectors=["sote"]),
        make_act(world, "Johtamisteko", public=True, themes=["johtaminen"], sectors=["sote"]),
        make_act(world, "Naapurin teko", public=True, org=world.other_org, by=world.outsider,
                 themes=["digitalisaatio"], sectors=["tekninen"]),
        make_act(world, "Sisäinen teko", themes=["digitalisaatio"], sectors=["sote"]),
    ]


def test_counts_follow_publish_and_withdraw(world, acts):
    digi, _johto, neighbour, internal = acts
    assert_exact()
    actions.publish(internal, by=world.admin)
    assert_exact()
    assert catalogue_counts({"theme": "digitalisaatio"})[0]["theme"]["digitalisaatio"] == 3
    actions.withdraw(digi, by=world.admin)
    actions.withdraw(neighbour, by=world.outsider)
    assert_exact()
    assert catalogue_counts({})[0]["theme"] == {"digitalisaatio": 1, "johtaminen": 1}
    # The page shows the same.
    page = Client().get("/katalogi/?theme=digitalisaatio").content.decode()
    assert re.search(r'value="digitalisaatio"[^>]*selected[^>]*>[^<]*\(1\)', page)


def test_counts_follow_edits_deletions_and_organization_changes(world, acts):
    digi, johto, neighbour, _internal = acts
    year = str(digi.published_at.year)
    assert_exact([{"year": year}])
    actions.edit_act(johto, by=world.developer, status="completed",
                     themes=[Theme.objects.get(slug="digitalisaatio")],
                     sectors=[Sector.objects.get(slug="tekninen")])
    assert_exact([{"year": year}])
    assert catalogue_counts({"status": "completed"})[1] == 1
    neighbour.delete()
    assert_exact([{"year": year}])
    world.org.region = "Uusimaa"
    world.org.save()
    assert_exact([{"year": year}, {"region": "Uusimaa"}])
    assert catalogue_counts({"region": "Uusimaa"})[1] == 2


def test_a_rolled_back_publish_leaves_no_count(world, acts):
    from django.db import transaction

    internal = acts[3]
    before = catalogue_counts({})
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.publish(internal, by=world.admin)
        raise RuntimeError
    assert catalogue_counts({}) == before
    assert_exact()
