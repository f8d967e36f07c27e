"""Organizations, their unit trees and people's memberships with roles."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .roles import Role
from .validators import validate_business_id


class OrgType(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    CITY = "city", _("city")
    JOINT_AUTHORITY = "joint_authority", _("joint municipal authority")
    WELLBEING_COUNTY = "wellbeing_county", _("wellbeing services county")
    ENTERPRISE = "enterprise", _("municipal enterprise")
    OTHER = "other", _("other")


REGIONS = [
    "Uusimaa", "Varsinais-Suomi", "Satakunta", "Kanta-Häme", "Pirkanmaa", "Päijät-Häme",
    "Kymenlaakso", "Etelä-Karjala", "Etelä-Savo", "Pohjois-Savo", "Pohjois-Karjala",
    "Keski-Suomi", "Etelä-Pohjanmaa", "Pohjanmaa", "Keski-Pohjanmaa", "Pohjois-Pohjanmaa",
    "Kainuu", "Lappi", "Ahvenanmaa",
]


class Organization(models.Model):
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    slug = models.SlugField(unique=True, max_length=80)
    org_type = models.CharField(_("type"), max_length=20, choices=OrgType.choices,
                                default=OrgType.MUNICIPALITY)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=40, blank=True,
                              choices=[(r, r) for r in REGIONS])
    business_id = models.CharField(_("business ID"), max_length=9, blank=True,
                                   validators=[validate_business_id])
    languages = models.CharField(_("languages"), max_length=20, default="fi",
                                 help_text=_("Comma-separated language codes, e.g. fi,sv"))
    response_days = models.PositiveSmallIntegerField(
        _("response-time promise (days)"), default=30,
        help_text=_("Every idea gets an answer within this many days."))
    # False for organizations created by a catalogue import, until a platform admin checks.
    verified = models.BooleanField(_("verified"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name_fi"]
        constraints = [
            models.UniqueConstraint(fields=["business_id"], condition=~Q(business_id=""),
                                    name="unique_business_id"),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        if get_language() == "sv" and self.name_sv:
            return self.name_sv
        return self.name_fi

    def get_absolute_url(self):
        return reverse("organizations:detail", args=[self.slug])


class UnitKind(models.TextChoices):
    SECTOR = "sector", _("sector")
    SERVICE_AREA = "service_area", _("service area")
    UNIT = "unit", _("unit")


class Unit(models.Model):
    """A node in an organization's tree: sector → service area → unit."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="units")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.RESTRICT,
                               related_name="children", verbose_name=_("parent"))
    kind = models.CharField(_("level"), max_length=20, choices=UnitKind.choices,
                            default=UnitKind.UNIT)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    # The top-level ancestor, kept on save so lists can filter by sector in one join.
    sector = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", editable=False)

    class Meta:
        ordering = ["name_fi"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "parent", "name_fi"],
                                    name="unique_unit_name_per_parent"),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        if get_language() == "sv" and self.name_sv:
            return self.name_sv
        return self.name_fi

    def ancestors(self):
        node, chain = self.parent, []
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    @property
    def path(self):
        return " › ".join(u.name for u in [*self.ancestors(), self])

    def save(self, *args, **kwargs):
        if self.parent_id:
            top = self.parent
            while top.parent_id:
                top = top.parent
            self.sector_id = top.pk
        else:
            self.sector_id = self.pk
        super().save(*args, **kwargs)
        if not self.parent_id and self.sector_id != self.pk:
            Unit.objects.filter(pk=self.pk).update(sector_id=self.pk)
            self.sector_id = self.pk


class Membership(models.Model):
    """A person in an organization. Every member is an employee; the flags add roles."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="memberships")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL,
                             verbose_name=_("unit"))
    is_developer = models.BooleanField(_("internal developer"), default=False)
    is_decider = models.BooleanField(_("decision-maker"), default=False)
    is_steward = models.BooleanField(_("shop steward or HR"), default=False)
    is_admin = models.BooleanField(_("organization admin"), default=False)
    is_editor = models.BooleanField(_("catalogue editor"), default=False)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_membership"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.organization}"

    @property
    def roles(self) -> set[Role]:
        found = {Role.EMPLOYEE}
        for role in Role:
            if role.flag and getattr(self, role.flag):
                found.add(role)
        return found

    def set_roles(self, roles):
        for role in Role:
            if role.flag:
                setattr(self, role.flag, role in roles)


class Invitation(models.Model):
    """A single-use, expiring link that makes the recipient a member with the given roles."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="invitations")
    email = models.EmailField(_("e-mail"))
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL,
                             verbose_name=_("unit"))
    roles = models.JSONField(default=list, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
