from urllib.parse import quote

from django import template

from tuuma.ideas.models import Status as IdeaStatus
from tuuma.organizations.permissions import Action, can

register = template.Library()


@register.simple_tag
def may_make_act(idea, user):
    """Whether the idea page offers "make this a development act"."""
    return idea.status in (IdeaStatus.ACCEPTED, IdeaStatus.IMPLEMENTED) and can(
        user, Action.ACT_CREATE, idea.organization)


@register.simple_tag
def acts_from_idea(idea, user):
    """The acts made from the idea that the person may see."""
    return [a for a in idea.acts.select_related("organization")
            if can(user, Action.ACT_VIEW, a)]


@register.simple_tag
def may_publish_in(organization, user):
    from tuuma.acts.models import Act

    return can(user, Action.ACT_PUBLISH, Act(organization=organization))


@register.filter
def urlquote(value):
    return quote(str(value), safe="")


@register.simple_tag
def pending_acts(organization):
    """The organization's acts waiting for publishing approval (show only to approvers)."""
    return list(organization.acts.filter(visibility="pending").order_by("-updated_at")[:20])
