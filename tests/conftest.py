"""Personas shared by every test, one per role (as in healthchecks' hc/test.py):

    employee (Eeva), developer (Kalle), decider (Päivi), steward (Liisa), admin (Aatu)
    in the organization `org`; outsider (Olli) belongs to `other_org` only.
"""

from dataclasses import dataclass

import pytest
from django.test import Client

from tests.factories import (
    PASSWORD,
    IdeaFactory,
    MembershipFactory,
    OrganizationFactory,
    UnitFactory,
    UserFactory,
)
from tuuma.organizations.models import Unit


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Plain static storage (no collectstatic manifest), a fast password hasher and an empty
    cache (kept pages are keyed by stamps that a rolled-back test can bring back)."""
    from django.core.cache import cache

    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()


@pytest.fixture(autouse=True)
def _vocabulary(request):
    """The controlled vocabularies come from a data migration, and a test on a transactional
    database (browsers, live servers, concurrency) empties every table when it ends: put them
    back for whichever database test runs next on the same worker."""
    for name in ("transactional_db", "db"):
        if name in request.fixturenames:
            request.getfixturevalue(name)
            break
    else:
        if request.node.get_closest_marker("django_db") is None:
            return
    from tests.module_db import ensure_vocabularies

    ensure_vocabularies()


@dataclass
class World:
    org: object
    other_org: object
    sector: Unit
    unit: Unit
    other_unit: Unit
    employee: object
    coworker: object
    developer: object
    decider: object
    steward: object
    admin: object
    outsider: object


def login(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def world(db) -> World:
    return build_world()


def build_world() -> World:
    """The personas, for fixtures of any scope (the caller provides database access)."""
    org = OrganizationFactory(name_fi="Testilän kaupunki", slug="testila")
    other = OrganizationFactory(name_fi="Muualan kunta", slug="muuala")
    sector = UnitFactory(organization=org, name_fi="Sivistys", kind="sector")
    area = UnitFactory(organization=org, name_fi="Kulttuuripalvelut", kind="service_area",
                       parent=sector)
    unit = UnitFactory(organization=org, name_fi="Kirjasto", parent=area)
    tech = UnitFactory(organization=org, name_fi="Tekninen", kind="sector")
    other_unit = UnitFactory(organization=org, name_fi="Kiinteistöt", parent=tech)

    def person(name, email, **roles):
        user = UserFactory(full_name=name, email=email)
        MembershipFactory(user=user, organization=org, unit=unit, **roles)
        return user

    outsider = UserFactory(full_name="Olli Ulkopuolinen", email="olli@muuala.fi")
    MembershipFactory(user=outsider, organization=other, is_admin=True, is_developer=True,
                      is_decider=True)
    return World(
        org=org, other_org=other, sector=sector, unit=unit, other_unit=other_unit,
        employee=person("Eeva Esimerkki", "eeva@testila.fi"),
        coworker=person("Tuomas Työkaveri", "tuomas@testila.fi"),
        developer=person("Kalle Kehittäjä", "kalle@testila.fi", is_developer=True),
        decider=person("Päivi Päättäjä", "paivi@testila.fi", is_decider=True),
        steward=person("Liisa Luottamus", "liisa@testila.fi", is_steward=True),
        admin=person("Aatu Admin", "aatu@testila.fi", is_admin=True),
        outsider=outsider,
    )


@pytest.fixture
def idea(world):
    """An idea by the employee, concerning the library."""
    from tuuma.ideas.actions import submit_idea

    return submit_idea(world.org, by=world.employee, title="Kirjaston aukioloajat iltaan",
                       problem="Moni ei ehdi kirjastoon työpäivän jälkeen.",
                       proposal="Kokeillaan omatoimikirjastoa iltaisin.", units=[world.unit])


@pytest.fixture
def password():
    return PASSWORD


__all__ = ["IdeaFactory", "login"]


@pytest.fixture
def run_tasks():
    """Run queued background tasks with the real database worker, as `tuuma db_worker` would.

    The worker closes stale connections between tasks; inside a test transaction that would
    close the test's own connection, so only that call is neutralized.
    """
    from unittest import mock

    from django.core.management import call_command

    def run():
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command("db_worker", batch=True, queue_name="*", reload=False,
                         startup_delay=False, verbosity=0)

    return run
