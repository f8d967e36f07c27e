"""Development acts (kehittämisteot): what an organization did, published to the shared
catalogue so that others can learn from it and adopt it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tuuma.core.models import StoredFile
from tuuma.ideas.models import Idea
from tuuma.organizations.models import Organization, Unit

LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
# The text fields a translation may carry, in the order the act page shows them.
TEXT_FIELDS = ("title", "summary", "need_and_goals", "solution", "results", "lessons")


class ActStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")
    DISCONTINUED = "discontinued", _("discontinued")


class Visibility(models.TextChoices):
    """Internal acts are seen by the organization only; publishing needs an approval."""

    INTERNAL = "internal", _("internal to the organization")
    PENDING = "pending", _("waiting for publishing approval")
    PUBLIC = "public", _("published in the catalogue")


class Vocabulary(models.Model):
    """A controlled list shared by all organizations, named in three languages."""

    slug = models.SlugField(unique=True, max_length=60)
    name_fi = models.CharField(max_length=100)
    name_sv = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)

    class Meta:
        abstract = True
        ordering = ["name_fi"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return getattr(self, f"name_{(get_language() or 'fi')[:2]}", "") or self.name_fi


class Theme(Vocabulary):
    """Themes (asiakaslähtöisyys, digitalisaatio, …) the catalogue is filtered by."""


class Sector(Vocabulary):
    """A national sector (toimiala): an organization's own unit tree is too local to filter a
    national catalogue by."""


class ActQuerySet(models.QuerySet):
    def public(self):
        return self.filter(visibility=Visibility.PUBLIC)

    def visible_to(self, user):
        """Public acts, and all acts of the person's own organizations."""
        if not user.is_authenticated:
            return self.public()
        if user.is_platform_admin:
            return self
        return self.filter(Q(visibility=Visibility.PUBLIC)
                           | Q(organization__memberships__user=user)).distinct()


class Act(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="acts")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=80, allow_unicode=False, blank=True)
    summary = models.TextField(_("short summary"), max_length=1000, blank=True)
    need_and_goals = models.TextField(_("need and goals"), max_length=20000, blank=True)
    solution = models.TextField(_("solution"), max_length=20000, blank=True)
    results = models.TextField(_("results"), max_length=20000, blank=True)
    lessons = models.TextField(_("lessons learned"), max_length=20000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ActStatus.choices,
                              default=ActStatus.IN_PROGRESS, db_index=True)
    start = models.DateField(_("start date"), null=True, blank=True)
    end = models.DateField(_("end date"), null=True, blank=True)
    language = models.CharField(_("content language"), max_length=2, choices=LANGUAGES,
                                default="fi")
    themes = models.ManyToManyField(Theme, blank=True, related_name="acts",
                                    verbose_name=_("themes"))
    sectors = models.ManyToManyField(Sector, blank=True, related_name="acts",
                                     verbose_name=_("sectors"))
    units = models.ManyToManyField(Unit, blank=True, related_name="acts",
                                   verbose_name=_("units involved"))
    origin_ideas = models.ManyToManyField(Idea, blank=True, related_name="acts",
                                          verbose_name=_("origin ideas"))
    authors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                     related_name="acts", verbose_name=_("team"))
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices,
                                  default=Visibility.INTERNAL, db_index=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    # An act created as this organization's adoption of another one.
    adopted_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="adapted_as")
    adoption_count = models.PositiveIntegerField(default=0, db_index=True)
    external_id = models.CharField(max_length=200, unique=True, null=True, blank=True)
    source_url = models.URLField(_("original address"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at", "-id"]
        indexes = [
            # Keyset pagination of the catalogue, newest and most adopted first.
            models.Index(fields=["visibility", "-published_at", "-id"], name="act_catalogue"),
            models.Index(fields=["visibility", "-adoption_count", "-id"], name="act_adopted"),
            models.Index(fields=["organization", "visibility"], name="act_org"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = slugify(self.title)[:80] or "teko"
        if self.visibility == Visibility.PUBLIC and self.published_at is None:
            # The catalogue pages by publication time: a public act always has one.
            self.published_at = self.created_at
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "published_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # The id keeps the address stable; a renamed act's old address redirects.
        return reverse("acts:detail", args=[self.pk, self.slug or "teko"])

    @property
    def is_public(self):
        return self.visibility == Visibility.PUBLIC

    @property
    def date(self):
        """The date shown first on the act page, as in the national catalogue."""
        return (self.published_at or self.created_at).date()

    def text(self, language: str | None = None) -> dict[str, str]:
        """The act's texts in LANGUAGE if translated, else in its own language."""
        texts = {f: getattr(self, f) for f in TEXT_FIELDS}
        language = (language or get_language() or "fi")[:2]
        if language != self.language:
            for t in self.translations.all():
                if t.language == language:
                    texts.update({f: getattr(t, f) for f in TEXT_FIELDS if getattr(t, f)})
        return texts


class ActTranslation(models.Model):
    act = models.ForeignKey(Act, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("short summary"), max_length=1000, blank=True)
    need_and_goals = models.TextField(_("need and goals"), max_length=20000, blank=True)
    solution = models.TextField(_("solution"), max_length=20000, blank=True)
    results = models.TextField(_("results"), max_length=20000, blank=True)
    lessons = models.TextField(_("lessons learned"), max_length=20000, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["act", "language"],
                                               name="one_translation_per_language")]


class Contact(models.Model):
    """A contact person: someone in the system, or an outsider by name, title and e-mail."""

    act = models.ForeignKey(Act, on_delete=models.CASCADE, related_name="contacts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    organization = models.CharField(_("organization or unit"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]


class Metric(models.Model):
    act = models.ForeignKey(Act, on_delete=models.CASCADE, related_name="metrics")
    name = models.CharField(_("metric"), max_length=200)
    unit = models.CharField(_("unit of measure"), max_length=40, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True,
                                   blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True,
                                 blank=True)
    result = models.DecimalField(_("result"), max_digits=14, decimal_places=2, null=True,
                                 blank=True)
    measured_on = models.DateField(_("date measured"), null=True, blank=True)

    class Meta:
        ordering = ["id"]


class ActUpdate(models.Model):
    """An entry in the act's diary."""

    act = models.ForeignKey(Act, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    body = models.TextField(_("update"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class ActFile(StoredFile):
    """An image or an attachment (checked like idea attachments)."""

    act = models.ForeignKey(Act, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="acts/%Y/%m/")
    description = models.CharField(_("description (alternative text)"), max_length=300,
                                   blank=True)


class Adoption(models.Model):
    """Another organization says "we are adopting this"."""

    act = models.ForeignKey(Act, on_delete=models.CASCADE, related_name="adoptions")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="adoptions")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    linked_act = models.ForeignKey(Act, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["act", "organization"],
                                               name="one_adoption_per_organization")]
