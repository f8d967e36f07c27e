"""E-mail runs in the background worker so a slow mail server never slows a page."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from .text import render


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    from .models import Notification

    sent = 0
    pending = Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True)
    for n in pending.select_related("user", "idea"):
        with translation.override(n.user.language):
            subject = render(n)
            body = render_to_string("notifications/email.txt", {
                "notification": n, "text": subject, "site_url": settings.SITE_URL,
            })
            send_mail(subject, body, None, [n.user.email])
        Notification.objects.filter(pk=n.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


@task()
def send_weekly_digest(user_id: int) -> bool:
    from tuuma.accounts.models import User

    from .models import Notification

    user = User.objects.get(pk=user_id)
    since = user.last_digest_at
    items = Notification.objects.filter(user=user, emailed_at__isnull=True)
    if since:
        items = items.filter(created_at__gt=since)
    items = list(items.select_related("idea")[:100])
    now = timezone.now()
    if items:
        with translation.override(user.language):
            lines = [{"text": render(n), "notification": n} for n in items]
            body = render_to_string("notifications/digest.txt", {
                "user": user, "lines": lines, "site_url": settings.SITE_URL,
            })
            send_mail(_("Your weekly tuuma digest"), body, None, [user.email])
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=now)
    User.objects.filter(pk=user.pk).update(last_digest_at=now)
    return bool(items)
