from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction

from .models import AccessibilityFeedback


@transaction.atomic
def give_feedback(*, page, message, email) -> AccessibilityFeedback:
    feedback = AccessibilityFeedback.objects.create(page=page, message=message, email=email)
    admins = list(get_user_model().objects.filter(platform_role="admin", is_active=True)
                  .values_list("email", flat=True))
    if admins:
        body = f"{page}\n\n{message}\n\n{email}\n{settings.SITE_URL}"
        transaction.on_commit(lambda: send_mail(
            "Saavutettavuuspalaute / Accessibility feedback", body, None, admins,
            fail_silently=True))
    return feedback
