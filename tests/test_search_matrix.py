"""Who may open the search routes: every route × role, and what each role must not see.

    anon      not signed in
    employee  a member of the organization (world.coworker)
    outsider  admin of another organization
    platform  platform admin, not a member
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login
from tests.factories import IdeaFactory, UserFactory
from tests.routes import routes_in
from tuuma.acts.models import Act, Visibility

L = "login"
ROLES = ("anon", "employee", "outsider", "platform")
MATRIX = {
    # route: (params builder, {role: expected status})
    "search:search": (lambda w: {"q": "lumityöt"},
                      {"anon": 200, "employee": 200, "outsider": 200, "platform": 200}),
    "search:similar": (lambda w: {"org": w.org.slug, "title": "lumityöt"},
                       {"anon": L, "employee": 200, "outsider": 404, "platform": 200}),
}


def test_every_search_route_has_a_row():
    assert routes_in("search") == set(MATRIX)


def client_for(role, world):
    if role == "anon":
        return Client()
    if role == "platform":
        return login(UserFactory(email="alusta@tuuma.fi", is_superuser=True))
    return login({"employee": world.coworker, "outsider": world.outsider}[role])


@pytest.fixture
def content(world):
    internal = Act.objects.create(organization=world.org, title="Lumityöt sisäisesti",
                                  visibility=Visibility.INTERNAL)
    public = Act.objects.create(organization=world.org, title="Lumityöt julkisesti",
                                need_and_goals="Aurataan", visibility=Visibility.PUBLIC,
                                published_at=timezone.now())
    idea = IdeaFactory(organization=world.org, author=world.employee, title="Lumitöiden idea",
                       problem="Lumityöt myöhässä.")
    return internal, public, idea


@pytest.mark.parametrize("route", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(world, content, route, role):
    params, expected = MATRIX[route]
    response = client_for(role, world).get(reverse(route), params(world))
    want = expected[role]
    if want == L:
        assert response.status_code == 302 and "/tili/" in response["Location"]
        return
    assert response.status_code == want
    internal, public, idea = content
    if want != 200:
        return
    body = response.content.decode()
    member_like = role in ("employee", "platform")
    if route == "search:search":
        assert public.get_absolute_url() in body
    assert (internal.get_absolute_url() in body) == (member_like and route == "search:search")
    assert (idea.get_absolute_url() in body) == member_like
