from django import template
from django.utils.translation import gettext as _

from tuuma.ideas.models import Status
from tuuma.notifications.text import render as render_notification
from tuuma.organizations.permissions import Action, can

register = template.Library()


@register.filter
def notification_text(notification):
    return render_notification(notification)


@register.simple_tag
def author_name(idea, user):
    """The author's name, or a neutral phrase when it is hidden from this person."""
    if can(user, Action.IDEA_SEE_AUTHOR, idea):
        return idea.author.full_name
    return _("Name hidden at the author's request")


@register.filter
def status_label(value):
    return Status(value).label if value in Status.values else ""


@register.simple_tag(takes_context=True)
def querystring_with(context, **kwargs):
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return "?" + query.urlencode()


@register.filter
def aria(field):
    """Render a widget tied to its help text and errors for screen readers."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_help")
    if field.errors:
        described.append(f"{field.auto_id}_error")
    attrs = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def is_choice_list(field):
    widget = field.field.widget
    return getattr(widget, "input_type", "") in ("radio", "checkbox") and (
        getattr(widget, "allow_multiple_selected", False) or widget.input_type == "radio")


@register.filter
def is_checkbox(field):
    return getattr(field.field.widget, "input_type", "") == "checkbox"
