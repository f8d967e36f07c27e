"""Create in-app notifications and hand e-mail to the background worker."""

from django.db import transaction

from tuuma.accounts.models import EmailMode

from .models import Notification
from .tasks import send_notification_emails


def notify(users, *, idea=None, act=None, kind, params=None, exclude=None):
    """Notify each person once; e-mail goes through a task after the transaction commits."""
    seen, rows = set(), []
    for user in users:
        if user is None or user.pk in seen or (exclude and user.pk == exclude.pk):
            continue
        if not user.is_active:
            continue
        seen.add(user.pk)
        rows.append(Notification(user=user, idea=idea, act=act, kind=kind, params=params or {}))
    created = Notification.objects.bulk_create(rows)
    # SQLite ≥ 3.35 and PostgreSQL both return the new primary keys from bulk_create.
    immediate = [n.pk for n in created if n.user.email_mode == EmailMode.IMMEDIATE]
    if immediate:
        transaction.on_commit(lambda: send_notification_emails.enqueue(immediate))
    return created
