"""Notification wording, rendered in the reader's language when it is read."""

from django.utils import translation
from django.utils.translation import gettext as _

from tuuma.ideas.models import Status


def render(notification) -> str:
    p = notification.params
    title = p.get("title", "")
    if notification.kind == "status":
        status = str(Status(p["status"]).label) if p.get("status") in Status.values else ""
        return _("“%(title)s” is now: %(status)s") % {"title": title, "status": status}
    if notification.kind == "comment":
        return _("New comment on “%(title)s”") % {"title": title}
    if notification.kind == "assigned":
        return _("You were asked to evaluate “%(title)s”") % {"title": title}
    if notification.kind == "evaluated":
        return _("An evaluation of “%(title)s” was submitted") % {"title": title}
    if notification.kind == "adopted":
        return _("%(org)s is adopting “%(title)s”") % {"org": p.get("org", ""), "title": title}
    if notification.kind == "publish_request":
        return _("“%(title)s” is waiting for your approval to be published") % {"title": title}
    if notification.kind == "published":
        return _("“%(title)s” was published in the catalogue") % {"title": title}
    if notification.kind == "unpublished":
        return _("“%(title)s” is not published in the catalogue: it stays internal") % {
            "title": title}
    return title


def render_for(notification, language: str) -> str:
    with translation.override(language):
        return render(notification)
