"""What the write API accepts. Only shapes are checked here: the action functions decide
who may do what and keep the rules (tuuma/acts/actions.py, tuuma/ideas/actions.py)."""

from django.core import validators
from rest_framework import serializers

from tuuma.acts.models import LANGUAGES, ActStatus, Sector, Theme
from tuuma.ideas.models import Beneficiary, Status

from .fields import CleanCharField


class SlugChoiceField(serializers.SlugRelatedField):
    """A slug from a controlled list. Anything that is not slug-shaped (a NUL byte, say, which
    PostgreSQL refuses outright) is answered as unknown without asking the database."""

    def to_internal_value(self, data):
        if not isinstance(data, str) or not validators.slug_re.fullmatch(data):
            self.fail("does_not_exist", slug_name=self.slug_field, value=str(data)[:80])
        return super().to_internal_value(data)


def text(max_length, **kwargs):
    kwargs.setdefault("required", False)
    kwargs.setdefault("allow_blank", True)
    return CleanCharField(max_length=max_length, **kwargs)


class ActInput(serializers.Serializer):
    """The act's own fields; on create `organization` and `title` are required."""

    organization = serializers.SlugField(
        max_length=80, required=False, write_only=True,
        help_text="The organization's slug (create only; ignored when editing).")
    title = text(200, allow_blank=False, required=True)
    summary = text(1000)
    need_and_goals = text(20000)
    solution = text(20000)
    results = text(20000)
    lessons = text(20000)
    status = serializers.ChoiceField(ActStatus.choices, required=False)
    start = serializers.DateField(required=False, allow_null=True)
    end = serializers.DateField(required=False, allow_null=True)
    language = serializers.ChoiceField(LANGUAGES, required=False)
    source_url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    themes = SlugChoiceField(slug_field="slug", many=True, required=False,
                             queryset=Theme.objects.all())
    sectors = SlugChoiceField(slug_field="slug", many=True, required=False,
                              queryset=Sector.objects.all())
    units = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False,
                                  max_length=200,
                                  help_text="Ids of the organization's own units.")
    team = serializers.ListField(
        child=serializers.EmailField(max_length=254), required=False, max_length=100,
        help_text="E-mail addresses of the organization's people who made the act; team "
                  "members may edit it. On create you are on the team anyway; when editing, "
                  "the list replaces the team.")
    origin_ideas = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=100,
        help_text="Ids of the organization's accepted or implemented ideas the act comes from.")


class TranslationInput(serializers.Serializer):
    language = serializers.ChoiceField(LANGUAGES)
    title = text(200, help_text="An empty title removes the translation.")
    summary = text(1000)
    need_and_goals = text(20000)
    solution = text(20000)
    results = text(20000)
    lessons = text(20000)


class AdoptInput(serializers.Serializer):
    organization = serializers.SlugField(
        max_length=80, help_text="Slug of your organization that adopts the act.")
    note = text(2000)
    create_linked_act = serializers.BooleanField(
        default=False, help_text="Also create your organization's own linked act.")


class UpdateInput(serializers.Serializer):
    body = CleanCharField(max_length=5000)


class ContactInput(serializers.Serializer):
    name = CleanCharField(max_length=200)
    title = text(200)
    organization = text(200)
    email = serializers.EmailField(required=False, allow_blank=True)


class MetricInput(serializers.Serializer):
    name = CleanCharField(max_length=200)
    unit = text(40)
    baseline = serializers.DecimalField(14, 2, required=False, allow_null=True)
    target = serializers.DecimalField(14, 2, required=False, allow_null=True)
    result = serializers.DecimalField(14, 2, required=False, allow_null=True)
    measured_on = serializers.DateField(required=False, allow_null=True)


class IdeaInput(serializers.Serializer):
    organization = serializers.SlugField(
        max_length=80, required=False, write_only=True,
        help_text="The organization's slug (create only; ignored when editing).")
    title = CleanCharField(max_length=200)
    problem = CleanCharField(max_length=10000)
    proposal = CleanCharField(max_length=10000)
    beneficiaries = serializers.ChoiceField(Beneficiary.choices, required=False)
    hide_author = serializers.BooleanField(required=False)
    units = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False,
                                  max_length=200,
                                  help_text="Ids of the organization's own units.")


class CommentInput(serializers.Serializer):
    body = CleanCharField(max_length=5000)


class OnOffInput(serializers.Serializer):
    on = serializers.BooleanField(default=True)


DECISIONS = [(s.value, s.label) for s in
             (Status.ACCEPTED, Status.PARKED, Status.DECLINED, Status.IMPLEMENTED)]


class DecisionInput(serializers.Serializer):
    outcome = serializers.ChoiceField(DECISIONS)
    reason = text(5000, help_text="Required unless the outcome is implemented.")
    parked_until = serializers.DateField(required=False, allow_null=True,
                                         help_text="Required when the idea is parked.")
