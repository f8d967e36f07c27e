"""Ideas and what gathers around them: attachments, comments, supports, follows, history."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuuma.core.models import StoredFile
from tuuma.organizations.models import Organization, Unit


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    IN_EVALUATION = "in_evaluation", _("in evaluation")
    ACCEPTED = "accepted", _("accepted")
    PARKED = "parked", _("parked")
    DECLINED = "declined", _("declined")
    IMPLEMENTED = "implemented", _("implemented")
    MERGED = "merged", _("merged as a duplicate")


# An idea counts as answered once it reaches one of these.
ANSWERED = {Status.ACCEPTED, Status.PARKED, Status.DECLINED, Status.IMPLEMENTED, Status.MERGED}
OPEN = {Status.SUBMITTED, Status.IN_EVALUATION}


class Beneficiary(models.TextChoices):
    CUSTOMERS = "customers", _("customers")
    STAFF = "staff", _("staff")
    BOTH = "both", _("both customers and staff")


class IdeaQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Ideas of the organizations this person belongs to (platform admins see all)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_platform_admin:
            return self
        return self.filter(organization__memberships__user=user)

    def overdue(self, now=None):
        now = now or timezone.now()
        return self.filter(status__in=OPEN, due_at__lt=now)


class Idea(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="ideas")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="ideas")
    coauthors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                       related_name="coauthored_ideas",
                                       verbose_name=_("co-authors"))
    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("the problem today"), max_length=10000)
    proposal = models.TextField(_("proposal"), max_length=10000)
    beneficiaries = models.CharField(_("who benefits"), max_length=10,
                                     choices=Beneficiary.choices, default=Beneficiary.BOTH)
    units = models.ManyToManyField(Unit, blank=True, related_name="ideas",
                                   verbose_name=_("units concerned"))
    hide_author = models.BooleanField(
        _("hide my name from other employees"), default=False,
        help_text=_("Evaluators and decision-makers still see who you are."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.SUBMITTED, db_index=True)
    parked_until = models.DateField(_("revisit date"), null=True, blank=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="duplicates")
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    support_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    due_at = models.DateTimeField(help_text="created_at + the organization's promise")
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organization", "status", "created_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ideas:detail", args=[self.pk])

    @property
    def age_days(self):
        end = self.answered_at or timezone.now()
        return (end - self.created_at).days

    @property
    def is_open(self):
        return self.status in OPEN

    @property
    def is_overdue(self):
        return self.is_open and self.due_at < timezone.now()

    @property
    def answered_in_time(self):
        return self.answered_at is not None and self.answered_at <= self.due_at

    def contributors(self):
        return [self.author, *self.coauthors.all()]


class Attachment(StoredFile):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="attachments/%Y/%m/")


class Comment(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]


class Support(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="one_support")]


class Follow(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="follows")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="one_follow")]


class StatusChange(models.Model):
    """The audit trail: who moved the idea, when, and why."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]


class Draft(models.Model):
    """What a person has typed into the new-idea form, saved as they type."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE)
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organization"], name="one_draft")]
