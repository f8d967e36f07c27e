"""Every write to a workshop goes through these functions.

Facilitator actions check the permission resolver; participant actions check the participant's
seat, the phase and the allowance. Each change that others should see writes an `Event` in the
same transaction and wakes the live feed once the transaction commits (live.notify).
"""

import math
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from tuuma.ideas.actions import _create_idea
from tuuma.organizations.permissions import Action, can, require

from . import live
from .models import (
    PHASE_ORDER,
    Audience,
    Cluster,
    Comment,
    Dot,
    Event,
    Item,
    Participant,
    Phase,
    PlusOne,
    Prompt,
    Workshop,
    new_code,
)

CODE_DAYS = 30  # a join code works this long after the workshop was created or reopened


# --- what participants and facilitators are sent ----------------------------------------------

def author_label(participant, workshop) -> str | None:
    """The name shown with a post, or None: in an anonymous workshop nobody is named, the
    facilitator included."""
    if workshop.anonymous or participant is None:
        return None
    if participant.nickname:
        return participant.nickname
    if participant.user_id:
        return participant.user.get_full_name() or participant.user.email.split("@")[0]
    return None


def item_data(item: Item, workshop: Workshop) -> dict:
    return {
        "id": item.pk, "prompt": item.prompt_id, "text": item.text,
        "cluster": item.cluster_id, "plus": item.plus_count, "hidden": item.hidden,
        "merged_into": item.merged_into_id, "by": author_label(item.author, workshop),
        "comments": [{"text": c.text, "by": author_label(c.author, workshop)}
                     for c in item.comments.select_related("author__user")],
    }


def _emit(workshop: Workshop, kind: str, payload: dict,
          audience: Audience = Audience.EVERYONE, item: int | None = None) -> Event:
    """Number and store one event; the row update serializes writers of this workshop."""
    Workshop.objects.filter(pk=workshop.pk).update(seq=F("seq") + 1)
    seq = Workshop.objects.filter(pk=workshop.pk).values_list("seq", flat=True).get()
    workshop.seq = seq
    event = Event.objects.create(workshop=workshop, seq=seq, kind=kind, audience=audience,
                                 payload=payload, item=item)
    transaction.on_commit(lambda: live.notify(workshop.pk, "e"))
    return event


def _emit_item(workshop: Workshop, item: Item) -> None:
    """Facilitators see every item; participants only those on the board.

    The item's earlier events are deleted: someone catching up (or joining late) replays only
    its latest state, so a hidden item's or an edited item's old text cannot be read back."""
    Event.objects.filter(workshop=workshop, item=item.pk).delete()
    data = item_data(item, workshop)
    if item.on_board:
        _emit(workshop, "item", data, item=item.pk)
        if item.idea_id:  # which pipeline idea it became is the facilitators' business
            _emit(workshop, "item", {**data, "idea": item.idea_id}, Audience.FACILITATORS,
                  item=item.pk)
    else:
        _emit(workshop, "remove", {"id": item.pk}, item=item.pk)
        _emit(workshop, "item", data, Audience.FACILITATORS, item=item.pk)


def phase_data(workshop: Workshop) -> dict:
    return {"phase": workshop.phase, "revealed": workshop.results_revealed,
            "ends_at": workshop.phase_ends_at.isoformat() if workshop.phase_ends_at else None,
            "paused_left": workshop.clock_paused_left}


# --- facilitator ------------------------------------------------------------------------------

@transaction.atomic
def create_workshop(organization, *, by, prompts, group=None, **fields) -> Workshop:
    require(by, Action.WORKSHOP_CREATE, organization)
    prompts = [p.strip() for p in prompts if p and p.strip()]
    if not prompts:
        raise ValidationError(_("Give at least one prompt."))
    now = timezone.now()
    for _attempt in range(20):
        code = new_code()
        if not Workshop.objects.filter(code=code).exists():
            break
    workshop = Workshop.objects.create(
        organization=organization, created_by=by, code=code, group=group,
        code_expires_at=now + timedelta(days=CODE_DAYS), **fields)
    workshop.facilitators.add(by)
    Prompt.objects.bulk_create(Prompt(workshop=workshop, text=t, position=i)
                               for i, t in enumerate(prompts))
    # The clock does not run yet: a workshop is often prepared days ahead. It starts when the
    # facilitator starts it (start_clock) or moves into a timed phase (set_phase).
    return workshop


@transaction.atomic
def edit_workshop(workshop, *, by, prompts=None, **fields) -> Workshop:
    """Save the settings. A running clock is never cut short silently: more minutes for the
    phase that is on extend it by the difference; fewer leave its end as it is (the new time
    applies when the phase is next started); no minutes at all stop it."""
    require(by, Action.WORKSHOP_FACILITATE, workshop)
    current = _locked(workshop, None)
    before = phase_minutes(current)
    for name, value in fields.items():
        setattr(current, name, value)
    after = phase_minutes(current)
    clock_changed = False
    if (clock_running(current) or clock_paused(current)) and before != after:
        if not after:
            current.phase_ends_at = current.clock_paused_left = None
            clock_changed = True
        elif before and after > before:
            if current.phase_ends_at is not None:
                current.phase_ends_at += timedelta(minutes=after - before)
            else:
                current.clock_paused_left += (after - before) * 60
            clock_changed = True
    current.save()
    workshop.__dict__.update({k: v for k, v in current.__dict__.items() if not k.startswith("_")})
    if prompts is not None:
        prompts = [p.strip() for p in prompts if p and p.strip()]
        existing = list(workshop.prompts.all())
        for i, text in enumerate(prompts):
            if i < len(existing):
                if existing[i].text != text:
                    existing[i].text = text
                    existing[i].save(update_fields=["text"])
            else:
                Prompt.objects.create(workshop=workshop, text=text, position=i)
        for prompt in existing[len(prompts):]:
            if not prompt.items.exists():  # never throw away what people wrote
                prompt.delete()
    if clock_changed:
        _emit(workshop, "phase", phase_data(workshop))
    _emit(workshop, "reload", {})
    return workshop


# --- the phase clock --------------------------------------------------------------------------

TIMED_PHASES = (Phase.IDEATE, Phase.VOTE)
EXTRA_MINUTES = 5


def phase_minutes(workshop: Workshop) -> int | None:
    """The time limit set for the phase the workshop is in (None: no limit)."""
    return {Phase.IDEATE: workshop.ideate_minutes,
            Phase.VOTE: workshop.vote_minutes}.get(workshop.phase)


def clock_running(workshop: Workshop) -> bool:
    """Whether the clock has been started for the current phase (it may have run out)."""
    return workshop.phase in TIMED_PHASES and workshop.phase_ends_at is not None


def clock_paused(workshop: Workshop) -> bool:
    """Whether the clock stands still for the current phase, keeping the time it had left."""
    return workshop.phase in TIMED_PHASES and workshop.clock_paused_left is not None


def time_is_up(workshop: Workshop) -> bool:
    return clock_running(workshop) and workshop.phase_ends_at <= timezone.now()



def _minutes_from_now(minutes: int):
    return (timezone.now() + timedelta(minutes=minutes)).replace(microsecond=0)


def _start_timer(workshop: Workshop) -> None:
    minutes = phase_minutes(workshop)
    workshop.phase_ends_at = _minutes_from_now(minutes) if minutes else None
    workshop.clock_paused_left = None


CLOCK_ACTIONS = ("start", "extend", "pause", "resume", "stop")


def _locked(workshop: Workshop, seen: str | None) -> Workshop:
    """The workshop's row, locked for this transaction. `seen` is the phase the facilitator's
    screen showed: when two facilitators press at once, the second finds it changed and is
    told so."""
    Workshop.objects.filter(pk=workshop.pk).update(seq=F("seq"))  # take the row's write lock
    current = Workshop.objects.get(pk=workshop.pk)
    if seen is not None and current.phase != seen:
        raise ValidationError(
            _("Another facilitator already moved the workshop to the phase “%(phase)s”.")
            % {"phase": current.get_phase_display()})
    return current


@transaction.atomic
def clock(workshop: Workshop, do: str, *, by, seen: str | None = None) -> Workshop:
    """The facilitator's clock for the phase that is on: start it (with the phase's minutes),
    give EXTRA_MINUTES more (from now, if it had run out), pause it (time stands still and
    nothing is refused for lack of it) and resume it with the time it had left, or stop it (no
    time limit). Sent to every screen as a phase event, so participants' countdowns follow."""
    require(by, Action.WORKSHOP_FACILITATE, workshop)
    if do not in CLOCK_ACTIONS:
        raise ValidationError(_("Unknown action."))
    current = _locked(workshop, seen)
    if current.phase not in TIMED_PHASES:
        raise ValidationError(_("Only ideation and voting have a clock."))
    if do == "start":
        if not phase_minutes(current):
            raise ValidationError(_("Set a time limit for this phase in the settings first."))
        _start_timer(current)
    elif do == "extend":
        if current.clock_paused_left is not None:
            current.clock_paused_left += EXTRA_MINUTES * 60
        elif current.phase_ends_at is None:
            raise ValidationError(_("The clock is not running."))
        else:
            base = max(current.phase_ends_at, timezone.now())
            current.phase_ends_at = (base + timedelta(minutes=EXTRA_MINUTES)).replace(
                microsecond=0)
    elif do == "pause":
        if current.phase_ends_at is None:
            raise ValidationError(_("The clock is not running."))
        left = (current.phase_ends_at - timezone.now()).total_seconds()
        if left <= 0:
            raise ValidationError(_("Time is already up: give more time or stop the clock."))
        current.clock_paused_left, current.phase_ends_at = math.ceil(left), None
    elif do == "resume":
        if current.clock_paused_left is None:
            raise ValidationError(_("The clock is not paused."))
        current.phase_ends_at = timezone.now().replace(microsecond=0) + timedelta(
            seconds=current.clock_paused_left)
        current.clock_paused_left = None
    else:
        current.phase_ends_at = current.clock_paused_left = None
    current.save(update_fields=["phase_ends_at", "clock_paused_left"])
    _emit(current, "phase", phase_data(current))
    workshop.__dict__.update({k: v for k, v in current.__dict__.items() if not k.startswith("_")})
    return current


@transaction.atomic
def set_phase(workshop: Workshop, to: str, *, by, seen: str | None = None) -> Workshop:
    """Move the workshop to another phase. `seen` is the phase the facilitator's screen showed:
    when two facilitators press at once, the second finds it changed and is told so."""
    require(by, Action.WORKSHOP_FACILITATE, workshop)
    if to not in Phase.values:
        raise ValidationError(_("Unknown phase."))
    current = _locked(workshop, seen)
    if current.phase == to:
        return current
    current.phase = to
    _start_timer(current)
    if to == Phase.RESULTS:
        current.results_revealed = current.results_revealed or False
    if to == Phase.CLOSED:
        current.closed_at = timezone.now()
    elif current.closed_at:  # reopened
        current.closed_at = None
        current.code_expires_at = timezone.now() + timedelta(days=CODE_DAYS)
    current.save()
    _emit(current, "phase", phase_data(current))
    workshop.__dict__.update({k: v for k, v in current.__dict__.items() if not k.startswith("_")})
    return current


def next_phase(phase: str) -> str | None:
    i = PHASE_ORDER.index(phase)
    return PHASE_ORDER[i + 1] if i + 1 < len(PHASE_ORDER) else None


@transaction.atomic
def reveal(workshop: Workshop, *, by, on: bool = True) -> None:
    require(by, Action.WORKSHOP_FACILITATE, workshop)
    Workshop.objects.filter(pk=workshop.pk).update(results_revealed=on)
    workshop.results_revealed = on
    _emit(workshop, "phase", phase_data(workshop))


def _item(workshop, item_id) -> Item:
    try:
        return Item.objects.select_for_update(of=("self",)).select_related("author__user").get(
            workshop=workshop, pk=item_id)
    except (Item.DoesNotExist, ValueError, TypeError):
        raise ValidationError(_("That item is no longer on the board.")) from None


@transaction.atomic
def moderate(workshop, item_id, *, by, hidden: bool | None = None, text: str | None = None,
             cluster_id=None, clear_cluster: bool = False) -> Item:
    """Hide or show, edit the text, or move an item into a cluster (facilitators)."""
    require(by, Action.WORKSHOP_FACILITATE, workshop)
    item = _item(workshop, item_id)
    if hidden is not None:
        item.hidden = hidden
    if text is not None:
        item.text = _clean_text(text, 500)
    if clear_cluster:
        item.cluster = None
    elif cluster_id:
        item.cluster = _cluster(workshop, cluster_id)
        item.prompt_id = item.cluster.prompt_id
    item.save()
    _emit_item(workshop, item)
    return item


@transaction.atomic
def merge(workshop, item_id, into_id, *, by) -> Item:
    """Fold one item into another: its +1s, comments and dots move to the kept item."""
    require(by, Action.WORKSHOP_FACILITATE, workshop)
    if str(item_id) == str(into_id):
        raise ValidationError(_("An item cannot be merged into itself."))
    item, into = _item(workshop, item_id), _item(workshop, into_id)
    if not item.on_board:  # a hidden item's text must not reach the board through a merge
        raise ValidationError(_("Only items on the board can be merged."))
    if not into.on_board:
        raise ValidationError(_("Merge into an item that is on the board."))
    for plus in PlusOne.objects.filter(item=item):
        if not PlusOne.objects.filter(item=into, participant_id=plus.participant_id).exists():
            plus.item = into
            plus.save(update_fields=["item"])
    Comment.objects.filter(item=item).update(item=into)
    Dot.objects.filter(item=item).update(item=into)
    Item.objects.filter(merged_into=item).update(merged_into=into)
    into.text = f"{into.text}\n+ {item.text}"[:2000]
    into.plus_count = PlusOne.objects.filter(item=into).count()
    into.comment_count = Comment.objects.filter(item=into).count()
    into.save()
    item.merged_into = into
    item.plus_count = item.comment_count = 0
    item.save()
    _emit_item(workshop, item)
    _emit_item(workshop, into)
    live_votes(workshop)
    return into


def _cluster(workshop, cluster_id) -> Cluster:
    try:
        return Cluster.objects.get(workshop=workshop, pk=cluster_id)
    except (Cluster.DoesNotExist, ValueError, TypeError):
        raise ValidationError(_("That cluster no longer exists.")) from None


@transaction.atomic
def save_cluster(workshop, *, by, title, prompt_id=None, cluster_id=None) -> Cluster:
    require(by, Action.WORKSHOP_FACILITATE, workshop)
    title = _clean_text(title, 120)
    if cluster_id:
        cluster = _cluster(workshop, cluster_id)
        cluster.title = title
        cluster.save(update_fields=["title"])
    else:
        prompt = workshop.prompts.filter(pk=prompt_id).first() or workshop.prompts.first()
        cluster = Cluster.objects.create(workshop=workshop, prompt=prompt, title=title,
                                         position=workshop.clusters.count())
    _emit(workshop, "cluster", {"id": cluster.pk, "prompt": cluster.prompt_id,
                                "title": cluster.title})
    return cluster


@transaction.atomic
def delete_cluster(workshop, cluster_id, *, by) -> None:
    require(by, Action.WORKSHOP_FACILITATE, workshop)
    cluster = _cluster(workshop, cluster_id)
    cluster.delete()  # its items stay on the board, unclustered
    _emit(workshop, "uncluster", {"id": int(cluster_id)})


@transaction.atomic
def promote(workshop, item_id, *, by):
    """Turn a board item into an idea in the organization's pipeline, with its provenance.

    The facilitator submits it. The participant is named only when the workshop was not
    anonymous and they took part signed in as a member of the organization (as co-author);
    an anonymous workshop's idea carries no trace of who wrote it."""
    require(by, Action.WORKSHOP_FACILITATE, workshop)
    item = _item(workshop, item_id)
    if item.idea_id:
        raise ValidationError(_("This item is already an idea in the pipeline."))
    if not item.on_board:
        raise ValidationError(_("Only items on the board can be taken forward."))
    dots = item.dots.count()
    title = item.text.split("\n", 1)[0].strip()
    if len(title) > 120:
        title = title[:117].rstrip() + "…"
    comments = "\n".join(f"– {c.text}" for c in item.comments.all())
    provenance = _("From the workshop “%(workshop)s”, prompt “%(prompt)s”: %(dots)s dots, "
                   "%(plus)s +1s.") % {"workshop": workshop.title, "prompt": item.prompt.text,
                                        "dots": dots, "plus": item.plus_count}
    proposal = item.text + (f"\n\n{_('Comments in the workshop:')}\n{comments}"
                            if comments else "")
    coauthors = []
    author = item.author
    if not workshop.anonymous and author and author.user_id and author.user_id != by.pk:
        coauthors = [author.user]
    idea = _create_idea(workshop.organization, by=by, title=title, problem=provenance,
                        proposal=proposal, coauthors=coauthors)
    item.idea = idea
    item.save(update_fields=["idea"])
    _emit_item(workshop, item)
    return idea


# --- participants -----------------------------------------------------------------------------

def join_problem(workshop: Workshop | None, user) -> str | None:
    """Why this person cannot join, in words for them — or None."""
    if workshop is None:
        return _("No workshop has that code. Check the code on the screen or in the invitation.")
    if workshop.is_closed:
        return _("This workshop has ended. Thank you for taking part!")
    if workshop.code_expires_at < timezone.now():
        return _("This join code has expired. Ask the facilitator for a new one.")
    if workshop.members_only or workshop.group_id:
        if not user.is_authenticated:
            return _("Sign in to join this workshop: it is for members only.")
        if workshop.group_id:
            if not (workshop.group.members.filter(pk=user.pk).exists()
                    or can(user, Action.GROUP_VIEW, workshop.group)):
                return _("This session is for the peer group's members.")
        elif not user.memberships.filter(organization_id=workshop.organization_id).exists():
            return _("This workshop is for the organization's members only.")
    return None


@transaction.atomic
def join(workshop: Workshop, *, user, nickname: str = "") -> Participant:
    problem = join_problem(workshop, user)
    if problem:
        raise PermissionDenied(problem)
    nickname = " ".join(nickname.split())[:40]
    if user.is_authenticated:
        seat, created = Participant.objects.get_or_create(
            workshop=workshop, user=user, defaults={"nickname": nickname})
        if not created and nickname and seat.nickname != nickname:
            seat.nickname = nickname
            seat.save(update_fields=["nickname"])
        return seat
    return Participant.objects.create(workshop=workshop, nickname=nickname)


def _clean_text(text: str, limit: int) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write something first."))
    if len(text) > limit:
        raise ValidationError(_("Keep it to %(limit)s characters (now %(count)s).")
                              % {"limit": limit, "count": len(text)})
    return text


def _require_phase(workshop: Workshop, *phases: str) -> None:
    if workshop.phase not in phases:
        messages = {
            Phase.IDEATE: _("Posting ideas is closed: the workshop has moved on."),
            Phase.VOTE: _("Voting is not open right now."),
        }
        raise ValidationError(messages.get(phases[0], _("Not possible in this phase.")))
    if time_is_up(workshop):
        if workshop.phase == Phase.VOTE:
            raise ValidationError(_("Time is up: voting has closed. Your dots are saved."))
        raise ValidationError(_("Time is up: no more ideas, +1s or comments now. The "
                                "facilitator can give more time."))


@transaction.atomic
def post_item(workshop, participant, *, text, prompt_id) -> Item:
    _require_phase(workshop, Phase.IDEATE)
    text = _clean_text(text, 500)
    prompt = workshop.prompts.filter(pk=prompt_id).first()
    if prompt is None:
        raise ValidationError(_("Choose the question you are answering."))
    item = Item.objects.create(workshop=workshop, prompt=prompt, author=participant, text=text)
    _emit_item(workshop, item)
    return item


@transaction.atomic
def plus_one(workshop, participant, item_id, *, on: bool = True) -> Item:
    _require_phase(workshop, Phase.IDEATE, Phase.GROUP)
    item = _item(workshop, item_id)
    if not item.on_board:
        raise ValidationError(_("That item is no longer on the board."))
    if on:
        try:
            with transaction.atomic():
                PlusOne.objects.create(item=item, participant=participant)
        except IntegrityError:
            return item  # already +1'd: pressing twice changes nothing
    else:
        PlusOne.objects.filter(item=item, participant=participant).delete()
    item.plus_count = PlusOne.objects.filter(item=item).count()
    item.save(update_fields=["plus_count"])
    _emit_item(workshop, item)
    return item


@transaction.atomic
def comment(workshop, participant, item_id, *, text) -> Comment:
    _require_phase(workshop, Phase.IDEATE, Phase.GROUP)
    text = _clean_text(text, 500)
    item = _item(workshop, item_id)
    if not item.on_board:
        raise ValidationError(_("That item is no longer on the board."))
    made = Comment.objects.create(item=item, author=participant, text=text)
    item.comment_count = F("comment_count") + 1
    item.save(update_fields=["comment_count"])
    item.refresh_from_db()
    _emit_item(workshop, item)
    return made


def dots_left(workshop, participant) -> int:
    return workshop.dots_per_participant - Dot.objects.filter(participant=participant).count()


def my_dots(participant) -> dict[int, int]:
    rows = Dot.objects.filter(participant=participant).values("item").annotate(n=Count("id"))
    return {row["item"]: row["n"] for row in rows}


def vote(workshop, participant, item_id, *, add: bool = True) -> int:
    """Put one dot on an item, or take one back; returns the dots the participant has left."""
    return cast_dot(workshop.pk, participant.pk, item_id, add=add)


# The rules of voting in one statement each, so that the write lock (SQLite: the whole
# database's) is held for microseconds: 2,000 people voting within a minute queue on it.
# The statement writes nothing unless the workshop is in the vote phase with time left, the item
# is on its board, the seat is the workshop's and the allowances hold; `_why_not` then says
# which rule stopped it.
_ADD_DOT = """
    INSERT INTO workshops_dot (workshop_id, item_id, participant_id, created_at)
    SELECT w.id, i.id, p.id, %(now)s
    FROM workshops_workshop w
    JOIN workshops_item i ON i.workshop_id = w.id
    JOIN workshops_participant p ON p.workshop_id = w.id
    WHERE w.id = %(workshop)s AND i.id = %(item)s AND p.id = %(seat)s
      AND w.phase = 'vote' AND (w.phase_ends_at IS NULL OR w.phase_ends_at > %(now)s)
      AND NOT i.hidden AND i.merged_into_id IS NULL
      AND (SELECT COUNT(*) FROM workshops_dot d WHERE d.participant_id = p.id)
          < w.dots_per_participant
      AND (SELECT COUNT(*) FROM workshops_dot d
           WHERE d.participant_id = p.id AND d.item_id = i.id) < w.max_dots_per_item
"""
_TAKE_DOT = """
    DELETE FROM workshops_dot WHERE id = (
        SELECT MAX(d.id) FROM workshops_dot d
        JOIN workshops_workshop w ON w.id = d.workshop_id
        WHERE d.workshop_id = %(workshop)s AND d.participant_id = %(seat)s
          AND d.item_id = %(item)s
          AND w.phase = 'vote' AND (w.phase_ends_at IS NULL OR w.phase_ends_at > %(now)s))
"""
_LOCK_SEAT = "SELECT id FROM workshops_participant WHERE id = %(seat)s FOR UPDATE"
_LEFT_BEFORE = """
    RETURNING (SELECT w.dots_per_participant FROM workshops_workshop w
               WHERE w.id = %(workshop)s)
              - (SELECT COUNT(*) FROM workshops_dot d WHERE d.participant_id = %(seat)s)
"""
_DOTS_LEFT = """
    SELECT w.dots_per_participant - (SELECT COUNT(*) FROM workshops_dot d
                                     WHERE d.participant_id = %(seat)s)
    FROM workshops_workshop w WHERE w.id = %(workshop)s
"""


def cast_dot(workshop_id: int, participant_id: int, item_id, *, add: bool = True) -> int:
    """`vote` by ids, for the live endpoint that has nothing loaded: the seat must be the
    workshop's. Returns the dots left; ValidationError (in the active language) when a rule
    stops it."""
    try:
        item_id = int(item_id)
    except (TypeError, ValueError):
        item_id = 0
    if not 0 < item_id < 2**63:  # beyond any id (SQLite cannot even bind it)
        raise ValidationError(_("That item is no longer on the board."))
    args = {"workshop": workshop_id, "seat": participant_id, "item": item_id,
            "now": connection.ops.adapt_datetimefield_value(timezone.now())}
    change = _ADD_DOT if add else _TAKE_DOT
    left = None
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The seat's lock and the change travel as one message, which PostgreSQL runs as
            # one transaction, each statement seeing what was committed before it started:
            # two dots from one person at the same moment are counted one after the other.
            # RETURNING sees the dots as they were before the change.
            cursor.execute(f"{_LOCK_SEAT}; {change} {_LEFT_BEFORE} {'-' if add else '+'} 1",
                           args)
            cursor.nextset()
            row = cursor.fetchone()
            left = None if row is None else row[0]
        else:
            # SQLite: the IMMEDIATE transaction holds the database's write lock throughout,
            # so it ends before anything else is read.
            with transaction.atomic():
                cursor.execute(change, args)
                if cursor.rowcount == 1:
                    cursor.execute(_DOTS_LEFT, args)
                    left = cursor.fetchone()[0]
    if left is None:
        raise _why_not(workshop_id, participant_id, item_id, add)
    transaction.on_commit(lambda: live.notify(workshop_id, "v"))  # at once outside a transaction
    return left


def _why_not(workshop_id, participant_id, item_id, add) -> Exception:
    """The rule that stopped a dot, as the error to show (only read when one did)."""
    workshop = Workshop.objects.filter(pk=workshop_id).first()
    if workshop is None or not Participant.objects.filter(
            pk=participant_id, workshop=workshop).exists():
        return PermissionDenied(_("Join the workshop first."))
    try:
        _require_phase(workshop, Phase.VOTE)
    except ValidationError as error:
        return error
    item = Item.objects.filter(workshop=workshop, pk=item_id).first()
    if item is None or (add and not item.on_board):
        return ValidationError(_("That item is no longer on the board."))
    if not add:
        return ValidationError(_("You have no dot on that item."))
    mine = Dot.objects.filter(participant_id=participant_id)
    if mine.count() >= workshop.dots_per_participant:
        return ValidationError(_("You have used all your %(n)s dots. Take one back to move "
                                 "it.") % {"n": workshop.dots_per_participant})
    if mine.filter(item_id=item_id).count() >= workshop.max_dots_per_item:
        return ValidationError(_("At most %(n)s dots on one item.")
                               % {"n": workshop.max_dots_per_item})
    # Nothing stops it now: something changed at the same moment (a dot taken back).
    return ValidationError(_("That did not go through because something changed at the same "
                             "moment. Try again."))


def live_votes(workshop) -> None:
    transaction.on_commit(lambda: live.notify(workshop.pk, "v"))


# --- reads ------------------------------------------------------------------------------------

def totals(workshop) -> dict[int, int]:
    rows = (Dot.objects.filter(workshop=workshop).values("item")
            .annotate(n=Count("id")).order_by())
    return {row["item"]: row["n"] for row in rows}


def ranked_items(workshop, *, hidden: bool = False):
    """Results: items on the board, most dots first (then +1s, then oldest); with `hidden`,
    the facilitators' view, hidden items too."""
    counts = totals(workshop)
    items = workshop.items.filter(merged_into__isnull=True)
    if not hidden:
        items = items.filter(hidden=False)
    items = list(items
                 .select_related("prompt", "cluster", "author__user", "idea"))
    for item in items:
        item.dot_count = counts.get(item.pk, 0)
    # Hidden items (the facilitators' view) come after everything on the board.
    items.sort(key=lambda i: (i.hidden, -i.dot_count, -i.plus_count, i.created_at, i.pk))
    number_ranks(items)
    return items


def number_ranks(items) -> None:
    """Give each item on the board its place in the results (`item.rank`, 1 = most dots), in
    the order given; hidden items get none."""
    place = 0
    for item in items:
        if item.on_board:
            place += 1
            item.rank = place
        else:
            item.rank = None


class ClusterGroup:
    """One cluster of a prompt's results, or (cluster None) the items in no cluster."""

    def __init__(self, cluster, items, *, heading=True):
        self.cluster = cluster
        self.items = items
        self.total = sum(getattr(i, "dot_count", 0) for i in items if i.on_board)
        self.heading = heading  # False: no clusters at all, a plain list needs no heading

    @property
    def title(self) -> str:
        return self.cluster.title if self.cluster else ""


def cluster_groups(items, clusters) -> list[ClusterGroup]:
    """One prompt's ranked items under their clusters: the clusters with the most dots first
    (a tie: the one holding the better-placed item), then the items in no cluster. Within a
    group the items keep the order they came in, so each keeps its place number."""
    known = {c.pk: c for c in clusters}
    in_cluster: dict[int, list] = {}
    loose = []
    for item in items:
        if item.cluster_id in known:
            in_cluster.setdefault(item.cluster_id, []).append(item)
        else:
            loose.append(item)
    groups = [ClusterGroup(known[pk], members) for pk, members in in_cluster.items()]
    groups.sort(key=lambda g: -g.total)  # stable: ties stay in the order of their best item
    if loose:
        groups.append(ClusterGroup(None, loose, heading=bool(groups)))
    return groups


def results_by_prompt(workshop, items, clusters=None):
    """[(prompt, [ClusterGroup, ...]), ...] for the ranked `items` of every prompt."""
    clusters = list(workshop.clusters.all()) if clusters is None else clusters
    out = []
    for prompt in workshop.prompts.all():
        out.append((prompt, cluster_groups([i for i in items if i.prompt_id == prompt.pk],
                                           [c for c in clusters if c.prompt_id == prompt.pk])))
    return out


def events_after(workshop_id: int, after: int, *, facilitator: bool, limit: int = 500):
    rows = Event.objects.filter(workshop_id=workshop_id, seq__gt=after)
    if not facilitator:
        rows = rows.filter(audience=Audience.EVERYONE)
    return [{"seq": e.seq, "kind": e.kind, "data": e.payload}
            for e in rows.order_by("seq")[:limit]]
