"""Evaluation rubrics, evaluator assignments and their private scores."""

from statistics import mean

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tuuma.ideas.models import Idea
from tuuma.organizations.models import Organization


class Criterion(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="criteria")
    name_fi = models.CharField(_("name in Finnish"), max_length=120)
    name_sv = models.CharField(_("name in Swedish"), max_length=120, blank=True)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    weight = models.DecimalField(_("weight"), max_digits=4, decimal_places=2, default=1)
    inverted = models.BooleanField(
        _("lower is better"), default=False,
        help_text=_("For effort or cost: a high score counts against the idea."))
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        lang = get_language()
        return {"sv": self.name_sv, "en": self.name_en}.get(lang) or self.name_fi

    def normalized(self, value: int) -> float:
        """The score on 0..1 where 1 is always good for the idea."""
        span = max(self.scale_max - self.scale_min, 1)
        share = (value - self.scale_min) / span
        return 1 - share if self.inverted else share


class Assignment(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="assignments")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(_("comment for the decision-maker"), blank=True, max_length=5000)

    class Meta:
        ordering = ["assigned_at"]
        constraints = [
            models.UniqueConstraint(fields=["idea", "evaluator"], name="one_assignment"),
        ]

    def weighted_score(self) -> float | None:
        """This evaluator's score on a 0–100 scale, weights applied."""
        scores = [s for s in self.scores.all() if s.criterion.active]
        total_weight = sum(float(s.criterion.weight) for s in scores)
        if not scores or not total_weight:
            return None
        value = sum(float(s.criterion.weight) * s.criterion.normalized(s.value) for s in scores)
        return round(100 * value / total_weight, 1)


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE)
    value = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="one_score"),
        ]


def summary(idea: Idea) -> dict:
    """What the decision-maker sees: weighted score, spread, and each criterion's range."""
    assignments = list(
        idea.assignments.filter(submitted_at__isnull=False)
        .select_related("evaluator").prefetch_related("scores__criterion")
    )
    totals = [t for t in (a.weighted_score() for a in assignments) if t is not None]
    per_criterion: dict[int, dict] = {}
    for a in assignments:
        for s in a.scores.all():
            row = per_criterion.setdefault(s.criterion_id, {"criterion": s.criterion, "values": []})
            row["values"].append(s.value)
    rows = sorted(per_criterion.values(), key=lambda r: (r["criterion"].order, r["criterion"].pk))
    for row in rows:
        row["mean"] = round(mean(row["values"]), 1)
        row["min"], row["max"] = min(row["values"]), max(row["values"])
        row["spread"] = row["max"] - row["min"]
    return {
        "assignments": assignments,
        "count": len(totals),
        "score": round(mean(totals), 1) if totals else None,
        "spread": round(max(totals) - min(totals), 1) if totals else None,
        "criteria": rows,
    }


DEFAULT_RUBRIC = [
    # name_fi, name_sv, name_en, weight, inverted
    ("Hyöty asiakkaille", "Nytta för kunderna", "Benefit to customers", 2, False),
    ("Hyöty henkilöstölle", "Nytta för personalen", "Benefit to staff", 1.5, False),
    ("Toteutuksen työmäärä", "Arbetsinsats", "Effort to implement", 1, True),
    ("Kustannukset", "Kostnader", "Cost", 1, True),
    ("Sopivuus strategiaan", "Förenlighet med strategin", "Fit with strategy", 1, False),
    ("Hyöty yli yksikkörajojen", "Nytta över enhetsgränserna", "Value across units", 1, False),
]


def ensure_default_rubric(organization: Organization) -> None:
    if organization.criteria.exists():
        return
    Criterion.objects.bulk_create(
        Criterion(organization=organization, name_fi=fi, name_sv=sv, name_en=en, weight=w,
                  inverted=inv, order=i)
        for i, (fi, sv, en, w, inv) in enumerate(DEFAULT_RUBRIC)
    )
