"""Workshops and peer groups: every route × every role, one test per cell.

Columns (ROLES):

    anon         not signed in, no seat
    seat         an anonymous participant: not signed in, joined through the browser session
    seat_user    an employee of the organization, signed in and joined   (world.employee)
    employee     a member of the organization, not joined                (world.coworker)
    developer    a developer who is NOT a facilitator of the workshop
    facilitator  the developer who created the workshop                  (world.developer)
    org_admin    admin of the organization                               (world.admin)
    outsider     admin of another organization                           (world.outsider)
    platform     platform admin, member of no organization
    coach        a developer who coaches the peer group (and so facilitates its session)
    member       a member of the peer group, not joined to its session
    nonmember    an employee who belongs to another peer group of the same organization

Statuses: L = sent to sign in; 404 = the workshop, group or organization does not exist for
the person; 403 = they see it but may not do this (for the board: they may not join); 400 =
the join page says why not. For POSTs the database is checked too: the write happened exactly
when the answer was 302.

The workshop in the scene is anonymous, in the voting phase, with vote totals not yet revealed,
one hidden item and one item whose text the facilitator edited. Below the matrix, tests check
that facilitator-only data never reaches anyone else and that one organization never sees
another's workshops and groups.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from tests import module_db
from tests.conftest import build_world
from tests.factories import PASSWORD, MembershipFactory, UserFactory
from tests.module_db import module_rows
from tests.routes import L, assert_answer, routes_in
from tuuma.ideas.models import Idea
from tuuma.workshops import actions, live
from tuuma.workshops.models import (
    Cluster,
    Comment,
    Dot,
    Item,
    Participant,
    PeerGroup,
    Phase,
    PlusOne,
    Workshop,
)
from tuuma.workshops.views import SEATS

ROLES = ("anon", "seat", "seat_user", "employee", "developer", "facilitator", "org_admin",
         "outsider", "platform", "coach", "member", "nonmember")
FACILITATING = {"facilitator", "org_admin", "platform"}  # may facilitate the workshop
MARK = "Merkkijono-6607"  # typed into forms, then looked for in the database

WS_TITLE = "Kevään kehittämispaja"
ITEM_A = "Yhteinen kalenteri tiloille"  # by the writer; 2 dots
ITEM_B = "Pyöräparkki henkilökunnalle"  # by the anonymous seat, posted after A; 5 dots
COMMENT_A = "Kommentti kalenteriin"
HIDDEN = "Piilotettava-Merkki-5531"  # hidden by the facilitator
EDITED_AWAY = "Alkuperäinen-Poistettu-5532"  # the facilitator replaced this text
EDITED_TO = "Muokattu teksti"
# The writer took part signed in, with a nickname, in an anonymous workshop: nobody may see
# either (the label would fall back to the e-mail's first part, so that too).
NAMES = ("Nimimerkki-Salla", "Salli Salanimi", "salanimi.salli")
GROUP_NAME = "Vertaisryhmä Valmentajat"
OTHER_GROUP = "Toinen-Vertaisryhmä-77"
SESSION_TITLE = "Ryhmän tapaaminen 1"
SESSION_NOTES = "Muistiinpano-ryhmälle-88"
FOREIGN = ("Muualan-Salainen-Paja", "Muualan-Salainen-Idea", "Muualan-Salainen-Ryhmä",
           "Muualan-Salainen-Tapaaminen", "Muualan-Salainen-Muistiinpano")

User = get_user_model()


@dataclass
class Scene:
    world: object
    platform: object
    developer: object
    coach: object
    member: object
    nonmember: object
    writer: object
    ws: Workshop
    a: Item
    b: Item
    hidden: Item
    session: Workshop
    group: PeerGroup
    other_group: PeerGroup
    foreign: Workshop
    foreign_item: Item
    foreign_cluster: Cluster
    foreign_group: PeerGroup
    sessions: dict
    foreign_session: Workshop | None = None

    def user(self, role):
        w = self.world
        return {"anon": None, "seat": None, "seat_user": w.employee, "employee": w.coworker,
                "developer": self.developer, "facilitator": w.developer,
                "org_admin": w.admin, "outsider": w.outsider, "platform": self.platform,
                "coach": self.coach, "member": self.member,
                "nonmember": self.nonmember}[role]

    def client(self, role):
        return module_db.client(self.sessions.get(role))

    @property
    def users(self):
        return [u for u in (self.user(r) for r in ROLES) if u is not None]


def anonymous_seat_session(workshop, participant) -> str:
    """A browser session holding an anonymous seat, as joining leaves it."""
    store = SessionStore()
    store[SEATS] = {str(workshop.pk): participant.pk}
    store.create()
    return store.session_key


def build_scene() -> Scene:
    world = build_world()
    platform = User.objects.create_superuser("pia@tuuma.fi", PASSWORD,
                                             full_name="Pia Pääkäyttäjä")

    def person(name, email, **roles):
        user = UserFactory(full_name=name, email=email)
        MembershipFactory(user=user, organization=world.org, unit=world.unit, **roles)
        return user

    developer = person("Kaisa Kehittäjä", "kaisa@testila.fi", is_developer=True)
    coach = person("Ville Valmentaja", "ville@testila.fi", is_developer=True)
    member = person("Mari Jäsen", "mari@testila.fi")
    nonmember = person("Niko Naapuri", "niko@testila.fi")
    writer = person("Salli Salanimi", "salanimi.salli@testila.fi")

    ws = actions.create_workshop(
        world.org, by=world.developer, title=WS_TITLE, anonymous=True,
        prompts=["Mikä sujuu?", "Mikä mättää?"], dots_per_participant=5, max_dots_per_item=3)
    seat = actions.join(ws, user=AnonymousUser())
    seat_user = actions.join(ws, user=world.employee)
    by_writer = actions.join(ws, user=writer, nickname=NAMES[0])
    prompt = ws.prompts.first()
    a = actions.post_item(ws, by_writer, text=ITEM_A, prompt_id=prompt.pk)
    actions.comment(ws, by_writer, a.pk, text=COMMENT_A)
    b = actions.post_item(ws, seat, text=ITEM_B, prompt_id=prompt.pk)
    hidden = actions.post_item(ws, by_writer, text=HIDDEN, prompt_id=prompt.pk)
    edited = actions.post_item(ws, by_writer, text=EDITED_AWAY, prompt_id=prompt.pk)
    actions.moderate(ws, hidden.pk, by=world.developer, hidden=True)
    actions.moderate(ws, edited.pk, by=world.developer, text=EDITED_TO)
    actions.set_phase(ws, Phase.GROUP, by=world.developer, seen=Phase.IDEATE)
    actions.set_phase(ws, Phase.VOTE, by=world.developer, seen=Phase.GROUP)
    for item, voter, n in ((b, by_writer, 3), (a, by_writer, 2), (b, seat_user, 2)):
        for _ in range(n):
            actions.vote(ws, voter, item.pk)

    group = PeerGroup.objects.create(organization=world.org, name=GROUP_NAME,
                                     created_by=coach)
    group.members.add(member)
    group.coaches.add(coach)
    session = actions.create_workshop(world.org, by=coach, title=SESSION_TITLE, group=group,
                                      members_only=True, anonymous=False,
                                      prompts=["Mitä mielessä?"], notes=SESSION_NOTES)
    other_group = PeerGroup.objects.create(organization=world.org, name=OTHER_GROUP,
                                           created_by=world.admin)
    other_group.members.add(nonmember)
    other_group.coaches.add(world.admin)

    foreign = actions.create_workshop(world.other_org, by=world.outsider, title=FOREIGN[0],
                                      prompts=["Kysymys"], members_only=True)
    foreign_seat = actions.join(foreign, user=world.outsider)
    foreign_item = actions.post_item(foreign, foreign_seat, text=FOREIGN[1],
                                     prompt_id=foreign.prompts.first().pk)
    foreign_cluster = actions.save_cluster(foreign, by=world.outsider, title="Muualan ryhmä")
    foreign_group = PeerGroup.objects.create(organization=world.other_org, name=FOREIGN[2],
                                             created_by=world.outsider)
    foreign_group.coaches.add(world.outsider)
    foreign_session = actions.create_workshop(
        world.other_org, by=world.outsider, title=FOREIGN[3], group=foreign_group,
        members_only=True, prompts=["Kysymys"], notes=FOREIGN[4])

    scene = Scene(world=world, platform=platform, developer=developer, coach=coach,
                  member=member, nonmember=nonmember, writer=writer, ws=ws, a=a, b=b,
                  hidden=hidden, session=session, group=group, other_group=other_group,
                  foreign=foreign, foreign_item=foreign_item, foreign_cluster=foreign_cluster,
                  foreign_group=foreign_group, sessions={}, foreign_session=foreign_session)
    scene.sessions = {role: module_db.signed_in(scene.user(role))
                      for role in ROLES if scene.user(role) is not None}
    scene.sessions["seat"] = anonymous_seat_session(ws, seat)
    return scene


@pytest.fixture(scope="module")
def module_scene(django_db_setup, django_db_blocker, tmp_path_factory):
    with module_rows(django_db_blocker, tmp_path_factory.mktemp("media")):
        yield build_scene()


@pytest.fixture
def scene(module_scene, db) -> Scene:
    s = module_scene
    module_db.refresh(s.ws, s.a, s.b, s.hidden, s.session, s.group, s.foreign, users=s.users)
    return s


# --- the routes -------------------------------------------------------------------------------

@dataclass
class Route:
    method: str
    url: object
    data: object = None
    effect: object = None  # Scene -> bool: did the write happen?
    setup: object = None  # Scene -> None: state the route needs (rolled back with the test)


def fac(path="", which="ws"):
    return lambda s: f"/tyopajat/{getattr(s, which).pk}/{path}"


def seat_url(path="", which="ws"):
    return lambda s: f"/w/{getattr(s, which).code}/{path.format(s=s)}"


def ideating(s):
    """Posting, +1 and comments are open in the first phases only."""
    Workshop.objects.filter(pk=s.ws.pk).update(phase=Phase.IDEATE)


def clock_on(s):
    """The voting phase with a time limit, its clock not yet running."""
    Workshop.objects.filter(pk=s.ws.pk).update(vote_minutes=10, phase_ends_at=None)


def clock_running(s):
    Workshop.objects.filter(pk=s.ws.pk).update(
        vote_minutes=10, phase_ends_at=timezone.now() + timedelta(minutes=1))


def ends_at(s):
    return Workshop.objects.get(pk=s.ws.pk).phase_ends_at


def closed_session(s):
    Workshop.objects.filter(pk=s.session.pk).update(phase=Phase.CLOSED)


def workshop_form(**fields):
    return {"title": MARK, "description": "", "prompts": "Mikä sujuu?\nMikä mättää?",
            "dots_per_participant": 5, "max_dots_per_item": 3, "anonymous": "on", **fields}


ORG = "/o/testila"
ROUTES = {
    # facilitators
    "GET workshops:org_list": Route("GET", lambda s: f"{ORG}/tyopajat/"),
    "GET workshops:create": Route("GET", lambda s: f"{ORG}/tyopajat/uusi/"),
    "POST workshops:create": Route(
        "POST", lambda s: f"{ORG}/tyopajat/uusi/", lambda s: workshop_form(),
        lambda s: Workshop.objects.filter(title=MARK).exists()),
    "GET workshops:manage": Route("GET", fac()),
    "GET workshops:manage session": Route("GET", fac(which="session")),
    "GET workshops:edit": Route("GET", fac("asetukset/")),
    "POST workshops:edit": Route(
        "POST", fac("asetukset/"), lambda s: workshop_form(),
        lambda s: Workshop.objects.filter(pk=s.ws.pk, title=MARK).exists()),
    "GET workshops:fac_board": Route("GET", fac("lauta/")),
    "POST workshops:phase": Route(
        "POST", fac("vaihe/"), lambda s: {"phase": Phase.RESULTS, "seen": Phase.VOTE},
        lambda s: Workshop.objects.get(pk=s.ws.pk).phase == Phase.RESULTS),
    "POST workshops:clock start": Route(
        "POST", fac("kello/"), lambda s: {"do": "start", "seen": Phase.VOTE},
        lambda s: ends_at(s) is not None, clock_on),
    "POST workshops:clock extend": Route(
        "POST", fac("kello/"), lambda s: {"do": "extend", "seen": Phase.VOTE},
        lambda s: ends_at(s) > timezone.now() + timedelta(minutes=5), clock_running),
    "POST workshops:clock stop": Route(
        "POST", fac("kello/"), lambda s: {"do": "stop", "seen": Phase.VOTE},
        lambda s: ends_at(s) is None, clock_running),
    "POST workshops:reveal": Route(
        "POST", fac("paljasta/"), lambda s: {"on": "1"},
        lambda s: Workshop.objects.get(pk=s.ws.pk).results_revealed),
    "POST workshops:moderate hide": Route(
        "POST", lambda s: f"/tyopajat/{s.ws.pk}/kohteet/{s.a.pk}/", lambda s: {"do": "hide"},
        lambda s: Item.objects.get(pk=s.a.pk).hidden),
    "POST workshops:moderate promote": Route(
        "POST", lambda s: f"/tyopajat/{s.ws.pk}/kohteet/{s.b.pk}/", lambda s: {"do": "promote"},
        lambda s: Item.objects.get(pk=s.b.pk).idea_id is not None),
    "POST workshops:cluster": Route(
        "POST", fac("ryhmittely/"), lambda s: {"title": MARK, "prompt": s.a.prompt_id},
        lambda s: Cluster.objects.filter(title=MARK).exists()),
    "POST workshops:notes": Route(
        "POST", fac("muistiinpanot/", "session"), lambda s: {"notes": MARK},
        lambda s: Workshop.objects.get(pk=s.session.pk).notes == MARK),
    "GET workshops:projector": Route("GET", fac("projektori/")),
    "GET workshops:projector fragment": Route("GET", fac("projektori/?osa=lauta")),
    "GET workshops:qr": Route("GET", fac("qr.svg")),
    "GET workshops:export_csv": Route("GET", fac("tulokset.csv")),
    "GET workshops:export_pdf": Route("GET", fac("tulokset.pdf")),
    # participants
    "GET workshops:join": Route("GET", lambda s: "/liity/"),
    "GET workshops:join code": Route("GET", lambda s: f"/liity/?koodi={s.ws.code.lower()}"),
    "GET workshops:join session": Route("GET", lambda s: f"/liity/?koodi={s.session.code}"),
    "GET workshops:board": Route("GET", seat_url()),
    "POST workshops:board": Route(
        "POST", seat_url(), lambda s: {"nickname": ""},
        lambda s: Participant.objects.filter(workshop=s.ws).count() > 3),
    "GET workshops:board session": Route("GET", seat_url(which="session")),
    "POST workshops:board session": Route(
        "POST", seat_url(which="session"), lambda s: {"nickname": ""},
        lambda s: Participant.objects.filter(workshop=s.session).exists()),
    "POST workshops:post": Route(
        "POST", seat_url("ideat/"), lambda s: {"text": MARK, "prompt": s.a.prompt_id},
        lambda s: Item.objects.filter(text=MARK).exists(), ideating),
    "POST workshops:plus": Route(
        "POST", seat_url("ideat/{s.a.pk}/plus/"), lambda s: {"on": "1"},
        lambda s: PlusOne.objects.filter(item=s.a).exists(), ideating),
    "POST workshops:comment": Route(
        "POST", seat_url("ideat/{s.a.pk}/kommentti/"), lambda s: {"text": MARK},
        lambda s: Comment.objects.filter(text=MARK).exists(), ideating),
    "POST workshops:dot": Route(
        "POST", seat_url("ideat/{s.b.pk}/piste/"), lambda s: {"do": "add"},
        lambda s: Dot.objects.filter(item=s.b).count() == 6),
    "GET workshops:events": Route("GET", seat_url("tapahtumat/?after=0")),
    "GET workshops:events session": Route("GET", seat_url("tapahtumat/?after=0", "session")),
    # peer groups
    "GET workshops:group_create": Route("GET", lambda s: f"{ORG}/vertaisryhmat/uusi/"),
    "POST workshops:group_create": Route(
        "POST", lambda s: f"{ORG}/vertaisryhmat/uusi/",
        lambda s: {"name": MARK, "description": "", "member_emails": "mari@testila.fi"},
        lambda s: PeerGroup.objects.filter(name=MARK).exists()),
    "GET workshops:group": Route("GET", lambda s: f"/vertaisryhmat/{s.group.pk}/"),
    "GET workshops:group_edit": Route("GET", lambda s: f"/vertaisryhmat/{s.group.pk}/muokkaa/"),
    "GET workshops:group_session_record": Route(
        "GET", lambda s: f"/vertaisryhmat/{s.group.pk}/tapaamiset/{s.session.pk}/"),
    "GET workshops:group_session_record closed": Route(
        "GET", lambda s: f"/vertaisryhmat/{s.group.pk}/tapaamiset/{s.session.pk}/",
        setup=closed_session),
    "POST workshops:group_edit": Route(
        "POST", lambda s: f"/vertaisryhmat/{s.group.pk}/muokkaa/",
        lambda s: {"name": MARK, "description": "", "member_emails": "mari@testila.fi"},
        lambda s: PeerGroup.objects.filter(pk=s.group.pk, name=MARK).exists()),
    "GET workshops:group_session": Route(
        "GET", lambda s: f"/vertaisryhmat/{s.group.pk}/tapaaminen/"),
    "POST workshops:group_session": Route(
        "POST", lambda s: f"/vertaisryhmat/{s.group.pk}/tapaaminen/",
        lambda s: {"title": MARK, "meets_on": "2031-05-04", "description": "",
                   "prompts": "Mitä mielessä?", "dots_per_participant": 5,
                   "max_dots_per_item": 3},
        lambda s: Workshop.objects.filter(title=MARK, group=s.group).exists()),
}

#               anon seat s_usr empl dev  fac  adm  out  plat coach mem nonm
ALL = (200,) * 12
MEMBERS =      (L,   L,   200, 200, 200, 200, 200, 404, 200, 200, 200, 200)
CREATE =       (L,   L,   403, 403, 200, 200, 200, 404, 200, 200, 403, 403)
CREATE_POST =  (L,   L,   403, 403, 302, 302, 302, 404, 302, 302, 403, 403)
FAC =          (L,   L,   404, 404, 404, 200, 200, 404, 200, 404, 404, 404)
FAC_POST =     (L,   L,   404, 404, 404, 302, 302, 404, 302, 404, 404, 404)
SESSION_FAC =  (L,   L,   404, 404, 404, 404, 200, 404, 200, 200, 404, 404)
SESSION_POST = (L,   L,   404, 404, 404, 404, 302, 404, 302, 302, 404, 404)
JOIN_SESSION = (400, 400, 400, 400, 400, 400, 302, 400, 302, 302, 302, 400)
JOIN_POST =    (302, 200, 200, 302, 302, 302, 302, 302, 302, 302, 302, 302)
BOARD_GROUP =  (403, 403, 403, 403, 403, 403, 200, 403, 200, 200, 200, 403)
JOIN_GROUP =   (403, 403, 403, 403, 403, 403, 302, 403, 302, 302, 302, 403)
SEATED_POST =  (403, 302, 302, 403, 403, 403, 403, 403, 403, 403, 403, 403)
EVENTS =       (403, 200, 200, 403, 403, 200, 200, 403, 200, 403, 403, 403)
EVENTS_GROUP = (403, 403, 403, 403, 403, 403, 200, 403, 200, 200, 403, 403)
GROUP =        (L,   L,   404, 404, 404, 404, 200, 404, 200, 200, 200, 404)
GROUP_MANAGE = (L,   L,   404, 404, 404, 404, 200, 404, 200, 200, 403, 404)
GROUP_POST =   (L,   L,   404, 404, 404, 404, 302, 404, 302, 302, 403, 404)

MATRIX = {
    "GET workshops:org_list":               MEMBERS,
    "GET workshops:create":                 CREATE,
    "POST workshops:create":                CREATE_POST,
    "GET workshops:manage":                 FAC,
    "GET workshops:manage session":         SESSION_FAC,
    "GET workshops:edit":                   FAC,
    "POST workshops:edit":                  FAC_POST,
    "GET workshops:fac_board":              FAC,
    "POST workshops:phase":                 FAC_POST,
    "POST workshops:clock start":           FAC_POST,
    "POST workshops:clock extend":          FAC_POST,
    "POST workshops:clock stop":            FAC_POST,
    "POST workshops:reveal":                FAC_POST,
    "POST workshops:moderate hide":         FAC_POST,
    "POST workshops:moderate promote":      FAC_POST,
    "POST workshops:cluster":               FAC_POST,
    "POST workshops:notes":                 SESSION_POST,
    "GET workshops:projector":              FAC,
    "GET workshops:projector fragment":     FAC,
    "GET workshops:qr":                     FAC,
    "GET workshops:export_csv":             FAC,
    "GET workshops:export_pdf":             FAC,
    "GET workshops:join":                   ALL,
    "GET workshops:join code":              (302,) * 12,  # anyone with the code may join
    "GET workshops:join session":           JOIN_SESSION,  # the group's session: members only
    "GET workshops:board":                  ALL,  # the board, or "choose a nickname"
    "POST workshops:board":                 JOIN_POST,  # 200: already seated, the board
    "GET workshops:board session":          BOARD_GROUP,
    "POST workshops:board session":         JOIN_GROUP,
    "POST workshops:post":                  SEATED_POST,
    "POST workshops:plus":                  SEATED_POST,
    "POST workshops:comment":               SEATED_POST,
    "POST workshops:dot":                   SEATED_POST,
    "GET workshops:events":                 EVENTS,
    "GET workshops:events session":         EVENTS_GROUP,
    "GET workshops:group_create":           CREATE,
    "POST workshops:group_create":          CREATE_POST,
    "GET workshops:group":                  GROUP,
    "GET workshops:group_edit":             GROUP_MANAGE,
    "GET workshops:group_session_record":   GROUP,
    "GET workshops:group_session_record closed": GROUP,
    "POST workshops:group_edit":            GROUP_POST,
    "GET workshops:group_session":          GROUP_MANAGE,
    "POST workshops:group_session":         GROUP_POST,
}

# Cells that fail because of a bug reported to the lead: {(route, role): reason}. Strict, so
# a fix shows up as XPASS and the entry is removed.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


def known_bug(route, role) -> list:
    reason = KNOWN_BUGS.get((route, role))
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


def cells(matrix, roles=ROLES):
    for route, expected in matrix.items():
        for i, role in enumerate(roles):
            yield pytest.param(route, role, expected[i], id=f"{route}|{role}",
                               marks=known_bug(route, role))


def request(scene, role, route):
    spec = ROUTES[route]
    if spec.setup:
        spec.setup(scene)
    client = scene.client(role)
    url = spec.url(scene)
    data = spec.data(scene) if spec.data else {}
    return url, (client.get(url) if spec.method == "GET" else client.post(url, data))


@pytest.mark.parametrize("route, role, expected", list(cells(MATRIX)))
def test_matrix(scene, route, role, expected):
    url, response = request(scene, role, route)
    assert_answer(response, url, expected)
    spec = ROUTES[route]
    if spec.effect:
        allowed = expected == 302
        assert spec.effect(scene) is allowed, ("the write did not happen" if allowed
                                               else "the write happened")


def test_matrix_covers_every_route():
    covered = {key.split(" ")[1] for key in MATRIX}
    assert routes_in("workshops") <= covered
    assert set(MATRIX) == set(ROUTES)
    assert all(len(row) == len(ROLES) for row in MATRIX.values())


POST_ONLY = ["phase", "clock start", "reveal", "moderate hide", "cluster", "notes", "post",
             "plus", "comment", "dot"]


@pytest.mark.parametrize("name", POST_ONLY)
def test_post_only_routes_refuse_get(scene, name):
    """Following a link (or a prefetching browser) never changes anything."""
    route = ROUTES[f"POST workshops:{name}"]
    role = "coach" if name == "notes" else (
        "facilitator" if route.url(scene).startswith("/tyopajat/") else "seat")
    assert scene.client(role).get(route.url(scene)).status_code == 405


# --- facilitator-only data never reaches anyone else ------------------------------------------

GET_ROUTES = [name for name, route in ROUTES.items() if route.method == "GET"]
LIVE_TOKEN = re.compile(r'data-live="/live/([^"/]+)/"')
TOTAL = re.compile(r'data-total-for="(\d+)">(\d+)<')


def body_of(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8", "replace") \
        if response.streaming else response.content.decode("utf-8", "replace")


def events_of(response):
    if response.status_code != 200 or "json" not in response["Content-Type"]:
        return None
    return response.json()


def facilitates(route, role) -> bool:
    """Whether the role facilitates the workshop the route is about."""
    if "session" in route:  # the peer group's session: its coaches facilitate
        return role in ("coach", "org_admin", "platform")
    return role in FACILITATING


@pytest.mark.parametrize("route, role", [
    pytest.param(route, role, id=f"{route}|{role}", marks=known_bug(route, role))
    for route in GET_ROUTES for role in ROLES])
def test_what_each_role_sees(scene, route, role):
    """Anonymous means anonymous: nobody, the facilitator included, sees who posted (not a
    nickname, a name or the first part of an e-mail address) on any page, fragment, export or
    event. And hidden or edited-away texts, vote totals before the reveal, facilitator-only
    events and the facilitator's live token stay with those who facilitate."""
    _url, response = request(scene, role, route)
    assert response.status_code < 500
    body = body_of(response)
    for name in NAMES:  # (the PDF has no author column at all: exports.results_pdf)
        assert name not in body
    if facilitates(route, role):
        return
    assert HIDDEN not in body and EDITED_AWAY not in body  # pages, and events from 0
    polled = events_of(response)
    if polled is not None:
        assert "totals" not in polled
        assert not [e for e in polled["events"] if e["data"].get("hidden")]
    assert [value for _pk, value in TOTAL.findall(body) if value != "0"] == []
    assert "projector-total" not in body
    for token in LIVE_TOKEN.findall(body):
        who = live.read_token(token)
        assert who is not None and who[2] is False, "a facilitator's live token leaked"


@pytest.mark.parametrize("role", ["facilitator", "org_admin", "platform"])
def test_facilitators_do_see_it(scene, role):
    """The positive control for the test above: the same data is there for those who
    facilitate, so its absence elsewhere means something."""
    client = scene.client(role)
    page = client.get(f"/tyopajat/{scene.ws.pk}/").content.decode()
    assert f'data-total-for="{scene.b.pk}">5<' in page
    assert LIVE_TOKEN.findall(page) and live.read_token(LIVE_TOKEN.findall(page)[0])[2]
    polled = client.get(f"/w/{scene.ws.code}/tapahtumat/?after=0").json()
    assert polled["totals"] == {str(scene.a.pk): 2, str(scene.b.pk): 5}
    assert [e for e in polled["events"] if e["data"].get("hidden")
            and e["data"]["text"] == HIDDEN]




@pytest.mark.parametrize("path", ["", "lauta/"])
def test_facilitator_still_finds_hidden_items_while_voting(scene, path):
    page = scene.client("facilitator").get(f"/tyopajat/{scene.ws.pk}/{path}").content.decode()
    assert HIDDEN in page


@pytest.mark.parametrize("role", ["seat", "seat_user"])
def test_participants_see_totals_once_revealed(scene, role):
    actions.reveal(scene.ws, by=scene.world.developer)
    client = scene.client(role)
    polled = client.get(f"/w/{scene.ws.code}/tapahtumat/?after=0").json()
    assert polled["totals"] == {str(scene.a.pk): 2, str(scene.b.pk): 5}
    page = client.get(f"/w/{scene.ws.code}/").content.decode()
    assert f'data-total-for="{scene.b.pk}">5<' in page


@pytest.mark.parametrize("who", ["seat", "seat_user", "late"])
def test_moderated_text_is_not_replayed(scene, who):
    """A text the facilitator hid or edited (e.g. it named a colleague) must not be readable
    by participants afterwards, not even from the event history the polling fallback
    replays from 0 (actions._emit_item drops an item's earlier events)."""
    if who == "late":
        client = module_db.client()
        assert client.post(f"/w/{scene.ws.code}/", {"nickname": ""}).status_code == 302
    else:
        client = scene.client(who)
    body = client.get(f"/w/{scene.ws.code}/tapahtumat/?after=0").content.decode()
    assert HIDDEN not in body and EDITED_AWAY not in body




@pytest.mark.parametrize("path", ["projektori/", "projektori/?osa=lauta"])
def test_projector_does_not_rank_before_the_reveal(scene, path):
    """A (2 dots) was posted before B (5 dots): while the room is still voting the projector
    lists them as posted, not as ranked."""
    page = scene.client("facilitator").get(f"/tyopajat/{scene.ws.pk}/{path}").content.decode()
    assert page.index(ITEM_A) < page.index(ITEM_B)


# --- one organization never sees another's --------------------------------------------------

TESTILA_ROLES = [r for r in ROLES if r not in ("outsider", "platform")]
# url, the answer for someone not signed in, the answer for a member of another organization
FOREIGN_ROUTES = {
    "manage": (lambda s: f"/tyopajat/{s.foreign.pk}/", L, 404),
    "edit": (lambda s: f"/tyopajat/{s.foreign.pk}/asetukset/", L, 404),
    "fac_board": (lambda s: f"/tyopajat/{s.foreign.pk}/lauta/", L, 404),
    "projector": (lambda s: f"/tyopajat/{s.foreign.pk}/projektori/", L, 404),
    "projector fragment": (lambda s: f"/tyopajat/{s.foreign.pk}/projektori/?osa=lauta", L, 404),
    "qr": (lambda s: f"/tyopajat/{s.foreign.pk}/qr.svg", L, 404),
    "export_csv": (lambda s: f"/tyopajat/{s.foreign.pk}/tulokset.csv", L, 404),
    "export_pdf": (lambda s: f"/tyopajat/{s.foreign.pk}/tulokset.pdf", L, 404),
    "org_list": (lambda s: "/o/muuala/tyopajat/", L, 404),
    "group": (lambda s: f"/vertaisryhmat/{s.foreign_group.pk}/", L, 404),
    "group_edit": (lambda s: f"/vertaisryhmat/{s.foreign_group.pk}/muokkaa/", L, 404),
    "group_session": (lambda s: f"/vertaisryhmat/{s.foreign_group.pk}/tapaaminen/", L, 404),
    "group_session_record": (lambda s: f"/vertaisryhmat/{s.foreign_group.pk}/tapaamiset/"
                             f"{s.foreign_session.pk}/", L, 404),
    # members only: the code alone does not let a member of another organization in
    "board": (lambda s: f"/w/{s.foreign.code}/", 403, 403),
    "events": (lambda s: f"/w/{s.foreign.code}/tapahtumat/?after=0", 403, 403),
    "join code": (lambda s: f"/liity/?koodi={s.foreign.code}", 400, 400),
}


@pytest.mark.parametrize("name, role", [
    pytest.param(name, role, id=f"{name}|{role}")
    for name in FOREIGN_ROUTES for role in TESTILA_ROLES])
def test_other_organizations_workshops_do_not_exist_for_us(scene, name, role):
    url_of, signed_out, signed_in = FOREIGN_ROUTES[name]
    url = url_of(scene)
    response = scene.client(role).get(url)
    assert_answer(response, url, signed_in if scene.user(role) else signed_out)
    body = body_of(response)
    for mark in FOREIGN + ((scene.foreign.code,) if scene.foreign.code not in url else ()):
        assert mark not in body


@pytest.mark.parametrize("name", list(FOREIGN_ROUTES))
def test_the_other_organization_sees_its_own(scene, name):
    """The positive control: the outsider facilitates the foreign workshop."""
    url = FOREIGN_ROUTES[name][0](scene)
    status = scene.client("outsider").get(url).status_code
    assert status == (302 if name == "join code" else 200)


TESTILA_MARKS = (WS_TITLE, ITEM_A, ITEM_B, COMMENT_A, GROUP_NAME, OTHER_GROUP, SESSION_TITLE,
                 SESSION_NOTES)


@pytest.mark.parametrize("route", [r for r in GET_ROUTES
                                   if MATRIX[r][ROLES.index("outsider")] in (400, 403, 404)])
def test_outsider_learns_nothing_from_refusals(scene, route):
    url, response = request(scene, "outsider", route)
    body = body_of(response)
    # (A code in the address comes back in the page's language form; that is no news.)
    for mark in TESTILA_MARKS + ((scene.session.code,) if scene.session.code not in url
                                 else ()):
        assert mark not in body


# Who finds what on the organization's workshop list: the workshops they facilitate and the
# groups they belong to or coach (admins: everything); sessions live on their group's page.
LISTED = {
    "seat_user": set(), "employee": set(), "developer": set(),
    "facilitator": {WS_TITLE},
    "org_admin": {WS_TITLE, GROUP_NAME, OTHER_GROUP},
    "platform": {WS_TITLE, GROUP_NAME, OTHER_GROUP},
    "coach": {GROUP_NAME}, "member": {GROUP_NAME}, "nonmember": {OTHER_GROUP},
}


@pytest.mark.parametrize("role", list(LISTED))
def test_org_list_shows_each_person_what_is_theirs(scene, role):
    response = scene.client(role).get(f"{ORG}/tyopajat/")
    assert response.status_code == 200
    body = body_of(response)
    everything = {WS_TITLE, GROUP_NAME, OTHER_GROUP}
    assert {mark for mark in everything if mark in body} == LISTED[role]
    for mark in (SESSION_TITLE, SESSION_NOTES, HIDDEN) + FOREIGN:
        assert mark not in body


# --- ids from another workshop ----------------------------------------------------------------

def _foreign_untouched(s):
    item = Item.objects.get(pk=s.foreign_item.pk)
    return (not item.hidden and item.merged_into_id is None and item.plus_count == 0
            and item.comment_count == 0 and not Dot.objects.filter(item=item).exists())


CROSS = {
    # facilitator of our workshop, pointing at the other organization's item or cluster
    "hide their item": ("facilitator", lambda s: f"/tyopajat/{s.ws.pk}/kohteet/"
                        f"{s.foreign_item.pk}/", lambda s: {"do": "hide"}, None),
    "merge ours into theirs": ("facilitator", lambda s: f"/tyopajat/{s.ws.pk}/kohteet/"
                               f"{s.a.pk}/", lambda s: {"do": "merge",
                                                        "into": s.foreign_item.pk}, None),
    "merge theirs into ours": ("facilitator", lambda s: f"/tyopajat/{s.ws.pk}/kohteet/"
                               f"{s.foreign_item.pk}/", lambda s: {"do": "merge",
                                                                   "into": s.a.pk}, None),
    "move ours into their cluster": (
        "facilitator", lambda s: f"/tyopajat/{s.ws.pk}/kohteet/{s.a.pk}/",
        lambda s: {"do": "cluster", "cluster": s.foreign_cluster.pk}, None),
    "rename their cluster": ("facilitator", lambda s: f"/tyopajat/{s.ws.pk}/ryhmittely/",
                             lambda s: {"cluster": s.foreign_cluster.pk, "title": MARK}, None),
    "promote their item": ("facilitator", lambda s: f"/tyopajat/{s.ws.pk}/kohteet/"
                           f"{s.foreign_item.pk}/", lambda s: {"do": "promote"}, None),
    # our participant, pointing at their item or prompt through our code
    "dot on their item": ("seat", lambda s: f"/w/{s.ws.code}/ideat/{s.foreign_item.pk}/piste/",
                          lambda s: {"do": "add"}, None),
    "+1 their item": ("seat", lambda s: f"/w/{s.ws.code}/ideat/{s.foreign_item.pk}/plus/",
                      lambda s: {"on": "1"}, ideating),
    "comment on their item": ("seat", lambda s: f"/w/{s.ws.code}/ideat/"
                              f"{s.foreign_item.pk}/kommentti/", lambda s: {"text": MARK},
                              ideating),
    "post under their prompt": ("seat", lambda s: f"/w/{s.ws.code}/ideat/",
                                lambda s: {"text": MARK,
                                           "prompt": s.foreign_item.prompt_id}, ideating),
    # our participant, through their code
    "post with their code": ("seat", lambda s: f"/w/{s.foreign.code}/ideat/",
                             lambda s: {"text": MARK, "prompt": s.foreign_item.prompt_id},
                             None),
}


@pytest.mark.parametrize("name", list(CROSS))
def test_ids_from_another_workshop_change_nothing(scene, name):
    role, url_of, data_of, setup = CROSS[name]
    if setup:
        setup(scene)
    response = scene.client(role).post(url_of(scene), data_of(scene))
    assert response.status_code in (302, 400, 403, 404)
    assert _foreign_untouched(scene)
    assert Cluster.objects.get(pk=scene.foreign_cluster.pk).title != MARK
    a = Item.objects.get(pk=scene.a.pk)
    assert a.merged_into_id is None and a.cluster_id is None
    assert not Item.objects.filter(text=MARK).exists()
    assert not Comment.objects.filter(text=MARK).exists()
    assert not Idea.objects.exists()
    if role == "seat":  # refused in words, not silently
        assert response.status_code in (400, 403)
    if role == "facilitator":
        assert response.status_code == 302
        follow = scene.client(role).get(response["Location"])
        assert follow.status_code == 200



def test_anonymity_cannot_be_switched_off_once_people_joined(scene):
    """Switching an anonymous workshop to "names shown" would name everyone after the fact."""
    data = workshop_form(title=WS_TITLE)
    del data["anonymous"]
    client = scene.client("facilitator")
    assert client.post(f"/tyopajat/{scene.ws.pk}/asetukset/", data).status_code == 400
    assert Workshop.objects.get(pk=scene.ws.pk).anonymous
    page = client.get(f"/tyopajat/{scene.ws.pk}/").content.decode()
    for name in NAMES:
        assert name not in page


@pytest.mark.parametrize("path", ["/o/testila/vertaisryhmat/uusi/", "muokkaa/"])
@pytest.mark.parametrize("email", ["olli@muuala.fi", "ei.ketaan@testila.fi"])
def test_group_members_come_from_the_organization(scene, path, email):
    """A coach cannot pull a member of another organization (or a stranger) into a group."""
    url = path if path.startswith("/") else f"/vertaisryhmat/{scene.group.pk}/{path}"
    response = scene.client("coach").post(url, {
        "name": MARK, "description": "", "member_emails": f"mari@testila.fi\n{email}"})
    assert response.status_code == 400
    assert not PeerGroup.objects.filter(name=MARK).exists()
    assert list(scene.group.members.values_list("email", flat=True)) == ["mari@testila.fi"]
    assert not PeerGroup.objects.filter(members__email=email).exists()




@pytest.mark.parametrize("who", ["seat", "seat_user"])
def test_merging_a_hidden_item_does_not_publish_it(scene, who):
    response = scene.client("facilitator").post(
        f"/tyopajat/{scene.ws.pk}/kohteet/{scene.hidden.pk}/",
        {"do": "merge", "into": scene.a.pk})
    assert response.status_code == 302
    client = scene.client(who)
    for url in (f"/w/{scene.ws.code}/", f"/w/{scene.ws.code}/tapahtumat/?after=0"):
        assert HIDDEN not in client.get(url).content.decode()
