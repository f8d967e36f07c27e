from django.conf import settings


def tuuma(request):
    """Navigation needs: the person's organizations and unread notifications."""
    context = {"LANGUAGE_CHOICES": settings.LANGUAGES}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from tuuma.organizations.models import Organization

        context["my_organizations"] = list(
            Organization.objects.filter(memberships__user=user).order_by("name_fi"))
        context["unread_count"] = user.notifications.filter(read_at__isnull=True).count()
        context["open_assignments"] = user.assignments.filter(
            submitted_at__isnull=True, idea__status__in=["submitted", "in_evaluation"]).count()
    return context
