"""Everything that changes a development act goes through here, after a permission check."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tuuma.ideas.models import Status as IdeaStatus
from tuuma.notifications.actions import notify
from tuuma.organizations.models import Membership
from tuuma.organizations.permissions import Action, can, require
from tuuma.search.index import catalogue_changed

from .models import (
    TEXT_FIELDS,
    Act,
    ActFile,
    ActTranslation,
    ActUpdate,
    Adoption,
    Contact,
    Metric,
    Visibility,
)

SIMPLE_FIELDS = (*TEXT_FIELDS, "status", "start", "end", "language", "source_url")
RELATED_FIELDS = ("themes", "sectors", "units", "origin_ideas", "authors")


def _check_dates(act):
    if act.start and act.end and act.end < act.start:
        raise ValidationError({"end": _("The end date cannot be before the start date.")})


def _set_related(act, related: dict):
    org = act.organization
    for name, values in related.items():
        if values is None:
            continue
        values = list(values)
        if name == "units":
            values = [u for u in values if u.organization_id == org.pk]
        elif name == "origin_ideas":
            values = [i for i in values if i.organization_id == org.pk]
        elif name == "authors":
            values = [p for p in values if p.memberships.filter(organization=org).exists()]
        getattr(act, name).set(values)


@transaction.atomic
def create_act(organization, *, by, **fields) -> Act:
    """A new act, internal to the organization until it is published."""
    require(by, Action.ACT_CREATE, organization)
    related = {name: fields.pop(name, None) for name in RELATED_FIELDS}
    unknown = set(fields) - set(SIMPLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown act fields: {sorted(unknown)}")
    act = Act(organization=organization, created_by=by, **fields)
    _check_dates(act)
    act.full_clean(exclude=["slug"])
    act.save()
    related["authors"] = [by, *(related["authors"] or [])]
    _set_related(act, related)
    return act


@transaction.atomic
def create_from_idea(idea, *, by) -> Act:
    """One step from an accepted idea: its texts and authors carry over."""
    require(by, Action.ACT_CREATE, idea.organization)
    require(by, Action.IDEA_VIEW, idea)
    if idea.status not in (IdeaStatus.ACCEPTED, IdeaStatus.IMPLEMENTED):
        raise ValidationError(_("Only an accepted or implemented idea can become an act."),
                              code="not_accepted")
    summary = idea.proposal if len(idea.proposal) <= 1000 else idea.proposal[:999] + "…"
    return create_act(
        idea.organization, by=by, title=idea.title, summary=summary,
        need_and_goals=idea.problem, solution=idea.proposal,
        units=idea.units.all(), origin_ideas=[idea], authors=idea.contributors())


@transaction.atomic
def edit_act(act, *, by, **fields) -> Act:
    require(by, Action.ACT_EDIT, act)
    related = {name: fields.pop(name, None) for name in RELATED_FIELDS}
    for name, value in fields.items():
        if name not in SIMPLE_FIELDS:
            raise TypeError(f"unknown act field: {name}")
        setattr(act, name, value)
    _check_dates(act)
    act.full_clean(exclude=["slug"])
    act.save()
    _set_related(act, related)
    return act


@transaction.atomic
def save_translation(act, *, by, language, **texts) -> ActTranslation | None:
    """Add or replace the act's texts in another language; an empty title removes it."""
    require(by, Action.ACT_EDIT, act)
    if language == act.language:
        raise ValidationError(_("The act is already written in this language."))
    if not texts.get("title"):
        act.translations.filter(language=language).delete()
        return None
    translation, _created = ActTranslation.objects.update_or_create(
        act=act, language=language, defaults={f: texts.get(f, "") for f in TEXT_FIELDS})
    return translation


def can_delete(act) -> bool:
    """Only a draft that was never in the catalogue: a published act keeps its address for
    good (links to it must not break), so it is withdrawn instead."""
    return act.visibility == Visibility.INTERNAL and act.published_at is None


@transaction.atomic
def delete_act(act, *, by) -> None:
    require(by, Action.ACT_EDIT, act)
    if not can_delete(act):
        raise ValidationError(_("A published act keeps its address for good: withdraw it "
                                "from the catalogue instead."), code="published")
    names = [f.file.name for f in act.files.all()]
    act.delete()
    transaction.on_commit(lambda: [default_storage.delete(n) for n in names])


def _editors(act):
    """Who approves the organization's acts for the catalogue."""
    return [m.user for m in Membership.objects.filter(organization=act.organization)
            .filter(Q(is_admin=True) | Q(is_editor=True)).select_related("user")]


@transaction.atomic
def request_publishing(act, *, by) -> Act:
    """The team asks to publish; admins and editors approve. They publish directly."""
    require(by, Action.ACT_EDIT, act)
    if act.is_public:
        return act
    if can(by, Action.ACT_PUBLISH, act):
        return publish(act, by=by)
    act.visibility = Visibility.PENDING
    act.save(update_fields=["visibility", "updated_at"])
    notify(_editors(act), act=act, kind="publish_request", params={"title": act.title},
           exclude=by)
    return act


@transaction.atomic
def publish(act, *, by) -> Act:
    require(by, Action.ACT_PUBLISH, act)
    if not act.title or not (act.summary or act.need_and_goals or act.solution):
        raise ValidationError(_("Write at least a summary or the need and the solution "
                                "before publishing."), code="too_empty")
    act.visibility = Visibility.PUBLIC
    act.published_at = act.published_at or timezone.now()
    act.published_by = by
    act.save(update_fields=["visibility", "published_at", "published_by", "updated_at"])
    notify(act.authors.all(), act=act, kind="published", params={"title": act.title},
           exclude=by)
    return act


@transaction.atomic
def withdraw(act, *, by) -> Act:
    """Back to internal (or a publishing request turned down). The address stays reserved."""
    require(by, Action.ACT_PUBLISH, act)
    was = act.visibility
    act.visibility = Visibility.INTERNAL
    act.save(update_fields=["visibility", "updated_at"])
    if was != Visibility.INTERNAL:  # the team hears that it is not (or no longer) published
        notify(act.authors.all(), act=act, kind="unpublished", params={"title": act.title},
               exclude=by)
    return act


def adopting_organizations(user, act):
    """The organizations on whose behalf the person may adopt the act."""
    return [m.organization for m in user.memberships.select_related("organization")
            .exclude(organization_id=act.organization_id)]


def adopt(act, *, by, organization, note="", create_linked_act=False) -> Adoption:
    """Another organization adopts a public act; the original team is told."""
    require(by, Action.ACT_ADOPT, act)
    if organization not in adopting_organizations(by, act):
        raise PermissionDenied
    try:
        with transaction.atomic():
            adoption = Adoption.objects.create(act=act, organization=organization, by=by,
                                               note=note)
            Act.objects.filter(pk=act.pk).update(adoption_count=F("adoption_count") + 1)
            catalogue_changed()  # the count shows on the catalogue's kept pages
            if create_linked_act:
                linked = Act.objects.create(
                    organization=organization, title=act.title, summary=act.summary,
                    need_and_goals=act.need_and_goals, solution=act.solution,
                    language=act.language, adopted_from=act, created_by=by,
                    status="planned")
                linked.authors.add(by)
                linked.themes.set(act.themes.all())
                linked.sectors.set(act.sectors.all())
                adoption.linked_act = linked
                adoption.save(update_fields=["linked_act"])
    except IntegrityError:
        raise ValidationError(_("%(org)s has already adopted this act.")
                              % {"org": organization.name}, code="already") from None
    team = [*act.authors.all(), *(c.user for c in act.contacts.all() if c.user_id)]
    # An imported act often has no team in the system: its organization's admins and
    # catalogue editors then hear it, so that an adoption never goes unnoticed.
    notify(team or _editors(act), act=act, kind="adopted",
           params={"title": act.title, "org": organization.name}, exclude=by)
    return adoption


def may_withdraw_adoption(user, adoption) -> bool:
    """The person who marked the adoption, or anyone who documents acts for the adopting
    organization, may take it back."""
    if not user.is_authenticated:
        return False
    if adoption.by_id == user.pk and user.memberships.filter(
            organization_id=adoption.organization_id).exists():
        return True
    return can(user, Action.ACT_CREATE, adoption.organization)


@transaction.atomic
def withdraw_adoption(adoption, *, by) -> None:
    """"We are no longer adopting this": the count goes down; a linked act of their own stays
    theirs."""
    if not may_withdraw_adoption(by, adoption):
        raise PermissionDenied
    if Adoption.objects.filter(pk=adoption.pk).delete()[0]:
        Act.objects.filter(pk=adoption.act_id).update(adoption_count=F("adoption_count") - 1)
        catalogue_changed()


@transaction.atomic
def add_update(act, *, by, body) -> ActUpdate:
    require(by, Action.ACT_EDIT, act)
    return ActUpdate.objects.create(act=act, author=by, body=body)


@transaction.atomic
def edit_update(update, *, by, body) -> ActUpdate:
    """Correct a diary entry; the entry keeps its date and shows that it was edited."""
    require(by, Action.ACT_EDIT, update.act)
    update.body = body
    update.edited_at = timezone.now()
    update.save(update_fields=["body", "edited_at"])
    return update


@transaction.atomic
def remove_update(update, *, by) -> None:
    require(by, Action.ACT_EDIT, update.act)
    update.delete()


@transaction.atomic
def set_contacts(act, *, by, contacts: list[dict]) -> list[Contact]:
    """Replace the contacts. A person listed twice (same e-mail or same user) is one."""
    require(by, Action.ACT_EDIT, act)
    act.contacts.all().delete()
    seen, rows = set(), []
    for order, c in enumerate(contacts):
        key = (c.get("email") or "").lower() or (c.get("user") and c["user"].pk) or c["name"]
        if key in seen:
            continue
        seen.add(key)
        rows.append(Contact(act=act, order=order, **c))
    return Contact.objects.bulk_create(rows)


@transaction.atomic
def set_metrics(act, *, by, metrics: list[dict]) -> list[Metric]:
    require(by, Action.ACT_EDIT, act)
    act.metrics.all().delete()
    return Metric.objects.bulk_create(Metric(act=act, **m) for m in metrics)


def add_file(act, *, by, upload, description="") -> ActFile:
    """`upload` must already be checked by core.uploads.validate_upload."""
    require(by, Action.ACT_EDIT, act)
    item = ActFile(act=act, original_name=upload.name[:200], content_type=upload.checked_type,
                   size=upload.size, description=description, uploaded_by=by)
    item.file.save(upload.name, upload, save=False)
    try:
        item.save()
    except BaseException:
        default_storage.delete(item.file.name)
        raise
    return item



@transaction.atomic
def edit_file(item, *, by, description) -> ActFile:
    require(by, Action.ACT_EDIT, item.act)
    if item.is_image and not description:
        raise ValidationError(_("Describe the image for people who cannot see it."),
                              code="required")
    item.description = description
    item.save(update_fields=["description"])
    return item


@transaction.atomic
def remove_file(item, *, by) -> None:
    """The stored file goes only once the row is gone for good (after the commit)."""
    require(by, Action.ACT_EDIT, item.act)
    name = item.file.name
    item.delete()
    transaction.on_commit(lambda: default_storage.delete(name))
