"""E-mail address changes take effect only after the new address confirms them."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

SALT = "tuuma.email-change"
MAX_AGE = 60 * 60 * 24


def request_email_change(user, new_email: str) -> str:
    token = signing.dumps({"user": user.pk, "email": new_email, "old": user.email}, salt=SALT)
    link = settings.SITE_URL + reverse("accounts:confirm_email", args=[token])
    body = render_to_string("accounts/email_change.txt", {"user": user, "link": link})
    send_mail(_("Confirm your new e-mail address"), body, None, [new_email])
    return token


@transaction.atomic
def confirm_email_change(token: str):
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature as exc:
        raise ValidationError(_("The confirmation link is invalid or has expired.")) from exc
    User = get_user_model()
    user = User.objects.select_for_update().filter(pk=data["user"]).first()
    if user is None or user.email != data["old"]:
        raise ValidationError(_("The confirmation link has already been used."))
    if User.objects.filter(email__iexact=data["email"]).exclude(pk=user.pk).exists():
        raise ValidationError(_("That address is already in use."))
    user.email = data["email"]
    user.save(update_fields=["email"])
    return user
