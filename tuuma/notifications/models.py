from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    STATUS = "status", _("status changed")
    COMMENT = "comment", _("new comment")
    ASSIGNED = "assigned", _("evaluation assigned")
    EVALUATED = "evaluated", _("evaluation submitted")
    ADOPTED = "adopted", _("act adopted")
    PUBLISH_REQUEST = "publish_request", _("act waiting for publishing")
    PUBLISHED = "published", _("act published")
    UNPUBLISHED = "unpublished", _("act not published")


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notifications")
    idea = models.ForeignKey("ideas.Idea", null=True, on_delete=models.CASCADE)
    act = models.ForeignKey("acts.Act", null=True, blank=True, on_delete=models.CASCADE)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Stored untranslated; rendered in the reader's language (see notifications.text).
    params = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    @property
    def target(self):
        """The idea or act the notification is about (its page is where it leads)."""
        return self.idea if self.idea_id else self.act
