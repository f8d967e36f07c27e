"""Who may open which page and do which action: every route × every role, one test per cell.

The table MATRIX is the specification. Columns are the roles in ROLES:

    anon      not signed in                  → sent to the sign-in page (L)
    employee  a colleague, not the author    (world.coworker; the assigned evaluator below)
    author    wrote the idea                 (world.employee)
    developer, decider, steward, org_admin   roles in the organization
    outsider  admin of another organization  → 404: the organization is invisible to them
    platform  platform admin, not a member

For POST actions the test also checks the database: the write happened for an allowed role
and did not happen for a denied one.
"""

import io
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from tests import module_db
from tests.conftest import build_world, login
from tests.factories import PASSWORD, IdeaFactory
from tests.module_db import module_rows
from tests.routes import OWN_MATRIX, L, assert_answer, route_names
from tuuma.core.models import AccessibilityFeedback
from tuuma.evaluation import actions as evaluation
from tuuma.evaluation.models import Assignment, Criterion
from tuuma.ideas import actions
from tuuma.ideas.models import Comment, Draft, Follow, Idea, Status, Support
from tuuma.notifications.models import Notification
from tuuma.organizations import actions as org_actions
from tuuma.organizations.models import Invitation, Membership, Organization, Unit

ROLES = ("anon", "employee", "author", "developer", "decider", "steward", "org_admin",
         "outsider", "platform")
MARK = "Merkkijono-7421"  # typed into forms, then looked for in the database
NEW_PASSWORD = "Uusi-Salasana-456!"


def png_bytes(size=(24, 24)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


@dataclass
class Scene:
    world: object
    idea: Idea            # by world.employee, status submitted
    other_idea: Idea      # by world.coworker: the idea a duplicate is merged into
    assignment: Assignment  # world.coworker evaluates an idea of world.employee
    attachment: object
    notification: Notification  # the author's own notification about the idea
    membership: Membership  # the coworker's membership, edited on the people pages
    invitation_token: str
    platform: object
    sessions: dict

    def user(self, role):
        w = self.world
        return {
            "anon": None, "employee": w.coworker, "author": w.employee,
            "developer": w.developer, "decider": w.decider, "steward": w.steward,
            "org_admin": w.admin, "outsider": w.outsider, "platform": self.platform,
        }[role]

    def client(self, role) -> Client:
        """A client signed in as the role (sessions are made once for the module)."""
        return module_db.client(self.sessions.get(role))


def build_scene() -> Scene:
    world = build_world()
    platform = get_user_model().objects.create_superuser(
        "pia@tuuma.fi", PASSWORD, full_name="Pia Pääkäyttäjä")
    idea = actions.submit_idea(
        world.org, by=world.employee, title="Kirjaston aukioloajat iltaan",
        problem="Moni ei ehdi kirjastoon työpäivän jälkeen.",
        proposal="Kokeillaan omatoimikirjastoa iltaisin.", units=[world.unit])
    other_idea = actions.submit_idea(
        world.org, by=world.coworker, title="Kirjaston iltapäivystys",
        problem="Illalla ei ole henkilökuntaa.", proposal="Vuorotellaan iltoja.")
    evaluated = actions.submit_idea(
        world.org, by=world.employee, title="Sähköinen tilavaraus",
        problem="Varaukset ovat hajallaan.", proposal="Yksi varauskalenteri.")
    evaluation.assign_evaluators(evaluated, by=world.developer, evaluators=[world.coworker])
    upload = SimpleUploadedFile("kuva.png", png_bytes(), content_type="image/png")
    upload.checked_type = "image/png"
    attachment = actions.add_attachment(idea, by=world.employee, upload=upload)
    # Nobody follows the idea yet, so following it is a visible change for everyone.
    Follow.objects.filter(idea=idea).delete()
    people = [world.employee, world.coworker, world.developer, world.decider, world.steward,
              world.admin, world.outsider, platform]
    Notification.objects.filter(user__in=people).delete()
    notifications = Notification.objects.bulk_create(
        Notification(user=u, idea=idea, kind="comment", params={"title": idea.title})
        for u in people)
    _invitation, token = org_actions.invite(world.org, by=world.admin,
                                            email="uusi.henkilo@testila.fi", send=False)
    scene = Scene(
        world=world, idea=idea, other_idea=other_idea,
        assignment=evaluated.assignments.get(evaluator=world.coworker),
        attachment=attachment, notification=notifications[0],
        membership=Membership.objects.get(user=world.coworker, organization=world.org),
        invitation_token=token, platform=platform, sessions={})
    scene.sessions = {role: module_db.signed_in(scene.user(role)) for role in ROLES[1:]}
    return scene


@pytest.fixture(scope="module")
def module_scene(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once; every test runs in a savepoint inside this transaction and is rolled back."""
    with module_rows(django_db_blocker, tmp_path_factory.mktemp("media")):
        yield build_scene()


@pytest.fixture
def scene(module_scene, db) -> Scene:
    s = module_scene
    module_db.refresh(s.idea, s.other_idea, s.assignment,
                      users=[s.user(role) for role in ROLES[1:]])
    return module_scene


@dataclass
class Route:
    method: str
    url: object  # Scene -> str
    data: object = None  # Scene -> dict
    effect: object = None  # (Scene, user or None) -> bool: did the write happen?


def org_url(path):
    return lambda s: f"/o/{s.world.org.slug}/{path}"


def idea_url(path=""):
    return lambda s: f"/ideat/{s.idea.pk}/{path}"


def idea_status(s):
    s.idea.refresh_from_db()
    return s.idea.status


def unread_gone(s, user):
    if user is None:
        return Notification.objects.filter(read_at__isnull=False).exists()
    return not user.notifications.filter(read_at__isnull=True).exists()


def score_data(s):
    criteria = Criterion.objects.filter(organization=s.world.org, active=True)
    return {"comment": MARK, **{f"criterion_{c.pk}": "3" for c in criteria}}


def settings_data(s):
    org = s.world.org
    return {"name_fi": MARK, "name_sv": "", "org_type": org.org_type,
            "municipality": org.municipality, "region": org.region, "business_id": "",
            "languages": "fi", "response_days": "30"}


ROUTES = {
    # --- public pages and the account --------------------------------------------------
    "GET core:home": Route("GET", lambda s: "/"),
    "GET core:accessibility": Route("GET", lambda s: "/saavutettavuusseloste/"),
    "POST core:accessibility": Route(
        "POST", lambda s: "/saavutettavuusseloste/",
        lambda s: {"page": "Etusivu", "message": MARK, "email": ""},
        lambda s, u: AccessibilityFeedback.objects.filter(message=MARK).exists()),
    "GET core:health": Route("GET", lambda s: "/health/"),
    "POST set_language": Route("POST", lambda s: "/i18n/setlang/",
                               lambda s: {"language": "sv", "next": "/"}),
    "GET core:set_language": Route("GET", lambda s: "/kieli/?language=sv&next=/"),
    "GET accounts:login": Route("GET", lambda s: "/tili/kirjaudu/"),
    "POST accounts:logout": Route("POST", lambda s: "/tili/ulos/"),
    "GET accounts:profile": Route("GET", lambda s: "/tili/asetukset/"),
    "POST accounts:profile": Route(
        "POST", lambda s: "/tili/asetukset/",
        lambda s: {"full_name": MARK, "title": "", "language": "fi", "email_mode": "weekly"},
        lambda s, u: get_user_model().objects.filter(full_name=MARK).exists()),
    "GET accounts:change_email": Route("GET", lambda s: "/tili/sahkoposti/"),
    "POST accounts:change_email": Route(
        "POST", lambda s: "/tili/sahkoposti/",
        lambda s: {"email": "uusi.osoite@testila.fi", "password": PASSWORD},
        lambda s, u: [m.to for m in mail.outbox] == [["uusi.osoite@testila.fi"]]),
    "GET accounts:confirm_email": Route("GET", lambda s: "/tili/sahkoposti/vaara-avain/"),
    "GET accounts:password_change": Route("GET", lambda s: "/tili/salasana/"),
    "POST accounts:password_change": Route(
        "POST", lambda s: "/tili/salasana/",
        lambda s: {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                   "new_password2": NEW_PASSWORD},
        lambda s, u: any(p.check_password(NEW_PASSWORD)
                         for p in get_user_model().objects.all())),
    "GET accounts:password_reset": Route("GET", lambda s: "/tili/salasana/unohtunut/"),
    "POST accounts:password_reset": Route(
        "POST", lambda s: "/tili/salasana/unohtunut/", lambda s: {"email": "eeva@testila.fi"},
        lambda s, u: [m.to for m in mail.outbox] == [["eeva@testila.fi"]]),
    "GET accounts:password_reset_done": Route("GET", lambda s: "/tili/salasana/lahetetty/"),
    "GET accounts:password_reset_confirm": Route(
        "GET", lambda s: "/tili/salasana/uusi/MQ/vaara-avain/"),
    "GET accounts:password_reset_complete": Route("GET", lambda s: "/tili/salasana/valmis/"),
    # --- invitations and the organization --------------------------------------------------
    "GET organizations:accept_invitation": Route(
        "GET", lambda s: f"/kutsu/{s.invitation_token}/"),
    "POST organizations:accept_invitation": Route(
        "POST", lambda s: f"/kutsu/{s.invitation_token}/",
        lambda s: {"full_name": "Uusi Henkilö", "password1": NEW_PASSWORD,
                   "password2": NEW_PASSWORD},
        lambda s, u: Invitation.objects.filter(used_at__isnull=False).exists()),
    "GET organizations:detail": Route("GET", org_url("")),
    "GET organizations:waiting": Route("GET", org_url("odottavat/")),
    "GET organizations:people": Route("GET", org_url("hallinta/ihmiset/")),
    "GET organizations:member": Route(
        "GET", lambda s: f"/o/{s.world.org.slug}/hallinta/ihmiset/{s.membership.pk}/"),
    "POST organizations:member": Route(
        "POST", lambda s: f"/o/{s.world.org.slug}/hallinta/ihmiset/{s.membership.pk}/",
        lambda s: {"roles": ["developer"], "unit": s.world.unit.pk},
        lambda s, u: Membership.objects.get(pk=s.membership.pk).is_developer),
    "GET organizations:invite": Route("GET", org_url("hallinta/kutsu/")),
    "POST organizations:invite": Route(
        "POST", org_url("hallinta/kutsu/"),
        lambda s: {"email": "kutsuttu@testila.fi", "roles": ["steward"]},
        lambda s, u: Invitation.objects.filter(email="kutsuttu@testila.fi").exists()),
    "GET organizations:import": Route("GET", org_url("hallinta/tuonti/")),
    "POST organizations:import": Route(
        "POST", org_url("hallinta/tuonti/"),
        lambda s: {"file": SimpleUploadedFile(
            "ihmiset.csv", b"name,email,unit\nTuula Tuotu,tuula@testila.fi,Kirjasto\n",
            content_type="text/csv")},
        lambda s, u: Membership.objects.filter(user__email="tuula@testila.fi",
                                               organization=s.world.org).exists()),
    "GET organizations:units": Route("GET", org_url("hallinta/yksikot/")),
    "POST organizations:units": Route(
        "POST", org_url("hallinta/yksikot/"), lambda s: {"name_fi": MARK, "kind": "sector"},
        lambda s, u: Unit.objects.filter(name_fi=MARK).exists()),
    "GET organizations:settings": Route("GET", org_url("hallinta/asetukset/")),
    "POST organizations:settings": Route(
        "POST", org_url("hallinta/asetukset/"), settings_data,
        lambda s, u: Organization.objects.filter(name_fi=MARK).exists()),
    # --- evaluation ------------------------------------------------------------------------
    "GET evaluation:queue": Route("GET", lambda s: "/arviointi/"),
    "GET evaluation:score": Route("GET", lambda s: f"/arviointi/{s.assignment.pk}/"),
    "POST evaluation:score": Route(
        "POST", lambda s: f"/arviointi/{s.assignment.pk}/", score_data,
        lambda s, u: Assignment.objects.filter(pk=s.assignment.pk,
                                               submitted_at__isnull=False).exists()),
    "POST evaluation:assign": Route(
        "POST", lambda s: f"/arviointi/idea/{s.idea.pk}/arvioijat/",
        lambda s: {"evaluators": [s.world.steward.pk]},
        lambda s, u: Assignment.objects.filter(idea=s.idea, evaluator=s.world.steward).exists()),
    "GET evaluation:rubric": Route("GET", lambda s: f"/arviointi/o/{s.world.org.slug}/kriteerit/"),
    "POST evaluation:rubric": Route(
        "POST", lambda s: f"/arviointi/o/{s.world.org.slug}/kriteerit/",
        lambda s: {"name_fi": MARK, "scale_min": "1", "scale_max": "5", "weight": "1",
                   "order": "9", "active": "on"},
        lambda s, u: Criterion.objects.filter(name_fi=MARK).exists()),
    # --- ideas -----------------------------------------------------------------------------
    "GET ideas:mine": Route("GET", lambda s: "/ideat/omat/"),
    "GET ideas:list": Route("GET", org_url("ideat/")),
    "GET ideas:submit": Route("GET", org_url("ideat/uusi/")),
    "POST ideas:submit": Route(
        "POST", org_url("ideat/uusi/"),
        lambda s: {"title": MARK, "problem": "Ongelma.", "proposal": "Ehdotus.",
                   "beneficiaries": "staff", "units": [s.world.unit.pk]},
        lambda s, u: Idea.objects.filter(title=MARK).exists()),
    "POST ideas:draft": Route(
        "POST", org_url("ideat/luonnos/"), lambda s: {"title": MARK},
        lambda s, u: Draft.objects.filter(data__title=MARK).exists()),
    "GET ideas:detail": Route("GET", idea_url()),
    "GET ideas:edit": Route("GET", idea_url("muokkaa/")),
    "POST ideas:edit": Route(
        "POST", idea_url("muokkaa/"),
        lambda s: {"title": MARK, "problem": s.idea.problem, "proposal": s.idea.proposal,
                   "beneficiaries": "both", "units": [s.world.unit.pk]},
        lambda s, u: Idea.objects.filter(pk=s.idea.pk, title=MARK).exists()),
    "POST ideas:comment": Route(
        "POST", idea_url("kommentoi/"), lambda s: {"body": MARK},
        lambda s, u: Comment.objects.filter(idea=s.idea, body=MARK).exists()),
    "POST ideas:support": Route(
        "POST", idea_url("tue/"), lambda s: {"on": "1"},
        lambda s, u: Support.objects.filter(idea=s.idea).exists()),
    "POST ideas:follow": Route(
        "POST", idea_url("seuraa/"), lambda s: {"on": "1"},
        lambda s, u: Follow.objects.filter(idea=s.idea).exists()),
    "POST ideas:decide": Route(
        "POST", idea_url("paata/"), lambda s: {"outcome": "accepted", "reason": MARK},
        lambda s, u: idea_status(s) == Status.ACCEPTED),
    "POST ideas:merge": Route(
        "POST", idea_url("yhdista/"), lambda s: {"into": s.other_idea.pk, "reason": MARK},
        lambda s, u: idea_status(s) == Status.MERGED),
    "GET ideas:attachment": Route(
        "GET", lambda s: f"/ideat/{s.idea.pk}/liite/{s.attachment.pk}/"),
    # --- notifications -----------------------------------------------------------------------
    "GET notifications:inbox": Route("GET", lambda s: "/ilmoitukset/"),
    "POST notifications:open": Route(  # the author's notification, opened by each role
        "POST", lambda s: f"/ilmoitukset/{s.notification.pk}/",
        effect=lambda s, u: Notification.objects.filter(pk=s.notification.pk,
                                                        read_at__isnull=False).exists()),
    "POST notifications:read_all": Route("POST", lambda s: "/ilmoitukset/luettu/",
                                         effect=unread_gone),
}

ALL = (200,) * 9
ALL_POST = (302,) * 9
SIGNED_IN = (L,) + (200,) * 8
SIGNED_IN_POST = (L,) + (302,) * 8
MEMBERS = (L, 200, 200, 200, 200, 200, 200, 404, 200)
MEMBERS_POST = (L, 302, 302, 302, 302, 302, 302, 404, 302)
ADMIN = (L, 403, 403, 403, 403, 403, 200, 404, 200)
ADMIN_POST = (L, 403, 403, 403, 403, 403, 302, 404, 302)

MATRIX = {
    #                                         anon emp  auth dev  dec  stew adm  out  plat
    "GET core:home":                          ALL,
    "GET core:accessibility":                 ALL,
    "POST core:accessibility":                ALL_POST,
    "GET core:health":                        ALL,
    "POST set_language":                      ALL_POST,
    "GET core:set_language":                  (302,) * 9,
    "GET accounts:login":                     (200, 302, 302, 302, 302, 302, 302, 302, 302),
    "POST accounts:logout":                   ALL_POST,
    "GET accounts:profile":                   SIGNED_IN,
    "POST accounts:profile":                  SIGNED_IN_POST,
    "GET accounts:change_email":              SIGNED_IN,
    "POST accounts:change_email":             SIGNED_IN_POST,
    "GET accounts:confirm_email":             (400,) * 9,
    "GET accounts:password_change":           SIGNED_IN,
    "POST accounts:password_change":          SIGNED_IN_POST,
    "GET accounts:password_reset":            ALL,
    "POST accounts:password_reset":           ALL_POST,
    "GET accounts:password_reset_done":       ALL,
    "GET accounts:password_reset_confirm":    ALL,
    "GET accounts:password_reset_complete":   ALL,
    "GET organizations:accept_invitation":    ALL,
    "POST organizations:accept_invitation":   ALL_POST,
    "GET organizations:detail":               MEMBERS,
    "GET organizations:waiting":              (L, 403, 403, 200, 200, 200, 200, 404, 200),
    "GET organizations:people":               ADMIN,
    "GET organizations:member":               ADMIN,
    "POST organizations:member":              ADMIN_POST,
    "GET organizations:invite":               ADMIN,
    "POST organizations:invite":              ADMIN_POST,
    "GET organizations:import":               ADMIN,
    "POST organizations:import":              ADMIN_POST,
    "GET organizations:units":                ADMIN,
    "POST organizations:units":               ADMIN_POST,
    "GET organizations:settings":             ADMIN,
    "POST organizations:settings":            ADMIN_POST,
    "GET evaluation:queue":                   SIGNED_IN,
    "GET evaluation:score":                   (L, 200, 403, 403, 403, 403, 403, 404, 403),
    "POST evaluation:score":                  (L, 302, 403, 403, 403, 403, 403, 404, 403),
    "POST evaluation:assign":                 (L, 403, 403, 302, 403, 403, 403, 404, 302),
    "GET evaluation:rubric":                  ADMIN,
    "POST evaluation:rubric":                 ADMIN_POST,
    "GET ideas:mine":                         SIGNED_IN,
    "GET ideas:list":                         MEMBERS,
    "GET ideas:submit":                       MEMBERS,
    "POST ideas:submit":                      MEMBERS_POST,
    "POST ideas:draft":                       MEMBERS,
    "GET ideas:detail":                       MEMBERS,
    "GET ideas:edit":                         (L, 403, 200, 200, 403, 403, 403, 404, 200),
    "POST ideas:edit":                        (L, 403, 302, 302, 403, 403, 403, 404, 302),
    "POST ideas:comment":                     MEMBERS_POST,
    "POST ideas:support":                     (L, 302, 403, 302, 302, 302, 302, 404, 302),
    "POST ideas:follow":                      MEMBERS_POST,
    "POST ideas:decide":                      (L, 403, 403, 403, 302, 403, 403, 404, 302),
    "POST ideas:merge":                       (L, 403, 403, 302, 302, 403, 403, 404, 302),
    "GET ideas:attachment":                   MEMBERS,
    "GET notifications:inbox":                SIGNED_IN,
    "POST notifications:open":                (L, 404, 302, 404, 404, 404, 404, 404, 404),
    "POST notifications:read_all":            SIGNED_IN_POST,
}

CELLS = [pytest.param(route, role, expected[i], id=f"{route}|{role}")
         for route, expected in MATRIX.items() for i, role in enumerate(ROLES)]


@pytest.mark.parametrize("route, role, expected", CELLS)
def test_matrix(scene, route, role, expected):
    spec = ROUTES[route]
    user = scene.user(role)
    client = scene.client(role)
    url = spec.url(scene)
    data = spec.data(scene) if spec.data else {}
    response = client.get(url) if spec.method == "GET" else client.post(url, data)
    assert_answer(response, url, expected)
    if spec.effect:
        allowed = expected in (200, 302)
        assert spec.effect(scene, user) is allowed, "the write happened" if not allowed \
            else "the write did not happen"


def test_matrix_covers_every_route():
    """A new URL without a row in the table fails here (or in its namespace's own matrix)."""
    covered = {key.split(" ", 1)[1] for key in MATRIX}
    mine = {n for n in route_names() if n.split(":", 1)[0] not in OWN_MATRIX}
    assert mine <= covered
    assert set(MATRIX) == set(ROUTES)


POST_ONLY = ["ideas:comment", "ideas:support", "ideas:follow", "ideas:decide", "ideas:merge",
             "ideas:draft", "evaluation:assign", "notifications:open",
             "notifications:read_all"]


@pytest.mark.parametrize("name", POST_ONLY)
def test_post_only_routes_refuse_get(scene, name):
    """Following a link (GET) never changes anything."""
    spec = ROUTES[f"POST {name}"]
    response = login(scene.world.decider).get(spec.url(scene))
    assert response.status_code == 405


# --- the author's name on an idea that hides it ------------------------------------------------

@pytest.fixture
def hidden(scene):
    world = scene.world
    idea = actions.submit_idea(
        world.org, by=world.employee, title="Nimetön ehdotus palkkauksesta",
        problem="Sijaisten palkkaus viivästyy.", proposal="Yhteinen sijaispooli.",
        hide_author=True, units=[world.unit])
    actions.add_comment(idea, by=world.employee, body="Tarkennan vielä ehdotustani.")
    evaluation.assign_evaluators(idea, by=world.developer, evaluators=[world.steward])
    return idea


AUTHOR = "Eeva Esimerkki"


@pytest.mark.parametrize("role, sees", [
    ("coworker", False), ("admin", False), ("newcomer", False),
    ("developer", True), ("decider", True), ("steward", True),  # steward is the evaluator
    ("employee", True),  # the author sees their own name
])
def test_hidden_author_name(scene, hidden, role, sees):
    world = scene.world
    if role == "newcomer":  # a member with no roles who joined later
        from tests.factories import MembershipFactory, UserFactory

        user = UserFactory(full_name="Matti Myöhäinen")
        MembershipFactory(user=user, organization=world.org)
    else:
        user = getattr(world, role)
    response = login(user).get(f"/ideat/{hidden.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert (AUTHOR in page) is sees
    if not sees:
        assert "eeva@testila.fi" not in page
    # The hidden author's own comment is shown, without the name for those who may not see it.
    assert "Tarkennan vielä ehdotustani." in page


def test_hidden_author_not_in_lists(scene, hidden):
    world = scene.world
    client = login(world.coworker)
    for url in (f"/o/{world.org.slug}/ideat/", f"/o/{world.org.slug}/ideat/?q=sijais"):
        page = client.get(url).content.decode()
        assert "Nimetön ehdotus palkkauksesta" in page
        assert AUTHOR not in page


def test_visible_author_is_shown_to_coworker(scene):
    """The control for the tests above: a normal idea shows its author's name."""
    page = scene.client("employee").get(f"/ideat/{scene.idea.pk}/").content.decode()
    assert AUTHOR in page


# --- ids of another organization are not reachable through this one's pages ------------------

def test_other_organizations_ids_are_not_found(scene):
    w = scene.world
    other_member = Membership.objects.get(user=w.outsider, organization=w.other_org)
    other_unit = Unit.objects.create(organization=w.other_org, name_fi="Vieras yksikkö",
                                     kind="sector")
    other_criterion = Criterion.objects.filter(organization=w.other_org).first()
    foreign_idea = IdeaFactory(organization=w.other_org, author=w.outsider)
    admin = login(w.admin)
    slug = w.org.slug
    assert admin.get(f"/o/{slug}/hallinta/ihmiset/{other_member.pk}/").status_code == 404
    assert admin.post(f"/o/{slug}/hallinta/ihmiset/{other_member.pk}/",
                      {"roles": ["admin"]}).status_code == 404
    assert admin.get(f"/o/{slug}/hallinta/yksikot/?edit={other_unit.pk}").status_code == 404
    assert admin.get(f"/arviointi/o/{slug}/kriteerit/?edit={other_criterion.pk}") \
        .status_code == 404
    other_member.refresh_from_db()
    assert other_member.is_admin and other_member.user == w.outsider
    # An attachment of one idea is not served through another idea's address.
    assert login(w.outsider).get(
        f"/ideat/{foreign_idea.pk}/liite/{scene.attachment.pk}/").status_code == 404
    # Merging into, or assigning evaluators from, another organization is refused.
    decider = login(w.decider)
    assert decider.post(f"/ideat/{scene.idea.pk}/yhdista/",
                        {"into": foreign_idea.pk}).status_code == 400
    assert login(w.developer).post(f"/arviointi/idea/{scene.idea.pk}/arvioijat/",
                                   {"evaluators": [w.outsider.pk]}).status_code == 400
    assert not Assignment.objects.filter(evaluator=w.outsider).exists()
    assert idea_status(scene) == Status.SUBMITTED
    # Units of another organization are not attached to a new idea.
    login(w.employee).post(f"/o/{slug}/ideat/uusi/", {
        "title": "Vieraan yksikön idea", "problem": "P", "proposal": "E",
        "beneficiaries": "both", "units": [other_unit.pk]})
    assert not Idea.objects.filter(title="Vieraan yksikön idea", units=other_unit).exists()


def test_author_may_not_edit_after_evaluation_starts(scene):
    w = scene.world
    evaluation.assign_evaluators(scene.idea, by=w.developer, evaluators=[w.steward])
    client = login(w.employee)
    assert client.get(f"/ideat/{scene.idea.pk}/muokkaa/").status_code == 403
    response = client.post(f"/ideat/{scene.idea.pk}/muokkaa/", {
        "title": MARK, "problem": "p", "proposal": "e", "beneficiaries": "both"})
    assert response.status_code == 403
    assert not Idea.objects.filter(title=MARK).exists()


def test_nobody_supports_their_own_idea(scene):
    """Not even a platform admin who submitted the idea."""
    own = actions.submit_idea(scene.world.org, by=scene.platform, title="Oma", problem="p",
                              proposal="e")
    response = scene.client("platform").post(f"/ideat/{own.pk}/tue/", {"on": "1"})
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.support_count == 0 and not Support.objects.filter(idea=own).exists()


def test_denied_comment_leaves_no_trace(scene):
    """An outsider's comment is refused without a row, a count or a notification."""
    before = Notification.objects.count()
    login(scene.world.outsider).post(f"/ideat/{scene.idea.pk}/kommentoi/", {"body": MARK})
    scene.idea.refresh_from_db()
    assert scene.idea.comment_count == 0
    assert not Comment.objects.exists()
    assert Notification.objects.count() == before
