from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from tuuma.accounts.models import EmailMode
from tuuma.notifications.tasks import send_weekly_digest


class Command(BaseCommand):
    help = "Queue the weekly digest for everyone who chose it and is due (run daily from cron)."

    def handle(self, *args, **options):
        due = timezone.now() - timedelta(days=7)
        people = get_user_model().objects.filter(
            Q(last_digest_at__isnull=True) | Q(last_digest_at__lte=due),
            email_mode=EmailMode.WEEKLY, is_active=True)
        count = 0
        for user_id in people.values_list("pk", flat=True):
            send_weekly_digest.enqueue(user_id)
            count += 1
        self.stdout.write(f"Queued {count} digests")
