"""The one permission resolver: "may this person do this to this object?".

Views, forms, the CLI and the action functions all ask `can()`. Roles live on the person's
membership in the object's organization; platform admins may do everything.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Membership, Organization
from .roles import Role


class Action(StrEnum):
    ORG_VIEW = "org.view"
    ORG_MANAGE = "org.manage"  # people, units, roles, rubric, promise
    ORG_PARTICIPATION = "org.participation"  # participation figures
    ORG_WAITING = "org.waiting"  # the overdue list by unit
    IDEA_SUBMIT = "idea.submit"
    IDEA_VIEW = "idea.view"
    IDEA_EDIT = "idea.edit"
    IDEA_SEE_AUTHOR = "idea.see_author"
    IDEA_COMMENT = "idea.comment"
    IDEA_SUPPORT = "idea.support"
    IDEA_FOLLOW = "idea.follow"
    IDEA_ASSIGN = "idea.assign"  # assign evaluators, start evaluation
    IDEA_SEE_EVALUATIONS = "idea.see_evaluations"
    IDEA_EVALUATE = "idea.evaluate"
    IDEA_DECIDE = "idea.decide"
    IDEA_MERGE = "idea.merge"
    ACT_CREATE = "act.create"  # on an organization: document a development act
    ACT_VIEW = "act.view"  # public acts: anyone; internal ones: the organization
    ACT_EDIT = "act.edit"  # texts, contacts, metrics, files, diary, asking to publish
    ACT_PUBLISH = "act.publish"  # approve for the public catalogue, or withdraw
    ACT_ADOPT = "act.adopt"  # a member of another organization: "we are adopting this"
    WORKSHOP_CREATE = "workshop.create"  # on an organization: run a workshop or a peer group
    WORKSHOP_FACILITATE = "workshop.facilitate"  # phases, moderation, results, exports
    GROUP_VIEW = "group.view"  # a peer group's page, its sessions and notes
    GROUP_MANAGE = "group.manage"  # members, new sessions


# Which roles in the organization grant an action on the organization or on its ideas.
GRANTS: dict[Action, set[Role]] = {
    Action.ORG_VIEW: {Role.EMPLOYEE},
    Action.ORG_MANAGE: {Role.ADMIN},
    Action.ORG_PARTICIPATION: {Role.STEWARD, Role.ADMIN, Role.DECIDER, Role.DEVELOPER},
    Action.ORG_WAITING: {Role.DEVELOPER, Role.DECIDER, Role.ADMIN, Role.STEWARD},
    Action.IDEA_SUBMIT: {Role.EMPLOYEE},
    Action.IDEA_VIEW: {Role.EMPLOYEE},
    Action.IDEA_EDIT: {Role.DEVELOPER},
    Action.IDEA_SEE_AUTHOR: {Role.DEVELOPER, Role.DECIDER},
    Action.IDEA_COMMENT: {Role.EMPLOYEE},
    Action.IDEA_SUPPORT: {Role.EMPLOYEE},
    Action.IDEA_FOLLOW: {Role.EMPLOYEE},
    Action.IDEA_ASSIGN: {Role.DEVELOPER},
    Action.IDEA_SEE_EVALUATIONS: {Role.DEVELOPER, Role.DECIDER},
    Action.IDEA_EVALUATE: set(),  # only assigned evaluators, see below
    Action.IDEA_DECIDE: {Role.DECIDER},
    Action.IDEA_MERGE: {Role.DEVELOPER, Role.DECIDER},
    Action.ACT_CREATE: {Role.DEVELOPER, Role.DECIDER, Role.ADMIN, Role.EDITOR},
    Action.ACT_VIEW: {Role.EMPLOYEE},
    Action.ACT_EDIT: {Role.DEVELOPER, Role.ADMIN, Role.EDITOR},
    Action.ACT_PUBLISH: {Role.ADMIN, Role.EDITOR},
    Action.ACT_ADOPT: set(),  # only members of other organizations, see below
    Action.WORKSHOP_CREATE: {Role.DEVELOPER, Role.ADMIN},
    Action.WORKSHOP_FACILITATE: {Role.ADMIN},  # and the workshop's own facilitators
    Action.GROUP_VIEW: {Role.ADMIN},  # and the group's members and coaches
    Action.GROUP_MANAGE: {Role.ADMIN},  # and the group's coaches
}
ACT_ACTIONS = {Action.ACT_VIEW, Action.ACT_EDIT, Action.ACT_PUBLISH, Action.ACT_ADOPT}


def membership(user, organization: Organization) -> Membership | None:
    """The person's membership in the organization, cached on the user object."""
    if not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault("_tuuma_memberships", {})
    if organization.pk not in cache:
        cache[organization.pk] = (
            Membership.objects.filter(user=user, organization=organization).first()
        )
    return cache[organization.pk]


def roles(user, organization: Organization) -> set[Role]:
    found = membership(user, organization)
    return found.roles if found else set()


def _organization_of(obj) -> Organization:
    if isinstance(obj, Organization):
        return obj
    return obj.organization


def can(user, action: Action, obj) -> bool:
    if action in ACT_ACTIONS:
        return _can_act(user, action, obj)
    if action in (Action.WORKSHOP_FACILITATE, Action.GROUP_VIEW, Action.GROUP_MANAGE):
        return _can_workshop(user, action, obj)
    if not user.is_authenticated or not user.is_active:
        return False
    organization = _organization_of(obj)
    if obj is not organization:
        # What the idea's state and authorship rule out binds platform admins too.
        idea = obj
        if action is Action.IDEA_SUPPORT and idea.author_id == user.pk:
            return False
        if action in (Action.IDEA_ASSIGN, Action.IDEA_MERGE) and not idea.is_open:
            return False
        if action is Action.IDEA_DECIDE and idea.status in ("merged", "implemented"):
            return False
    if action is Action.IDEA_EVALUATE:
        # Scoring is personal: only an assigned evaluator with a pending evaluation, never a
        # platform admin acting for someone.
        return obj.is_open and obj.assignments.filter(
            evaluator=user, submitted_at__isnull=True).exists()
    held = roles(user, organization)
    if user.is_platform_admin:
        return True
    if not held:
        return False
    if obj is not organization:
        idea = obj
        is_contributor = idea.author_id == user.pk or idea.coauthors.filter(pk=user.pk).exists()
        if action is Action.IDEA_EDIT and is_contributor and idea.status == "submitted":
            return True
        if action is Action.IDEA_SEE_AUTHOR:
            if not idea.hide_author or is_contributor:
                return True
            if idea.assignments.filter(evaluator=user).exists():
                return True
    return bool(GRANTS[action] & held)


def _can_act(user, action: Action, act) -> bool:
    """Development acts: public ones are open to everyone, even without signing in."""
    if action is Action.ACT_VIEW and act.is_public:
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    if action is Action.ACT_ADOPT:
        return act.is_public and user.memberships.exclude(
            organization_id=act.organization_id).exists()
    if user.is_platform_admin:
        return True
    held = roles(user, act.organization)
    if not held:
        return False
    if action is Action.ACT_EDIT and act.authors.filter(pk=user.pk).exists():
        return True
    return bool(GRANTS[action] & held)


def _can_workshop(user, action: Action, obj) -> bool:
    """Workshops and peer groups: their own facilitators, coaches and members, plus the
    organization's admins (who answer for everything run in the organization's name)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_platform_admin or GRANTS[action] & roles(user, obj.organization):
        return True
    if not roles(user, obj.organization):
        return False  # left the organization: no seat keeps its rights
    if action is Action.WORKSHOP_FACILITATE:
        return obj.pk is not None and obj.facilitators.filter(pk=user.pk).exists()
    if obj.coaches.filter(pk=user.pk).exists():
        return True
    return action is Action.GROUP_VIEW and obj.members.filter(pk=user.pk).exists()


def view_action(obj) -> Action:
    """The action that decides whether the object exists for the person at all."""
    if isinstance(obj, Organization):
        return Action.ORG_VIEW
    name = obj._meta.model_name
    if name == "workshop":
        return Action.WORKSHOP_FACILITATE
    if name == "peergroup":
        return Action.GROUP_VIEW
    return Action.ACT_VIEW if name == "act" else Action.IDEA_VIEW


def require(user, action: Action, obj) -> None:
    """Raise 404 when the person may not even see the object, 403 when they may not act."""
    view = view_action(obj)
    if not can(user, view, obj):
        raise Http404
    if action is not view and not can(user, action, obj):
        raise PermissionDenied
