from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessibilityFeedback(models.Model):
    """Feedback on accessibility, as the accessibility statement promises to take it."""

    page = models.CharField(_("page or feature"), max_length=500, blank=True)
    message = models.TextField(_("feedback"), max_length=5000)
    email = models.EmailField(_("e-mail for the answer"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
