"""Bad input through the real views: broken files, huge texts, NUL bytes, scripts, no CSRF token.

Whatever comes in, the person gets the form back with a message and what they typed, the
database holds either the whole write or nothing, and nothing typed is ever run as HTML.
"""

import io
import os
import struct
import zlib
from dataclasses import dataclass
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from tests import module_db
from tests.conftest import build_world
from tests.module_db import module_rows
from tuuma.core.models import AccessibilityFeedback
from tuuma.core.uploads import validate_upload
from tuuma.evaluation import actions as evaluation
from tuuma.evaluation.models import Assignment, Criterion
from tuuma.ideas import actions
from tuuma.ideas.models import Attachment, Comment, Draft, Follow, Idea, Status, StatusChange
from tuuma.notifications.models import Notification
from tuuma.organizations import actions as org_actions
from tuuma.organizations.models import Membership, Organization, Unit

User = get_user_model()

TITLE = "Kirjaston varauskalenteri yhteen paikkaan"
IDEA = {"title": TITLE, "problem": "Varaukset ovat kolmessa eri taulukossa.",
        "proposal": "Yksi kalenteri, josta näkee vapaat tilat.", "beneficiaries": "both"}
LONG = ("Tämä teksti on aivan liian pitkä. " * 3000)[:100_000]
SCRIPT = "<script>alert(1)</script><b>lihava</b>"
SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;lihava&lt;/b&gt;"
INTL = "Kahvia ☕ ja pullaa 🥐 – שלום עולם – مرحبا بالعالم – 👩‍👩‍👧 perhe"


# --- files --------------------------------------------------------------------------------------

def image_bytes(fmt="PNG", size=(64, 64)) -> bytes:
    """A noisy picture, so that it does not compress to almost nothing."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, fmt)
    return buffer.getvalue()


def decompression_bomb() -> bytes:
    """A tiny PNG whose header claims 60 000 × 60 000 pixels."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", 60000, 60000, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media):
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


BAD_UPLOADS = [  # name, content, why it is refused (the error code of validate_upload)
    pytest.param("iso-kuva.png", lambda: image_bytes(size=(80, 80)), "too_large", id="too-large"),
    pytest.param("kuva.png", lambda: b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120
                 + b"This program cannot be run in DOS mode.", "bad_type", id="exe-named-png"),
    pytest.param("kuva.png", lambda: "Pelkkää tekstiä, ei kuva.".encode(), "bad_type",
                 id="text-named-png"),
    pytest.param("raportti.pdf", lambda: b"<!DOCTYPE html><html><body><script>alert(1)"
                 b"</script></body></html>", "bad_type", id="html-named-pdf"),
    pytest.param("rikki.png", lambda: image_bytes()[:-300], "bad_image", id="truncated-png"),
    pytest.param("rikki.jpg", lambda: image_bytes("JPEG", (120, 120))[:-3000], "bad_image",
                 id="truncated-jpeg"),
    pytest.param("jattikuva.png", decompression_bomb, "bad_image", id="decompression-bomb"),
]
LIMIT = 50_000  # ATTACHMENT_MAX_BYTES in these tests: only the 80 × 80 noise is larger


@pytest.mark.parametrize("name, content, code", BAD_UPLOADS)
def test_bad_attachment_is_refused_with_the_form_kept(ctx, settings, media, name, content,
                                                      code):
    settings.ATTACHMENT_MAX_BYTES = LIMIT if code != "too_large" else 8000
    upload = SimpleUploadedFile(name, content(), content_type="image/png")
    response = ctx.client("employee").post("/o/testila/ideat/uusi/", {
        **IDEA, "units": [ctx.world.unit.pk], "attachments": [upload]})
    assert response.status_code == 400
    page = response.content.decode()
    assert name in page  # the message says which file is wrong
    assert TITLE in page and IDEA["problem"] in page  # nothing typed is lost
    assert not Idea.objects.filter(title=TITLE).exists()
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


@pytest.mark.parametrize("name, content, code", BAD_UPLOADS)
def test_each_bad_file_is_refused_for_its_own_reason(settings, name, content, code):
    settings.ATTACHMENT_MAX_BYTES = LIMIT if code != "too_large" else 8000
    with pytest.raises(ValidationError) as refused:
        validate_upload(SimpleUploadedFile(name, content(), content_type="image/png"))
    assert refused.value.code == code


def test_good_attachments_are_kept_and_served(ctx, media):
    png, jpeg = image_bytes(), image_bytes("JPEG")
    client = ctx.client("employee")
    response = client.post("/o/testila/ideat/uusi/", {**IDEA, "attachments": [
        SimpleUploadedFile("kuva.png", png, content_type="image/png"),
        SimpleUploadedFile("valokuva.jpg", jpeg, content_type="application/octet-stream")]})
    assert response.status_code == 302
    idea = Idea.objects.get(title=TITLE)
    items = {a.original_name: a for a in idea.attachments.all()}
    assert {n: a.content_type for n, a in items.items()} == {
        "kuva.png": "image/png", "valokuva.jpg": "image/jpeg"}
    served = ctx.client("coworker").get(f"/ideat/{idea.pk}/liite/{items['kuva.png'].pk}/")
    assert b"".join(served.streaming_content) == png
    assert served["Content-Type"] == "image/png"


def test_too_many_attachments(ctx, settings):
    settings.ATTACHMENTS_PER_IDEA = 2
    files = [SimpleUploadedFile(f"kuva{i}.png", image_bytes(size=(8, 8))) for i in range(3)]
    response = ctx.client("employee").post("/o/testila/ideat/uusi/",
                                           {**IDEA, "attachments": files})
    assert response.status_code == 400  # rejected
    assert TITLE in response.content.decode()
    assert not Idea.objects.filter(title=TITLE).exists() and not Attachment.objects.exists()


# --- every free-text field of every form -----------------------------------------------------

@dataclass
class Ctx:
    world: object
    idea: Idea  # by the employee, submitted
    other: Idea  # by the coworker: the idea a duplicate is merged into
    assignment: Assignment  # the coworker evaluates an idea of the employee
    token: str  # an invitation for uusi@testila.fi
    known_ideas: set
    known_units: set
    known_criteria: set
    sessions: dict

    def client(self, persona, **kwargs) -> Client:
        return module_db.client(self.sessions[persona] if persona else None, **kwargs)


PERSONAS = ("employee", "coworker", "developer", "decider", "steward", "admin", "outsider")


def build_ctx() -> Ctx:
    world = build_world()
    idea = actions.submit_idea(
        world.org, by=world.employee, title="Kirjaston aukioloajat iltaan",
        problem="Moni ei ehdi kirjastoon työpäivän jälkeen.",
        proposal="Kokeillaan omatoimikirjastoa iltaisin.", units=[world.unit])
    other = actions.submit_idea(world.org, by=world.coworker, title="Iltapäivystys",
                                problem="p", proposal="e")
    evaluated = actions.submit_idea(world.org, by=world.employee, title="Tilavaraus",
                                    problem="p", proposal="e")
    evaluation.assign_evaluators(evaluated, by=world.developer, evaluators=[world.coworker])
    _invitation, token = org_actions.invite(world.org, by=world.admin,
                                            email="uusi@testila.fi", send=False)
    return Ctx(world=world, idea=idea, other=other,
               assignment=evaluated.assignments.get(), token=token,
               known_ideas=set(Idea.objects.values_list("pk", flat=True)),
               known_units=set(Unit.objects.values_list("pk", flat=True)),
               known_criteria=set(Criterion.objects.values_list("pk", flat=True)),
               sessions={p: module_db.signed_in(getattr(world, p)) for p in PERSONAS})


@pytest.fixture(scope="module")
def module_ctx(django_db_setup, django_db_blocker, tmp_path_factory):
    with module_rows(django_db_blocker, tmp_path_factory.mktemp("media")):
        yield build_ctx()


@pytest.fixture
def ctx(module_ctx, db) -> Ctx:
    module_db.refresh(module_ctx.idea, module_ctx.other, module_ctx.assignment,
                      users=[getattr(module_ctx.world, p) for p in PERSONAS])
    return module_ctx


def new(model, known):
    return model.objects.exclude(pk__in=known).order_by("pk").last()


def attr(obj, field):
    return None if obj is None else getattr(obj, field)


@dataclass
class Target:
    role: str | None  # who posts (a World attribute); None = not signed in
    url: object  # Ctx -> str
    base: object  # Ctx -> dict of valid data
    value: object  # (Ctx, field) -> the stored text, None when nothing is stored
    reader: object = None  # Ctx -> (World attribute or "same", URL showing the stored text)
    ok: int = 302


def score_base(c):
    criteria = Criterion.objects.filter(organization=c.world.org, active=True)
    return {f"criterion_{x.pk}": "3" for x in criteria}


def org_base(c):
    org = c.world.org
    return {"name_fi": org.name_fi, "name_sv": "", "org_type": org.org_type,
            "municipality": "Testilä", "region": org.region, "business_id": "",
            "languages": "fi", "response_days": "30"}


TARGETS = {
    "submit": Target(
        "employee", lambda c: "/o/testila/ideat/uusi/", lambda c: dict(IDEA),
        lambda c, f: attr(new(Idea, c.known_ideas), f),
        lambda c: ("coworker", new(Idea, c.known_ideas).get_absolute_url())),
    "edit": Target(
        "employee", lambda c: f"/ideat/{c.idea.pk}/muokkaa/", lambda c: dict(IDEA),
        lambda c, f: attr(Idea.objects.get(pk=c.idea.pk), f),
        lambda c: ("coworker", c.idea.get_absolute_url())),
    "draft": Target(
        "employee", lambda c: "/o/testila/ideat/luonnos/", lambda c: dict(IDEA),
        lambda c, f: attr(Draft.objects.first(), "data") and Draft.objects.first().data[f],
        lambda c: ("same", "/o/testila/ideat/uusi/"), ok=200),
    "comment": Target(
        "coworker", lambda c: f"/ideat/{c.idea.pk}/kommentoi/", lambda c: {},
        lambda c, f: attr(Comment.objects.first(), f),
        lambda c: ("employee", c.idea.get_absolute_url())),
    "decide": Target(
        "decider", lambda c: f"/ideat/{c.idea.pk}/paata/", lambda c: {"outcome": "declined"},
        lambda c, f: Idea.objects.get(pk=c.idea.pk).decision_reason or None,
        lambda c: ("employee", c.idea.get_absolute_url())),
    "merge": Target(
        "decider", lambda c: f"/ideat/{c.idea.pk}/yhdista/", lambda c: {"into": c.other.pk},
        lambda c, f: Idea.objects.get(pk=c.idea.pk).decision_reason or None,
        lambda c: ("employee", c.idea.get_absolute_url())),
    "score": Target(
        "coworker", lambda c: f"/arviointi/{c.assignment.pk}/", score_base,
        lambda c, f: Assignment.objects.get(pk=c.assignment.pk).comment or None,
        lambda c: ("decider", c.assignment.idea.get_absolute_url())),
    "unit": Target(
        "admin", lambda c: "/o/testila/hallinta/yksikot/",
        lambda c: {"name_fi": "Nuorisopalvelut", "kind": "sector"},
        lambda c, f: attr(new(Unit, c.known_units), f) or None,
        lambda c: ("admin", "/o/testila/hallinta/yksikot/")),
    "settings": Target(
        "admin", lambda c: "/o/testila/hallinta/asetukset/", org_base,
        lambda c, f: (lambda v: None if v in ("", "Testilä", "Testilän kaupunki") else v)(
            getattr(Organization.objects.get(pk=c.world.org.pk), f)),
        lambda c: ("coworker", "/o/testila/")),
    "profile": Target(
        "employee", lambda c: "/tili/asetukset/",
        lambda c: {"full_name": "Eeva Esimerkki", "title": "", "language": "fi",
                   "email_mode": "immediate"},
        lambda c, f: (lambda v: None if v in ("", "Eeva Esimerkki") else v)(
            getattr(User.objects.get(pk=c.world.employee.pk), f)),
        lambda c: ("employee", "/tili/asetukset/")),
    "rubric": Target(
        "admin", lambda c: "/arviointi/o/testila/kriteerit/",
        lambda c: {"name_fi": "Vaikuttavuus", "scale_min": "1", "scale_max": "5",
                   "weight": "1", "order": "9", "active": "on"},
        lambda c, f: attr(new(Criterion, c.known_criteria), f) or None,
        lambda c: ("admin", "/arviointi/o/testila/kriteerit/")),
    "feedback": Target(
        None, lambda c: "/saavutettavuusseloste/", lambda c: {"message": "Kontrasti on heikko."},
        lambda c, f: attr(AccessibilityFeedback.objects.first(), f) or None),
    "invitation": Target(
        None, lambda c: f"/kutsu/{c.token}/",
        lambda c: {"password1": "Pitka-Salasana-91", "password2": "Pitka-Salasana-91"},
        lambda c, f: attr(User.objects.filter(email="uusi@testila.fi").first(), f),
        lambda c: ("same", "/tili/asetukset/")),
}

FIELDS = [
    ("submit", "title"), ("submit", "problem"), ("submit", "proposal"),
    ("edit", "title"), ("edit", "problem"), ("edit", "proposal"),
    ("draft", "title"), ("draft", "problem"),
    ("comment", "body"), ("decide", "reason"), ("merge", "reason"), ("score", "comment"),
    ("unit", "name_fi"), ("unit", "name_sv"),
    ("settings", "name_fi"), ("settings", "name_sv"), ("settings", "municipality"),
    ("profile", "full_name"), ("profile", "title"),
    ("rubric", "name_fi"), ("rubric", "name_sv"), ("rubric", "name_en"),
    ("feedback", "page"), ("feedback", "message"),
    ("invitation", "full_name"),
]
STORED_AS_FIELD = {"decide": "decision_reason", "merge": "decision_reason"}
FIELD_IDS = [f"{t}.{f}" for t, f in FIELDS]


def post(c, target, field, text):
    """Post the target's valid data with `text` in `field`; returns the client and response."""
    client = c.client(target.role)
    return client, client.post(target.url(c), {**target.base(c), field: text})


def read(c, target, client, field):
    """The page that shows the stored text, in Swedish or English for names in those."""
    who, url = target.reader(c)
    reader = client if who == "same" else c.client(who)
    language = {"name_sv": "sv", "name_en": "en"}.get(field)
    if language:
        reader.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = reader.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("target, field", [f for f in FIELDS if f[0] != "draft"],
                         ids=[i for i in FIELD_IDS if not i.startswith("draft")])
def test_100_kb_text_is_refused_and_kept(ctx, target, field):
    t = TARGETS[target]
    before = t.value(ctx, field)
    _client, response = post(ctx, t, field, LONG)
    assert response.status_code == 400  # rejected
    assert LONG in response.content.decode()  # what the person typed is still in the form
    assert t.value(ctx, field) == before


def test_100_kb_draft_is_cut_not_lost(ctx):
    response = ctx.client("employee").post("/o/testila/ideat/luonnos/",
                                              {**IDEA, "problem": LONG})
    assert response.status_code == 200
    assert Draft.objects.get().data["problem"] == LONG[:10000]


@pytest.mark.parametrize("target, field", FIELDS, ids=FIELD_IDS)
def test_nul_bytes_are_removed_or_refused(ctx, target, field):
    t = TARGETS[target]
    before = t.value(ctx, field)
    _client, response = post(ctx, t, field, "Alku\x00loppu")
    assert response.status_code in (t.ok, 200, 400)
    stored = t.value(ctx, field)
    if response.status_code == t.ok:
        assert stored == "Alkuloppu"
    else:
        assert stored == before


@pytest.mark.parametrize("target, field", FIELDS, ids=FIELD_IDS)
def test_emoji_and_right_to_left_text_kept_intact(ctx, target, field):
    t = TARGETS[target]
    client, response = post(ctx, t, field, INTL)
    assert response.status_code == t.ok, response.content.decode()[:3000]
    assert t.value(ctx, field) == INTL
    if t.reader:
        assert INTL in read(ctx, t, client, field)


@pytest.mark.parametrize("target, field", FIELDS, ids=FIELD_IDS)
def test_html_is_shown_as_text(ctx, target, field):
    t = TARGETS[target]
    client, response = post(ctx, t, field, SCRIPT)
    assert response.status_code == t.ok, response.content.decode()[:3000]
    assert t.value(ctx, field) == SCRIPT
    if t.reader:
        page = read(ctx, t, client, field)
        assert "<script>alert(1)" not in page and "<b>lihava" not in page
        assert SCRIPT_ESCAPED in page


def test_html_in_a_rejected_form_is_escaped_too(ctx):
    """The 400 page that puts the text back into the form must not run it either."""
    response = ctx.client("decider").post(f"/ideat/{ctx.idea.pk}/paata/",
                                             {"outcome": "parked", "reason": SCRIPT})
    assert response.status_code == 400
    page = response.content.decode()
    assert "<script>alert(1)" not in page and SCRIPT_ESCAPED in page


@pytest.mark.parametrize("url", ["/o/testila/ideat/?q={}", "/o/testila/hallinta/ihmiset/?q={}"])
def test_search_words_are_escaped_and_nul_safe(ctx, url):
    client = ctx.client("admin")
    page = client.get(url.format("%3Cscript%3Ealert(1)%3C/script%3E")).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert client.get(url.format("Kirja%00sto")).status_code == 200


@pytest.mark.parametrize("url", [
    "/o/testila/hallinta/yksikot/?edit=abc", "/o/testila/hallinta/yksikot/?edit=1%00",
    "/arviointi/o/testila/kriteerit/?edit=abc", "/ideat/99999999999999999999999/",
    "/ideat/1/liite/99999999999999999999999/", "/arviointi/99999999999999999999999/",
    "/o/testila/hallinta/yksikot/?edit=99999999999999999999999",
])
def test_odd_ids_are_not_found(ctx, url):
    assert ctx.client("admin").get(url).status_code == 404


def test_odd_filters_show_the_list(ctx):
    response = ctx.client("coworker").get(
        "/o/testila/ideat/?status=kaikki&sector=abc&unit=-1&age=ikuisuus&sort=%00&page=x")
    assert response.status_code == 200
    assert ctx.idea.title in response.content.decode()


def test_bad_dates_scores_and_choices_are_refused(ctx):
    decider = ctx.client("decider")
    for data in ({"outcome": "parked", "reason": "Myöhemmin", "parked_until": "31.2.2025"},
                 {"outcome": "parked", "reason": "Myöhemmin", "parked_until": "10000-01-01"},
                 {"outcome": "hyväksytty", "reason": "x"}):
        assert decider.post(f"/ideat/{ctx.idea.pk}/paata/", data).status_code == 400
    scores = {k: "9" for k in score_base(ctx)}
    response = ctx.client("coworker").post(f"/arviointi/{ctx.assignment.pk}/",
                                              {**scores, "comment": "Ihan hyvä"})
    assert response.status_code == 400 and "Ihan hyvä" in response.content.decode()
    ctx.assignment.refresh_from_db()
    assert ctx.assignment.submitted_at is None
    assert ctx.client("admin").post("/o/testila/hallinta/asetukset/", {
        **org_base(ctx), "response_days": "99999999999"}).status_code == 400
    ctx.idea.refresh_from_db()
    assert ctx.idea.status == Status.SUBMITTED and ctx.idea.history.count() == 1


@pytest.mark.parametrize("content", [
    pytest.param(b"nimi,email\rEeva,eeva2@testila.fi\rOlli\rx,olli2@testila.fi\r", id="cr"),
    pytest.param(b"name,email\n" + b"x" * 200_000 + b",a@testila.fi\n", id="huge-field"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x81\x8d\x8f\x90\x9d", id="binary"),
    pytest.param(b"name,email\nTeija,teija@testila.fi\nVirhe,ei-osoite\n", id="one-bad-row"),
])
def test_bad_people_file_imports_nobody(ctx, content):
    before = Membership.objects.count()
    response = ctx.client("admin").post("/o/testila/hallinta/tuonti/", {
        "file": SimpleUploadedFile("ihmiset.csv", content, content_type="text/csv")})
    assert response.status_code == 400
    assert Membership.objects.count() == before


def test_people_file_with_old_mac_line_ends_imports(ctx):
    response = ctx.client("admin").post("/o/testila/hallinta/tuonti/", {"file": SimpleUploadedFile(
        "ihmiset.csv", "nimi;sähköposti;yksikkö\rVeera Vanha-Mac;veera@testila.fi;Kirjasto\r"
        .encode("cp1252"), content_type="text/csv")})
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="veera@testila.fi")
    assert membership.unit == ctx.world.unit and membership.user.full_name == "Veera Vanha-Mac"


def test_nul_byte_in_sign_in(db, client):
    response = client.post("/tili/kirjaudu/", {"username": "eeva\x00@testila.fi",
                                               "password": "x\x00y"})
    assert response.status_code == 200


# --- CSRF --------------------------------------------------------------------------------------

def test_posts_without_csrf_token_are_refused(ctx):
    def strict(persona):
        return ctx.client(persona, enforce_csrf_checks=True)

    idea = ctx.idea
    assert strict("employee").post("/o/testila/ideat/uusi/", IDEA).status_code == 403
    assert strict("coworker").post(f"/ideat/{idea.pk}/kommentoi/",
                                   {"body": "Hyvä!"}).status_code == 403
    assert strict("decider").post(f"/ideat/{idea.pk}/paata/",
                                  {"outcome": "accepted", "reason": "Hyvä"}).status_code == 403
    assert strict("coworker").post(f"/ideat/{idea.pk}/tue/").status_code == 403
    assert not Idea.objects.filter(title=TITLE).exists()
    assert not Comment.objects.exists()
    idea.refresh_from_db()
    assert idea.status == Status.SUBMITTED and idea.support_count == 0
    # The same client with the token from the form succeeds: the refusal was about CSRF.
    client = strict("coworker")
    client.get(idea.get_absolute_url())
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    assert client.post(f"/ideat/{idea.pk}/kommentoi/",
                       {"body": "Hyvä!", "csrfmiddlewaretoken": token}).status_code == 302
    assert Comment.objects.count() == 1


# --- no half-written records ---------------------------------------------------------------------

def counts():
    return {model.__name__: model.objects.count() for model in (
        Idea, Attachment, Comment, StatusChange, Follow, Assignment, Notification, Draft)}


def test_failure_after_the_idea_row_leaves_no_idea(ctx, media):
    """The second attachment fails to save (say, the disk is full) after the idea, its units
    and the first attachment are written: all of it is rolled back, the draft is kept."""
    w = ctx.world
    actions.save_draft(w.org, by=w.employee, data={"title": TITLE})
    before = counts()
    real = actions.add_attachment
    calls = []

    def flaky(idea, **kwargs):
        calls.append(idea.pk)
        if len(calls) == 2:
            raise OSError("No space left on device")
        return real(idea, **kwargs)

    files = [SimpleUploadedFile(f"kuva{i}.png", image_bytes(size=(8, 8))) for i in range(2)]
    with mock.patch("tuuma.ideas.actions.add_attachment", side_effect=flaky):
        response = ctx.client("employee", raise_request_exception=False).post(
            "/o/testila/ideat/uusi/", {**IDEA, "units": [w.unit.pk], "attachments": files})
    assert response.status_code == 500
    assert len(calls) == 2 and calls[0] is not None  # the idea row had been created
    assert counts() == before
    assert not Idea.objects.filter(title=TITLE).exists()
    assert Draft.objects.filter(user=w.employee).exists()


@pytest.mark.parametrize("action", ["comment", "decide", "merge", "assign"])
def test_failing_notification_rolls_back_the_action(ctx, action):
    w, idea = ctx.world, ctx.idea
    before = counts()
    persona, url, data = {
        "comment": ("coworker", f"/ideat/{idea.pk}/kommentoi/", {"body": "Hyvä ajatus"}),
        "decide": ("decider", f"/ideat/{idea.pk}/paata/",
                   {"outcome": "accepted", "reason": "Kokeillaan"}),
        "merge": ("developer", f"/ideat/{idea.pk}/yhdista/", {"into": ctx.other.pk}),
        "assign": ("developer", f"/arviointi/idea/{idea.pk}/arvioijat/",
                   {"evaluators": [w.steward.pk]}),
    }[action]
    target = ("tuuma.evaluation.actions.notify" if action == "assign"
              else "tuuma.ideas.actions.notify")
    with mock.patch(target, side_effect=RuntimeError("mail queue down")):
        response = ctx.client(persona, raise_request_exception=False).post(url, data)
    assert response.status_code == 500
    idea.refresh_from_db()
    assert idea.status == Status.SUBMITTED and idea.comment_count == 0
    assert idea.decision_reason == "" and idea.merged_into is None
    assert counts() == before
