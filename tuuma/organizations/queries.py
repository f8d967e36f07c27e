"""Figures for an organization's page: participation and what waits for an answer."""

from collections import OrderedDict

from django.db.models import Count, Q
from django.utils import timezone

from tuuma.ideas.models import Comment, Idea, Support

from .models import Membership, Unit


def participation(org) -> dict:
    """How many people take part, in all and by sector (for shop stewards and HR)."""
    members = Membership.objects.filter(organization=org)
    member_ids = members.values("user_id")
    authors = set(Idea.objects.filter(organization=org).values_list("author_id", flat=True))
    commenters = set(Comment.objects.filter(idea__organization=org, author_id__in=member_ids)
                     .values_list("author_id", flat=True))
    supporters = set(Support.objects.filter(idea__organization=org)
                     .values_list("user_id", flat=True))
    active = authors | commenters | supporters
    by_sector = []
    sectors = Unit.objects.filter(organization=org, parent__isnull=True)
    for sector in sectors:
        ids = set(members.filter(unit__sector=sector).values_list("user_id", flat=True))
        by_sector.append({
            "sector": sector, "members": len(ids), "authors": len(ids & authors),
            "active": len(ids & active),
            "ideas": Idea.objects.filter(organization=org, units__sector=sector)
                         .distinct().count(),
        })
    total = members.count()
    return {
        "members": total, "authors": len(authors), "commenters": len(commenters),
        "supporters": len(supporters), "active": len(active),
        "active_share": round(100 * len(active) / total) if total else 0,
        "by_sector": by_sector,
    }


def waiting_by_unit(org):
    """Open ideas past the promise, grouped by the units they concern (oldest first)."""
    overdue = (Idea.objects.filter(organization=org).overdue()
               .prefetch_related("units").select_related("author").order_by("created_at"))
    groups: OrderedDict = OrderedDict()
    for idea in overdue:
        units = list(idea.units.all()) or [None]
        for unit in units:
            groups.setdefault(unit, []).append(idea)
    named = sorted(((u, ideas) for u, ideas in groups.items() if u is not None),
                   key=lambda pair: pair[0].name_fi)
    if None in groups:
        named.append((None, groups[None]))
    return named, overdue.count()


def open_counts(org):
    now = timezone.now()
    return Idea.objects.filter(organization=org).aggregate(
        open=Count("pk", filter=Q(status__in=["submitted", "in_evaluation"])),
        overdue=Count("pk", filter=Q(status__in=["submitted", "in_evaluation"], due_at__lt=now)))
