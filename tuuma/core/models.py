from django.conf import settings
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


class StoredFile(models.Model):
    """An uploaded image or PDF whose real type was checked (core.uploads.validate_upload).

    Concrete models add the owner and `file` with their own upload folder."""

    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def is_image(self):
        return self.content_type.startswith("image/")
