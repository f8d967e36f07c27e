"""Assigning evaluators and recording their private scores."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuuma.ideas.actions import start_evaluation
from tuuma.notifications.actions import notify
from tuuma.organizations.permissions import Action, require

from .models import Assignment, Criterion, Score


@transaction.atomic
def assign_evaluators(idea, *, by, evaluators) -> list[Assignment]:
    require(by, Action.IDEA_ASSIGN, idea)
    evaluators = list(evaluators)
    members = [e for e in evaluators
               if e.memberships.filter(organization_id=idea.organization_id).exists()]
    if len(members) != len(evaluators):
        raise ValidationError(_("Evaluators must be members of the organization."),
                              code="not_member")
    if not members:
        raise ValidationError(_("Choose at least one evaluator."), code="required")
    start_evaluation(idea, by=by)
    created = []
    for person in members:
        assignment, new = Assignment.objects.get_or_create(
            idea=idea, evaluator=person, defaults={"assigned_by": by})
        if new:
            created.append(assignment)
    notify([a.evaluator for a in created], idea=idea, kind="assigned",
           params={"title": idea.title}, exclude=by)
    return created


@transaction.atomic
def remove_evaluator(assignment, *, by) -> None:
    require(by, Action.IDEA_ASSIGN, assignment.idea)
    if assignment.submitted_at:
        raise ValidationError(_("A submitted evaluation cannot be removed."), code="submitted")
    assignment.delete()


@transaction.atomic
def submit_evaluation(assignment, *, by, scores: dict[int, int], comment: str = "") -> Assignment:
    """Scores are {criterion id: value}; every active criterion must have a value in scale."""
    idea = assignment.idea
    if assignment.evaluator_id != by.pk:
        require(by, Action.IDEA_VIEW, idea)
        raise PermissionDenied
    require(by, Action.IDEA_EVALUATE, idea)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.submitted_at:
        raise ValidationError(_("This evaluation has already been submitted."), code="submitted")
    criteria = list(Criterion.objects.filter(organization=idea.organization, active=True))
    errors = {}
    for c in criteria:
        value = scores.get(c.pk)
        if value is None or not c.scale_min <= value <= c.scale_max:
            errors[f"criterion_{c.pk}"] = _("Give a score from %(min)s to %(max)s.") % {
                "min": c.scale_min, "max": c.scale_max}
    if errors:
        raise ValidationError(errors)
    Score.objects.bulk_create(Score(assignment=assignment, criterion=c, value=scores[c.pk])
                              for c in criteria)
    assignment.comment = comment
    assignment.submitted_at = timezone.now()
    assignment.save()
    notify([assignment.assigned_by], idea=idea, kind="evaluated",
           params={"title": idea.title}, exclude=by)
    return assignment


@transaction.atomic
def save_criterion(organization, *, by, criterion: Criterion) -> Criterion:
    require(by, Action.ORG_MANAGE, organization)
    criterion.organization = organization
    criterion.full_clean()
    criterion.save()
    return criterion
