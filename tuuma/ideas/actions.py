"""Every write to ideas goes through these functions.

Each one checks permission with the resolver, writes in one transaction, records the audit
trail and notifies the people concerned. Views, the API and the CLI only validate input.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tuuma.notifications.actions import notify
from tuuma.organizations.permissions import Action, require

from .models import (
    ANSWERED,
    Attachment,
    Comment,
    Draft,
    Follow,
    Idea,
    Status,
    StatusChange,
    Support,
)

# Which status may follow which. Deciding always needs a reason the author will read.
TRANSITIONS = {
    Status.SUBMITTED: {Status.IN_EVALUATION, Status.ACCEPTED, Status.PARKED, Status.DECLINED,
                       Status.MERGED},
    Status.IN_EVALUATION: {Status.ACCEPTED, Status.PARKED, Status.DECLINED, Status.MERGED},
    Status.ACCEPTED: {Status.IMPLEMENTED, Status.PARKED, Status.DECLINED},
    Status.PARKED: {Status.IN_EVALUATION, Status.ACCEPTED, Status.DECLINED},
    Status.DECLINED: set(),
    Status.IMPLEMENTED: set(),
    Status.MERGED: set(),
}
DECISIONS = (Status.ACCEPTED, Status.PARKED, Status.DECLINED, Status.IMPLEMENTED)


def _lock(idea: Idea) -> Idea:
    return Idea.objects.select_for_update().get(pk=idea.pk)


def _transition(idea: Idea, to: Status, *, by, reason: str = "") -> None:
    if to not in TRANSITIONS[Status(idea.status)]:
        raise ValidationError(
            _("An idea that is %(from)s cannot become %(to)s.")
            % {"from": Status(idea.status).label, "to": to.label}, code="bad_transition")
    StatusChange.objects.create(idea=idea, from_status=idea.status, to_status=to, by=by,
                                reason=reason)
    idea.status = to
    if to in ANSWERED and idea.answered_at is None:
        idea.answered_at = timezone.now()
    notify([idea.author, *idea.coauthors.all(), *(f.user for f in idea.follows.select_related(
        "user"))], idea=idea, kind="status", params={"title": idea.title, "status": str(to)},
        exclude=by)


def _members(people, organization, *, besides):
    """Co-authors must be members of the idea's organization (and not the author again)."""
    return [p for p in people if p.pk != besides.pk
            and p.memberships.filter(organization=organization).exists()]


def submit_idea(organization, *, by, files=(), **fields) -> Idea:
    """Create the idea with its attachments, all or nothing: when anything fails, the files
    already written to storage are removed with the rolled-back rows."""
    stored: list[str] = []
    try:
        with transaction.atomic():
            idea = _create_idea(organization, by=by, **fields)
            for upload in files:
                stored.append(add_attachment(idea, by=by, upload=upload).file.name)
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise
    return idea


def _create_idea(organization, *, by, title, problem, proposal, beneficiaries="both",
                 units=(), coauthors=(), hide_author=False) -> Idea:
    require(by, Action.IDEA_SUBMIT, organization)
    now = timezone.now()
    idea = Idea.objects.create(
        organization=organization, author=by, title=title, problem=problem, proposal=proposal,
        beneficiaries=beneficiaries, hide_author=hide_author, created_at=now,
        due_at=now + timedelta(days=organization.response_days),
    )
    idea.units.set([u for u in units if u.organization_id == organization.pk])
    idea.coauthors.set(_members(coauthors, organization, besides=by))
    StatusChange.objects.create(idea=idea, from_status="", to_status=Status.SUBMITTED, by=by,
                                at=now)
    Follow.objects.create(idea=idea, user=by)
    Draft.objects.filter(user=by, organization=organization).delete()
    return idea


@transaction.atomic
def edit_idea(idea, *, by, **fields) -> Idea:
    require(by, Action.IDEA_EDIT, idea)
    units = fields.pop("units", None)
    coauthors = fields.pop("coauthors", None)
    for name, value in fields.items():
        setattr(idea, name, value)
    idea.save()
    if units is not None:
        idea.units.set([u for u in units if u.organization_id == idea.organization_id])
    if coauthors is not None:
        idea.coauthors.set(_members(coauthors, idea.organization, besides=idea.author))
    return idea


def add_attachment(idea, *, by, upload) -> Attachment:
    """`upload` must already be checked by forms.validate_upload (size and real type)."""
    attachment = Attachment(idea=idea, original_name=upload.name[:200],
                            content_type=upload.checked_type, size=upload.size, uploaded_by=by)
    attachment.file.save(upload.name, upload, save=False)
    try:
        attachment.save()
    except BaseException:
        attachment.file.delete(save=False)  # no file without its row
        raise
    return attachment


def save_draft(organization, *, by, data: dict) -> Draft:
    require(by, Action.IDEA_SUBMIT, organization)
    draft, _created = Draft.objects.update_or_create(
        user=by, organization=organization, defaults={"data": data})
    return draft


@transaction.atomic
def add_comment(idea, *, by, body) -> Comment:
    require(by, Action.IDEA_COMMENT, idea)
    comment = Comment.objects.create(idea=idea, author=by, body=body)
    Idea.objects.filter(pk=idea.pk).update(comment_count=F("comment_count") + 1)
    Follow.objects.get_or_create(idea=idea, user=by)
    notify([idea.author, *(f.user for f in idea.follows.select_related("user"))], idea=idea,
           kind="comment", params={"title": idea.title}, exclude=by)
    return comment


def set_support(idea, *, by, on: bool) -> bool:
    """Support once per person. The unique constraint and F() keep the count exact."""
    require(by, Action.IDEA_SUPPORT, idea)
    try:
        with transaction.atomic():
            if on:
                Support.objects.create(idea=idea, user=by)
                Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") + 1)
            else:
                deleted, _rows = Support.objects.filter(idea=idea, user=by).delete()
                if deleted:
                    Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") - 1)
    except IntegrityError:
        return False  # already supported
    return True


def set_follow(idea, *, by, on: bool) -> None:
    require(by, Action.IDEA_FOLLOW, idea)
    if on:
        Follow.objects.get_or_create(idea=idea, user=by)
    else:
        Follow.objects.filter(idea=idea, user=by).delete()


@transaction.atomic
def decide(idea, *, by, outcome: Status, reason: str, parked_until=None) -> Idea:
    """Accept, park, decline or mark implemented, with the reason the author will read."""
    require(by, Action.IDEA_DECIDE, idea)
    idea = _lock(idea)
    outcome = Status(outcome)
    reason = (reason or "").strip()
    if outcome not in DECISIONS:
        raise ValidationError(_("Choose a decision."), code="bad_outcome")
    if not reason and outcome != Status.IMPLEMENTED:
        raise ValidationError(_("Write the reason for the decision: the author will read it."),
                              code="reason_required")
    if outcome == Status.PARKED:
        if not parked_until:
            raise ValidationError(_("A parked idea needs a revisit date."), code="date_required")
        if parked_until <= timezone.localdate():
            raise ValidationError(_("The revisit date must be in the future."), code="past_date")
    _transition(idea, outcome, by=by, reason=reason)
    idea.parked_until = parked_until if outcome == Status.PARKED else None
    if reason:
        idea.decision_reason = reason
    idea.decided_by = by
    idea.save()
    return idea


@transaction.atomic
def start_evaluation(idea, *, by) -> Idea:
    require(by, Action.IDEA_ASSIGN, idea)
    idea = _lock(idea)
    if idea.status != Status.IN_EVALUATION:
        _transition(idea, Status.IN_EVALUATION, by=by)
        idea.save()
    return idea


@transaction.atomic
def merge(idea, *, into: Idea, by, reason: str = "") -> Idea:
    """Close a duplicate: supporters and followers carry over to the idea it joins."""
    require(by, Action.IDEA_MERGE, idea)
    if into.pk == idea.pk or into.organization_id != idea.organization_id:
        raise ValidationError(_("Choose another idea of the same organization."), code="bad_merge")
    # Lock both, in a fixed order, and look again: two ideas merged into each other at the same
    # moment must not end up pointing at each other.
    locked = {i.pk: i for i in Idea.objects.select_for_update()
              .filter(pk__in=[idea.pk, into.pk]).order_by("pk")}
    idea, into = locked[idea.pk], locked[into.pk]
    if into.status == Status.MERGED:
        raise ValidationError(_("That idea is itself merged; choose the idea it was merged into."),
                              code="bad_merge")
    _transition(idea, Status.MERGED, by=by,
                reason=reason or _("Merged into “%(title)s”.") % {"title": into.title})
    idea.merged_into = into
    idea.decision_reason = reason or _("Merged into “%(title)s”.") % {"title": into.title}
    idea.decided_by = by
    idea.save()
    for user_id in idea.follows.values_list("user_id", flat=True):
        Follow.objects.get_or_create(idea=into, user_id=user_id)
    for user_id in idea.supports.values_list("user_id", flat=True):
        if user_id != into.author_id:
            _s, created = Support.objects.get_or_create(idea=into, user_id=user_id)
            if created:
                Idea.objects.filter(pk=into.pk).update(support_count=F("support_count") + 1)
    return idea

