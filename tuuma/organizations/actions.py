"""Writes to organizations, units, memberships and invitations."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Invitation, Membership, Organization, Unit
from .permissions import Action, require
from .roles import Role


@transaction.atomic
def create_organization(*, name_fi, by=None, admin=None, **fields) -> Organization:
    """Create an organization with the default rubric; `admin` becomes its first admin."""
    from tuuma.evaluation.models import ensure_default_rubric

    if by is not None and not by.is_platform_admin:
        raise ValidationError(_("Only platform admins create organizations."))
    base = slugify(name_fi)[:70] or "org"
    slug, n = base, 1
    while Organization.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    org = Organization(name_fi=name_fi, slug=slug, **fields)
    org.full_clean()
    org.save()
    ensure_default_rubric(org)
    if admin is not None:
        Membership.objects.create(user=admin, organization=org, is_admin=True)
    return org


@transaction.atomic
def update_settings(org, *, by, **fields) -> Organization:
    require(by, Action.ORG_MANAGE, org)
    for name, value in fields.items():
        setattr(org, name, value)
    org.full_clean()
    org.save()
    return org


@transaction.atomic
def save_unit(org, *, by, unit=None, parent=None, kind, name_fi, name_sv="") -> Unit:
    require(by, Action.ORG_MANAGE, org)
    if parent is not None and parent.organization_id != org.pk:
        raise ValidationError(_("The parent unit belongs to another organization."))
    unit = unit or Unit(organization=org)
    if unit.pk and parent is not None and (parent.pk == unit.pk or unit in parent.ancestors()):
        raise ValidationError(_("A unit cannot be placed under itself."))
    unit.parent, unit.kind, unit.name_fi, unit.name_sv = parent, kind, name_fi, name_sv
    unit.full_clean()
    unit.save()
    for child in unit.children.all():  # keep descendants' sector in step
        _resave_tree(child)
    return unit


def _resave_tree(unit):
    unit.save()
    for child in unit.children.all():
        _resave_tree(child)


@transaction.atomic
def set_member_roles(membership, *, by, roles, unit=None) -> Membership:
    require(by, Action.ORG_MANAGE, membership.organization)
    if unit is not None and unit.organization_id != membership.organization_id:
        raise ValidationError(_("The unit belongs to another organization."))
    if Role.ADMIN not in roles and membership.is_admin and not Membership.objects.filter(
            organization=membership.organization, is_admin=True).exclude(pk=membership.pk).exists():
        raise ValidationError(_("An organization needs at least one admin."), code="last_admin")
    membership.set_roles(roles)
    membership.unit = unit
    membership.save()
    return membership


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invite(org, *, by, email, roles=(), unit=None, send=True) -> tuple[Invitation, str]:
    """Create a single-use invitation; returns it with the raw token (only its hash is kept)."""
    require(by, Action.ORG_MANAGE, org)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organization=org, email=email.lower(), unit=unit, roles=[str(r) for r in roles],
        token_hash=_token_hash(token), created_by=by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS))
    if send:
        link = settings.SITE_URL + reverse("organizations:accept_invitation", args=[token])
        body = render_to_string("organizations/invitation_email.txt",
                                {"organization": org, "link": link, "by": by,
                                 "days": settings.INVITATION_DAYS})
        transaction.on_commit(lambda: send_mail(
            _("Invitation to %(org)s in tuuma") % {"org": org.name}, body, None, [email]))
    return invitation, token


def find_invitation(token: str) -> Invitation | None:
    """The invitation for a token if it is still usable, else None."""
    invitation = Invitation.objects.filter(token_hash=_token_hash(token)).first()
    if invitation is None or invitation.used_at or invitation.expires_at < timezone.now():
        return None
    return invitation


@transaction.atomic
def accept_invitation(token: str, *, user=None, full_name="", password="") -> Membership:
    invitation = find_invitation(token)
    if invitation is None:
        raise ValidationError(_("This invitation link has expired or has already been used."),
                              code="invalid_invitation")
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at:
        raise ValidationError(_("This invitation link has already been used."))
    User = get_user_model()
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(_("An account with this e-mail exists: sign in first."),
                                  code="sign_in")
        user = User.objects.create_user(invitation.email, password, full_name=full_name)
    membership, _created = Membership.objects.get_or_create(
        user=user, organization=invitation.organization, defaults={"unit": invitation.unit})
    held = membership.roles | {Role(r) for r in invitation.roles}
    membership.set_roles(held)
    membership.save()
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return membership
