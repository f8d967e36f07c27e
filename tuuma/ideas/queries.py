"""Reads of ideas that views share: filtered lists and per-organization figures."""

from datetime import timedelta

from django.db.models import Count, F, Q
from django.utils import timezone

from .models import ANSWERED, Idea, Status


def filtered(organization, data: dict):
    ideas = (Idea.objects.filter(organization=organization)
             .select_related("author").prefetch_related("units"))
    if data.get("q"):
        q = data["q"]
        ideas = ideas.filter(Q(title__icontains=q) | Q(problem__icontains=q)
                             | Q(proposal__icontains=q))
    if data.get("status"):
        ideas = ideas.filter(status=data["status"])
    if data.get("sector"):
        ideas = ideas.filter(units__sector=data["sector"])
    if data.get("unit"):
        ideas = ideas.filter(units=data["unit"])
    age = data.get("age")
    if age == "overdue":
        ideas = ideas.overdue()
    elif age:
        ideas = ideas.filter(created_at__lt=timezone.now() - timedelta(days=int(age)))
    order = {"old": ["created_at"], "support": ["-support_count", "-created_at"],
             "comments": ["-comment_count", "-created_at"]}.get(data.get("sort"), ["-created_at"])
    if data.get("sector") or data.get("unit"):
        ideas = ideas.distinct()
    return ideas.order_by(*order)


def response_figures(organization) -> dict:
    """How well the organization keeps its response-time promise."""
    now = timezone.now()
    ideas = Idea.objects.filter(organization=organization)
    row = ideas.aggregate(
        total=Count("pk"),
        answered=Count("pk", filter=Q(status__in=ANSWERED)),
        in_time=Count("pk", filter=Q(answered_at__isnull=False,
                                     answered_at__lte=F("due_at"))),
        overdue=Count("pk", filter=Q(status__in=[Status.SUBMITTED, Status.IN_EVALUATION],
                                     due_at__lt=now)),
        # Ideas whose promise has already run out, answered or not: the fair denominator.
        due=Count("pk", filter=Q(due_at__lt=now) | Q(answered_at__isnull=False)),
    )
    row["share_in_time"] = round(100 * row["in_time"] / row["due"]) if row["due"] else None
    row["by_status"] = dict(ideas.values_list("status").annotate(n=Count("pk")))
    return row

