"""Development acts and the catalogue: every route × every role, one test per cell.

Columns (ROLES):

    anon      not signed in
    employee  a colleague outside the act's team            (world.coworker)
    team      an employee on the act's team, no roles        (world.employee)
    developer, decider, steward, org_admin, editor           roles in the act's organization
    outsider  admin of another organization                  (world.outsider)
    platform  platform admin, member of no organization

Statuses: L = sent to sign in; 404 = the act (or organization) does not exist for the person;
403 = they see it but may not do this. For POSTs the database is checked too: the write
happened exactly when the answer allowed it.
"""

import io
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests import module_db
from tests.conftest import build_world
from tests.factories import PASSWORD, MembershipFactory, UserFactory
from tests.module_db import module_rows
from tests.routes import L, assert_answer, routes_in
from tests.test_acts import form_data
from tuuma.acts import actions
from tuuma.acts.models import Act, ActFile, ActTranslation, ActUpdate, Adoption, Visibility
from tuuma.ideas import actions as idea_actions

ROLES = ("anon", "employee", "team", "developer", "decider", "steward", "org_admin", "editor",
         "outsider", "platform")
MARK = "Merkkijono-8813"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 40, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def upload(name="kuva.png"):
    item = SimpleUploadedFile(name, png(), content_type="image/png")
    item.checked_type = "image/png"
    return item


@dataclass
class Scene:
    world: object
    editor: object
    platform: object
    internal: Act   # team: world.employee; made by the developer
    public: Act     # the same team, published
    pending: Act    # waiting for approval
    idea: object    # accepted, may become an act
    internal_file: ActFile
    public_file: ActFile
    internal_update: ActUpdate
    adoption: Adoption  # the other organization adopts a second public act
    sessions: dict

    def user(self, role):
        w = self.world
        return {"anon": None, "employee": w.coworker, "team": w.employee,
                "developer": w.developer, "decider": w.decider, "steward": w.steward,
                "org_admin": w.admin, "editor": self.editor, "outsider": w.outsider,
                "platform": self.platform}[role]

    def client(self, role):
        return module_db.client(self.sessions.get(role))


def build_scene() -> Scene:
    world = build_world()
    editor = UserFactory(full_name="Elina Editori", email="elina@testila.fi")
    MembershipFactory(user=editor, organization=world.org, is_editor=True)
    platform = get_user_model().objects.create_superuser(
        "pia@tuuma.fi", PASSWORD, full_name="Pia Pääkäyttäjä")

    def act(title):
        return actions.create_act(world.org, by=world.developer, title=title,
                                  summary="Yhteenveto.", solution="Ratkaisu.",
                                  authors=[world.employee])

    internal, public, pending = act("Sisäinen teko"), act("Julkinen teko"), act("Odottava")
    actions.publish(public, by=world.admin)
    adopted = act("Levinnyt teko")
    actions.publish(adopted, by=world.admin)
    actions.request_publishing(pending, by=world.developer)
    idea = idea_actions.submit_idea(world.org, by=world.employee, title="Hyväksytty idea",
                                    problem="Ongelma.", proposal="Ehdotus.")
    idea_actions.decide(idea, by=world.decider, outcome="accepted", reason="Hyvä.")
    scene = Scene(world=world, editor=editor, platform=platform, internal=internal,
                  public=public, pending=pending, idea=idea,
                  internal_file=actions.add_file(internal, by=world.developer, upload=upload(),
                                                 description="Kuva"),
                  public_file=actions.add_file(public, by=world.developer, upload=upload(),
                                               description="Kuva"),
                  internal_update=actions.add_update(internal, by=world.developer,
                                                     body="Aloitettiin."),
                  adoption=actions.adopt(adopted, by=world.outsider,
                                         organization=world.other_org),
                  sessions={})
    scene.sessions = {role: module_db.signed_in(scene.user(role)) for role in ROLES[1:]}
    return scene


@pytest.fixture(scope="module")
def module_scene(django_db_setup, django_db_blocker, tmp_path_factory):
    with module_rows(django_db_blocker, tmp_path_factory.mktemp("media")):
        yield build_scene()


@pytest.fixture
def scene(module_scene, db) -> Scene:
    s = module_scene
    module_db.refresh(s.internal, s.public, s.pending, s.idea,
                      users=[s.user(role) for role in ROLES[1:]])
    return s


@dataclass
class Route:
    method: str
    url: object
    data: object = None
    effect: object = None  # Scene -> bool: did the write happen?


def on(which, path=""):
    return lambda s: f"/teot/{getattr(s, which).pk}/{path}"


def visibility(s, which):
    return Act.objects.get(pk=getattr(s, which).pk).visibility


ROUTES = {
    "GET acts:catalogue": Route("GET", lambda s: "/katalogi/"),
    "GET acts:feed": Route("GET", lambda s: "/katalogi/syote/"),
    "GET acts:export_csv": Route("GET", lambda s: "/katalogi/avoin-data/teot.csv"),
    "GET acts:export_json": Route("GET", lambda s: "/katalogi/avoin-data/teot.json"),
    "GET acts:sitemap": Route("GET", lambda s: "/sitemap.xml"),
    "GET acts:sitemap_section": Route("GET", lambda s: "/sitemap-acts.xml"),
    "GET acts:permalink internal": Route("GET", lambda s: f"/katalogi/{s.internal.pk}/"),
    "GET acts:permalink public": Route("GET", lambda s: f"/katalogi/{s.public.pk}/"),
    "GET acts:detail internal": Route("GET", lambda s: s.internal.get_absolute_url()),
    "GET acts:detail pending": Route("GET", lambda s: s.pending.get_absolute_url()),
    "GET acts:detail public": Route("GET", lambda s: s.public.get_absolute_url()),
    "GET acts:detail old-slug": Route("GET", lambda s: f"/katalogi/{s.public.pk}/vanha/"),
    "GET acts:edit internal": Route("GET", on("internal", "muokkaa/")),
    "GET acts:edit public": Route("GET", on("public", "muokkaa/")),
    "POST acts:edit internal": Route(
        "POST", on("internal", "muokkaa/"), lambda s: form_data(title=MARK),
        lambda s: Act.objects.filter(pk=s.internal.pk, title=MARK).exists()),
    "POST acts:edit public": Route(
        "POST", on("public", "muokkaa/"), lambda s: form_data(title=MARK),
        lambda s: Act.objects.filter(pk=s.public.pk, title=MARK).exists()),
    "GET acts:delete internal": Route("GET", on("internal", "poista/")),
    "POST acts:delete internal": Route(
        "POST", on("internal", "poista/"),
        effect=lambda s: not Act.objects.filter(pk=s.internal.pk).exists()),
    "GET acts:translation": Route("GET", on("internal", "kaannos/sv/")),
    "POST acts:translation": Route(
        "POST", on("internal", "kaannos/sv/"), lambda s: {"title": MARK},
        lambda s: ActTranslation.objects.filter(title=MARK).exists()),
    "GET acts:files": Route("GET", on("internal", "tiedostot/")),
    "POST acts:files": Route(
        "POST", on("internal", "tiedostot/"),
        lambda s: {"file": SimpleUploadedFile("uusi.png", png()), "description": MARK},
        lambda s: ActFile.objects.filter(description=MARK).exists()),
    "GET acts:file internal": Route(
        "GET", lambda s: f"/teot/{s.internal.pk}/tiedosto/{s.internal_file.pk}/"),
    "GET acts:file public": Route(
        "GET", lambda s: f"/teot/{s.public.pk}/tiedosto/{s.public_file.pk}/"),
    "POST acts:edit_file internal": Route(
        "POST", lambda s: f"/teot/{s.internal.pk}/tiedosto/{s.internal_file.pk}/kuvaus/",
        lambda s: {f"file{s.internal_file.pk}-description": MARK},
        lambda s: ActFile.objects.filter(pk=s.internal_file.pk, description=MARK).exists()),
    "POST acts:remove_file internal": Route(
        "POST", lambda s: f"/teot/{s.internal.pk}/tiedosto/{s.internal_file.pk}/poista/",
        effect=lambda s: not ActFile.objects.filter(pk=s.internal_file.pk).exists()),
    "GET acts:edit_update internal": Route(
        "GET", lambda s: f"/teot/{s.internal.pk}/paivitys/{s.internal_update.pk}/"),
    "POST acts:edit_update internal": Route(
        "POST", lambda s: f"/teot/{s.internal.pk}/paivitys/{s.internal_update.pk}/",
        lambda s: {"body": MARK},
        lambda s: ActUpdate.objects.filter(pk=s.internal_update.pk, body=MARK).exists()),
    "POST acts:remove_update internal": Route(
        "POST", lambda s: f"/teot/{s.internal.pk}/paivitys/{s.internal_update.pk}/poista/",
        effect=lambda s: not ActUpdate.objects.filter(pk=s.internal_update.pk).exists()),
    "POST acts:withdraw_adoption": Route(
        "POST", lambda s: f"/teot/{s.adoption.act_id}/kayttoon/{s.adoption.pk}/peru/",
        effect=lambda s: not Adoption.objects.filter(pk=s.adoption.pk).exists()),
    "POST acts:add_update internal": Route(
        "POST", on("internal", "paivitys/"), lambda s: {"body": MARK},
        lambda s: ActUpdate.objects.filter(body=MARK).exists()),
    "POST acts:add_update public": Route(
        "POST", on("public", "paivitys/"), lambda s: {"body": MARK},
        lambda s: ActUpdate.objects.filter(body=MARK).exists()),
    "POST acts:request_publishing": Route(
        "POST", on("internal", "pyyda-julkaisua/"),
        effect=lambda s: visibility(s, "internal") != Visibility.INTERNAL),
    "POST acts:publish": Route(
        "POST", on("pending", "julkaise/"),
        effect=lambda s: visibility(s, "pending") == Visibility.PUBLIC),
    "POST acts:withdraw public": Route(
        "POST", on("public", "peru-julkaisu/"),
        effect=lambda s: visibility(s, "public") == Visibility.INTERNAL),
    "POST acts:withdraw pending": Route(
        "POST", on("pending", "peru-julkaisu/"),
        effect=lambda s: visibility(s, "pending") == Visibility.INTERNAL),
    "GET acts:adopt public": Route("GET", on("public", "kayttoon/")),
    "GET acts:adopt internal": Route("GET", on("internal", "kayttoon/")),
    "POST acts:adopt public": Route(
        "POST", on("public", "kayttoon/"),
        lambda s: {"organization": s.world.other_org.pk, "note": MARK},
        lambda s: Adoption.objects.filter(act=s.public).exists()),
    "POST acts:adopt internal": Route(
        "POST", on("internal", "kayttoon/"),
        lambda s: {"organization": s.world.other_org.pk, "note": MARK},
        lambda s: Adoption.objects.filter(act=s.internal).exists()),
    "POST acts:from_idea": Route(
        "POST", lambda s: f"/ideat/{s.idea.pk}/teoksi/",
        effect=lambda s: Act.objects.filter(origin_ideas=s.idea).exists()),
    "GET acts:org_list": Route("GET", lambda s: f"/o/{s.world.org.slug}/teot/"),
    "GET acts:create": Route("GET", lambda s: f"/o/{s.world.org.slug}/teot/uusi/"),
    "POST acts:create": Route(
        "POST", lambda s: f"/o/{s.world.org.slug}/teot/uusi/", lambda s: form_data(title=MARK),
        lambda s: Act.objects.filter(title=MARK).exists()),
}

ALL = (200,) * 10
#          anon emp  team dev  dec  stew adm  edit out  plat
MEMBERS = (L, 200, 200, 200, 200, 200, 200, 200, 404, 200)
SEEN = (404, 200, 200, 200, 200, 200, 200, 200, 404, 200)  # an internal act
EDIT = (L, 403, 200, 200, 403, 403, 200, 200, 404, 200)
EDIT_POST = (L, 403, 302, 302, 403, 403, 302, 302, 404, 302)
EDIT_PUBLIC = (L, 403, 200, 200, 403, 403, 200, 200, 403, 200)
EDIT_PUBLIC_POST = (L, 403, 302, 302, 403, 403, 302, 302, 403, 302)
PUBLISH_POST = (L, 403, 403, 403, 403, 403, 302, 302, 404, 302)
CREATE = (L, 403, 403, 200, 200, 403, 200, 200, 404, 200)

MATRIX = {
    #                                    anon emp  team dev  dec  stew adm  edit out  plat
    "GET acts:catalogue":                ALL,
    "GET acts:feed":                     ALL,
    "GET acts:export_csv":               ALL,
    "GET acts:export_json":              ALL,
    "GET acts:sitemap":                  ALL,
    "GET acts:sitemap_section":          ALL,
    "GET acts:permalink internal":       (404, 301, 301, 301, 301, 301, 301, 301, 404, 301),
    "GET acts:permalink public":         (301,) * 10,
    "GET acts:detail internal":          SEEN,
    "GET acts:detail pending":           SEEN,
    "GET acts:detail public":            ALL,
    "GET acts:detail old-slug":          (301,) * 10,
    "GET acts:edit internal":            EDIT,
    "GET acts:edit public":              EDIT_PUBLIC,
    "POST acts:edit internal":           EDIT_POST,
    "POST acts:edit public":             EDIT_PUBLIC_POST,
    "GET acts:delete internal":          EDIT,
    "POST acts:delete internal":         EDIT_POST,
    "GET acts:translation":              EDIT,
    "POST acts:translation":             EDIT_POST,
    "GET acts:files":                    EDIT,
    "POST acts:files":                   EDIT_POST,
    "GET acts:file internal":            SEEN,
    "GET acts:file public":              ALL,
    "POST acts:edit_file internal":      EDIT_POST,
    "POST acts:remove_file internal":    EDIT_POST,
    "GET acts:edit_update internal":     EDIT,
    "POST acts:edit_update internal":    EDIT_POST,
    "POST acts:remove_update internal":  EDIT_POST,
    "POST acts:withdraw_adoption":       (L, 403, 403, 403, 403, 403, 403, 403, 302, 302),
    "POST acts:add_update internal":     EDIT_POST,
    "POST acts:add_update public":       EDIT_PUBLIC_POST,
    "POST acts:request_publishing":      EDIT_POST,
    "POST acts:publish":                 PUBLISH_POST,
    "POST acts:withdraw public":         (L, 403, 403, 403, 403, 403, 302, 302, 403, 302),
    "POST acts:withdraw pending":        PUBLISH_POST,
    "GET acts:adopt public":             (L, 403, 403, 403, 403, 403, 403, 403, 200, 403),
    "GET acts:adopt internal":           (L, 403, 403, 403, 403, 403, 403, 403, 404, 403),
    "POST acts:adopt public":            (L, 403, 403, 403, 403, 403, 403, 403, 302, 403),
    "POST acts:adopt internal":          (L, 403, 403, 403, 403, 403, 403, 403, 404, 403),
    "POST acts:from_idea":               (L, 403, 403, 302, 302, 403, 302, 302, 404, 302),
    "GET acts:org_list":                 MEMBERS,
    "GET acts:create":                   CREATE,
    "POST acts:create":                  (L, 403, 403, 302, 302, 403, 302, 302, 404, 302),
}

CELLS = [pytest.param(route, role, expected[i], id=f"{route}|{role}")
         for route, expected in MATRIX.items() for i, role in enumerate(ROLES)]


@pytest.mark.parametrize("route, role, expected", CELLS)
def test_matrix(scene, route, role, expected):
    spec = ROUTES[route]
    client = scene.client(role)
    url = spec.url(scene)
    data = spec.data(scene) if spec.data else {}
    response = client.get(url) if spec.method == "GET" else client.post(url, data)
    assert_answer(response, url, expected)
    if spec.effect:
        allowed = expected in (200, 302)
        assert spec.effect(scene) is allowed, ("the write did not happen" if allowed
                                               else "the write happened")


def test_matrix_covers_every_route():
    covered = {key.split(" ")[1] for key in MATRIX}
    assert routes_in("acts") <= covered
    assert set(MATRIX) == set(ROUTES)


POST_ONLY = ["add_update internal", "request_publishing", "publish", "withdraw public",
             "from_idea", "edit_file internal", "remove_file internal",
             "remove_update internal", "withdraw_adoption"]


@pytest.mark.parametrize("name", POST_ONLY)
def test_post_only_routes_refuse_get(scene, name):
    """Following a link never changes anything."""
    response = scene.client("org_admin").get(ROUTES[f"POST acts:{name}"].url(scene))
    assert response.status_code == 405
