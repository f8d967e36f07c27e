"""Who may do what through the API: every route × every role × API key or browser session.

MATRIX is the specification; the columns are ROLES:

    anon       no credentials                 → 401 for writes and ideas
    member     an employee of the organization without roles (world.coworker)
    developer  internal developer; wrote the acts of the organization (so is on their team)
    decider, admin, editor   roles in the organization
    outsider   admin of another organization   → 404 for what the organization keeps internal
    platform   platform admin, member of nothing
    revoked    a revoked API key               → 401 everywhere

Each signed-in role is tried twice: with an API key ("token") and with a browser session
("session"; the Django test client skips the CSRF check, which test_session_writes_need_csrf
covers). For writes the test also checks the database: the write happened for an allowed role
and did not happen for a denied one. The HTML pages for managing keys (namespace api_tokens)
take a session only; an API key does not sign anyone in there.
"""

from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.test import Client

from tests import module_db
from tests.module_db import module_rows
from tests.routes import routes_in
from tests.test_api_scene import Scene, build_scene
from tuuma.acts import actions as act_actions
from tuuma.acts.models import Act, ActTranslation, ActUpdate, Adoption, Contact, Metric
from tuuma.api.models import ApiToken
from tuuma.api.tokens import create_token, revoke_token
from tuuma.ideas import actions as idea_actions
from tuuma.ideas.models import Comment, Follow, Idea, Status, Support

ROLES = ("anon", "member", "developer", "decider", "admin", "editor", "outsider", "platform",
         "revoked")
PERSONA = {"member": "coworker", "developer": "developer", "decider": "decider",
           "admin": "admin", "editor": "editor", "outsider": "outsider",
           "platform": "platform"}
MARK = "Merkkijono-7421"
L = "login"


@dataclass
class MatrixScene:
    s: Scene
    idea: Idea           # by world.employee, submitted
    accepted: Idea       # accepted, ready to become an act
    spare_token: ApiToken  # the developer's, revoked through the page
    revoked_key: str
    sessions: dict
    entry: ActUpdate     # a diary entry of the internal act

    def user(self, role):
        return self.s.person(PERSONA[role]) if role in PERSONA else None

    def client(self, role, mode) -> Client:
        if role == "revoked":
            return Client(HTTP_AUTHORIZATION=f"Bearer {self.revoked_key}")
        if role == "anon":
            return Client()
        if mode == "token":
            return self.s.client(PERSONA[role])
        return module_db.client(self.sessions[role])


def build() -> MatrixScene:
    s = build_scene()
    w = s.world
    idea = idea_actions.submit_idea(w.org, by=w.employee, title="Kirjaston aukioloajat iltaan",
                                    problem="Moni ei ehdi kirjastoon.",
                                    proposal="Omatoimikirjasto iltaisin.")
    Follow.objects.filter(idea=idea).delete()  # so that following is a visible change
    accepted = idea_actions.submit_idea(w.org, by=w.employee, title="Yhteinen varauskalenteri",
                                        problem="Varaukset hajallaan.",
                                        proposal="Yksi kalenteri.")
    idea_actions.decide(accepted, by=w.decider, outcome=Status.ACCEPTED, reason="Hyvä idea.")
    spare, _key = create_token(w.developer, name="Poistettava avain")
    gone, revoked_key = create_token(w.employee, name="Vanha avain")
    revoke_token(gone, by=w.employee)
    entry = act_actions.add_update(s.internal, by=w.developer, body="Aloitettiin.")
    m = MatrixScene(s=s, idea=idea, accepted=accepted, spare_token=spare,
                    revoked_key=revoked_key, sessions={}, entry=entry)
    m.sessions = {role: module_db.signed_in(m.user(role)) for role in PERSONA}
    return m


@pytest.fixture(scope="module")
def module_scene(django_db_setup, django_db_blocker, tmp_path_factory):
    with module_rows(django_db_blocker, tmp_path_factory.mktemp("media")):
        yield build()


@pytest.fixture
def scene(module_scene, db) -> MatrixScene:
    m = module_scene
    module_db.refresh(m.idea, m.accepted, users=[m.user(r) for r in PERSONA])
    return m


@dataclass
class Route:
    method: str
    url: object            # MatrixScene -> str
    data: object = None    # MatrixScene -> JSON-able
    effect: object = None  # MatrixScene -> bool: did the write happen?
    html: bool = False     # a web page (session only), not the API


def act_url(which, path=""):
    return lambda m: f"/api/v1/acts/{getattr(m.s, which).pk}/{path}"


def idea_url(path="", which="idea"):
    return lambda m: f"/api/v1/ideas/{getattr(m, which).pk}/{path}"


def visibility(m, which):
    return Act.objects.get(pk=getattr(m.s, which).pk).visibility


ROUTES = {
    "GET api:index": Route("GET", lambda m: "/api/v1/"),
    "GET api:schema": Route("GET", lambda m: "/api/v1/schema/"),
    "GET api:act-list": Route("GET", lambda m: "/api/v1/acts/"),
    "POST api:act-list": Route(
        "POST", lambda m: "/api/v1/acts/",
        lambda m: {"organization": "testila", "title": MARK, "summary": "Tiivistelmä.",
                   "themes": ["digitalisaatio"]},
        lambda m: Act.objects.filter(title=MARK, organization=m.s.world.org).exists()),
    "GET api:act-detail internal": Route("GET", act_url("internal")),
    "GET api:act-detail public": Route("GET", act_url("public")),
    "PATCH api:act-detail internal": Route(
        "PATCH", act_url("internal"), lambda m: {"title": MARK},
        lambda m: Act.objects.filter(pk=m.s.internal.pk, title=MARK).exists()),
    "PATCH api:act-detail public": Route(
        "PATCH", act_url("public"), lambda m: {"title": MARK, "status": "discontinued"},
        lambda m: Act.objects.filter(pk=m.s.public.pk, title=MARK).exists()),
    "DELETE api:act-detail internal": Route(
        "DELETE", act_url("internal"),
        effect=lambda m: not Act.objects.filter(pk=m.s.internal.pk).exists()),
    "DELETE api:act-detail public": Route(
        "DELETE", act_url("public"),
        effect=lambda m: not Act.objects.filter(pk=m.s.public.pk).exists()),
    "POST api:act-translations": Route(
        "POST", act_url("internal", "translations/"),
        lambda m: {"language": "en", "title": MARK},
        lambda m: ActTranslation.objects.filter(act=m.s.internal, title=MARK).exists()),
    "POST api:act-request-publishing": Route(
        "POST", act_url("internal", "request-publishing/"), None,
        lambda m: visibility(m, "internal") != "internal"),
    "POST api:act-publish": Route(
        "POST", act_url("pending", "publish/"), None,
        lambda m: visibility(m, "pending") == "public"),
    "POST api:act-withdraw": Route(
        "POST", act_url("public", "withdraw/"), None,
        lambda m: visibility(m, "public") == "internal"),
    "POST api:act-adopt": Route(
        "POST", act_url("foreign", "adopt/"),
        lambda m: {"organization": "testila", "note": MARK},
        lambda m: Adoption.objects.filter(act=m.s.foreign, note=MARK).exists()),
    "POST api:act-updates": Route(
        "POST", act_url("internal", "updates/"), lambda m: {"body": MARK},
        lambda m: ActUpdate.objects.filter(act=m.s.internal, body=MARK).exists()),
    "PATCH api:act-update-entry": Route(
        "PATCH", lambda m: f"/api/v1/acts/{m.s.internal.pk}/updates/{m.entry.pk}/",
        lambda m: {"body": MARK},
        lambda m: ActUpdate.objects.filter(pk=m.entry.pk, body=MARK).exists()),
    "DELETE api:act-update-entry": Route(
        "DELETE", lambda m: f"/api/v1/acts/{m.s.internal.pk}/updates/{m.entry.pk}/",
        effect=lambda m: not ActUpdate.objects.filter(pk=m.entry.pk).exists()),
    "PUT api:act-contacts": Route(
        "PUT", act_url("internal", "contacts/"),
        lambda m: [{"name": MARK, "email": "yhteys@testila.fi"}],
        lambda m: Contact.objects.filter(act=m.s.internal, name=MARK).exists()),
    "PUT api:act-metrics": Route(
        "PUT", act_url("internal", "metrics/"),
        lambda m: [{"name": MARK, "unit": "kpl", "baseline": "1.5", "target": "10"}],
        lambda m: Metric.objects.filter(act=m.s.internal, name=MARK).exists()),
    "GET api:organization-list": Route("GET", lambda m: "/api/v1/organizations/"),
    "GET api:organization-detail": Route("GET", lambda m: "/api/v1/organizations/testila/"),
    "GET api:theme-list": Route("GET", lambda m: "/api/v1/themes/"),
    "GET api:sector-list": Route("GET", lambda m: "/api/v1/sectors/"),
    "GET api:idea-list": Route("GET", lambda m: "/api/v1/ideas/"),
    "POST api:idea-list": Route(
        "POST", lambda m: "/api/v1/ideas/",
        lambda m: {"organization": "testila", "title": MARK, "problem": "Ongelma.",
                   "proposal": "Ehdotus.", "beneficiaries": "staff",
                   "units": [m.s.world.unit.pk]},
        lambda m: Idea.objects.filter(title=MARK, units=m.s.world.unit).exists()),
    "GET api:idea-detail": Route("GET", idea_url()),
    "PATCH api:idea-detail": Route(
        "PATCH", idea_url(), lambda m: {"title": MARK},
        lambda m: Idea.objects.filter(pk=m.idea.pk, title=MARK).exists()),
    "POST api:idea-comments": Route(
        "POST", idea_url("comments/"), lambda m: {"body": MARK},
        lambda m: Comment.objects.filter(idea=m.idea, body=MARK).exists()),
    "POST api:idea-support": Route(
        "POST", idea_url("support/"), lambda m: {"on": True},
        lambda m: Support.objects.filter(idea=m.idea).exists()),
    "POST api:idea-follow": Route(
        "POST", idea_url("follow/"), lambda m: {"on": True},
        lambda m: Follow.objects.filter(idea=m.idea).exists()),
    "POST api:idea-decision": Route(
        "POST", idea_url("decision/"), lambda m: {"outcome": "accepted", "reason": MARK},
        lambda m: Idea.objects.filter(pk=m.idea.pk, status=Status.ACCEPTED).exists()),
    "POST api:idea-act": Route(
        "POST", idea_url("act/", "accepted"), None,
        lambda m: Act.objects.filter(origin_ideas=m.accepted).exists()),
    "GET api_tokens:list": Route("GET", lambda m: "/tili/api-avaimet/", html=True),
    "POST api_tokens:list": Route(
        "POST", lambda m: "/tili/api-avaimet/", lambda m: {"name": MARK},
        lambda m: ApiToken.objects.filter(name=MARK).exists(), html=True),
    "POST api_tokens:revoke": Route(
        "POST", lambda m: f"/tili/api-avaimet/{m.spare_token.pk}/poista/", None,
        lambda m: ApiToken.objects.filter(pk=m.spare_token.pk,
                                          revoked_at__isnull=False).exists(), html=True),
}

OPEN = (200,) * 8 + (401,)
MEMBERS = (401,) + (200,) * 5 + (404, 200, 401)
EDIT_INTERNAL = (401, 403, 200, 403, 200, 200, 404, 200, 401)

MATRIX = {
    #                                   anon mem  dev  dec  adm  edi  out  plat revoked
    "GET api:index":                    OPEN,
    "GET api:schema":                   OPEN,
    "GET api:act-list":                 OPEN,
    "POST api:act-list":                (401, 403, 201, 201, 201, 201, 404, 201, 401),
    "GET api:act-detail internal":      (404, 200, 200, 200, 200, 200, 404, 200, 401),
    "GET api:act-detail public":        OPEN,
    "PATCH api:act-detail internal":    EDIT_INTERNAL,
    "PATCH api:act-detail public":      (401, 403, 200, 403, 200, 200, 403, 200, 401),
    "DELETE api:act-detail internal":   (401, 403, 204, 403, 204, 204, 404, 204, 401),
    "DELETE api:act-detail public":     (401, 403, 400, 403, 400, 400, 403, 400, 401),
    "POST api:act-translations":        EDIT_INTERNAL,
    "POST api:act-request-publishing":  EDIT_INTERNAL,
    "POST api:act-publish":             (401, 403, 403, 403, 200, 200, 404, 200, 401),
    "POST api:act-withdraw":            (401, 403, 403, 403, 200, 200, 403, 200, 401),
    "POST api:act-adopt":               (401, 201, 201, 201, 201, 201, 403, 403, 401),
    "POST api:act-updates":             (401, 403, 201, 403, 201, 201, 404, 201, 401),
    "PATCH api:act-update-entry":       EDIT_INTERNAL,
    "DELETE api:act-update-entry":      (401, 403, 204, 403, 204, 204, 404, 204, 401),
    "PUT api:act-contacts":             EDIT_INTERNAL,
    "PUT api:act-metrics":              EDIT_INTERNAL,
    "GET api:organization-list":        OPEN,
    "GET api:organization-detail":      OPEN,
    "GET api:theme-list":               OPEN,
    "GET api:sector-list":              OPEN,
    "GET api:idea-list":                (401,) + (200,) * 7 + (401,),  # outsider: empty list
    "POST api:idea-list":               (401, 201, 201, 201, 201, 201, 404, 201, 401),
    "GET api:idea-detail":              MEMBERS,
    "PATCH api:idea-detail":            (401, 403, 200, 403, 403, 403, 404, 200, 401),
    "POST api:idea-comments":           (401, 201, 201, 201, 201, 201, 404, 201, 401),
    "POST api:idea-support":            MEMBERS,
    "POST api:idea-follow":             MEMBERS,
    "POST api:idea-decision":           (401, 403, 403, 200, 403, 403, 404, 200, 401),
    "POST api:idea-act":                (401, 403, 201, 201, 201, 201, 404, 201, 401),
    "GET api_tokens:list":              (L,) + (200,) * 7 + (L,),
    "POST api_tokens:list":             (L,) + (200,) * 7 + (L,),
    "POST api_tokens:revoke":           (L, 404, 302, 404, 404, 404, 404, 404, L),
}


def cells():
    for route, expected in MATRIX.items():
        for i, role in enumerate(ROLES):
            modes = ("token", "session") if role in PERSONA else ("none",)
            for mode in modes:
                yield pytest.param(route, role, mode, expected[i], id=f"{route}|{role}|{mode}")


def send(client, method, url, data):
    if method == "GET":
        return client.get(url)
    return getattr(client, method.lower())(url, data, content_type="application/json") \
        if data is not None or method != "POST" else client.post(url)


@pytest.mark.parametrize("route, role, mode, expected", list(cells()))
def test_matrix(scene, route, role, mode, expected):
    spec = ROUTES[route]
    if spec.html and mode == "token":
        expected = L  # an API key is not a sign-in to the web pages
    client = scene.client(role, mode)
    url = spec.url(scene)
    data = spec.data(scene) if spec.data else None
    if spec.html:
        response = client.get(url) if spec.method == "GET" else client.post(url, data or {})
    else:
        response = send(client, spec.method, url, data)

    if expected == L:
        assert response.status_code == 302
        assert response["Location"] == f"/tili/kirjaudu/?next={quote(url, safe='/')}"
    else:
        assert response.status_code == expected, response.content.decode()[:1000]
    if spec.effect:
        allowed = expected in (200, 201, 204, 302)
        assert spec.effect(scene) is allowed, \
            "the write did not happen" if allowed else "the write happened"


def test_matrix_covers_every_route():
    """A new API address without a row fails here."""
    covered = {key.split(" ")[1] for key in MATRIX}
    assert routes_in("api") | routes_in("api_tokens") <= covered
    assert set(MATRIX) == set(ROUTES)


UNSAFE = [name for name, spec in ROUTES.items() if spec.method != "GET" and not spec.html]


@pytest.mark.parametrize("route", UNSAFE)
def test_session_writes_need_csrf(scene, route):
    """A browser session may read the API, but a write without the CSRF token is refused."""
    spec = ROUTES[route]
    client = module_db.client(scene.sessions["platform"], enforce_csrf_checks=True)
    data = spec.data(scene) if spec.data else {}
    response = getattr(client, spec.method.lower())(spec.url(scene), data,
                                                    content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert spec.effect(scene) is False


def test_session_write_with_csrf_token_works(scene):
    client = module_db.client(scene.sessions["developer"], enforce_csrf_checks=True)
    client.get("/tili/api-avaimet/")  # sets the CSRF cookie, as any page does
    token = client.cookies["csrftoken"].value
    response = client.patch(f"/api/v1/acts/{scene.s.internal.pk}/", {"title": MARK},
                            content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert Act.objects.filter(pk=scene.s.internal.pk, title=MARK).exists()
