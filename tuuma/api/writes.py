"""The write side: for organizations' own integrations, with exactly the web's permissions.

Each endpoint first asks the resolver whether the person may do this to this object (404 when
they may not even see it, 403 when they may not act, as on the web pages), then checks the
input's shape, then calls the same action function the web page calls.
"""

import re

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from tuuma.acts import actions as act_actions
from tuuma.acts.models import Act
from tuuma.ideas import actions as idea_actions
from tuuma.ideas.models import Idea, Status
from tuuma.organizations.models import Organization, Unit
from tuuma.organizations.permissions import Action, require

from . import inputs
from .serializers import (
    ActDetailSerializer,
    AdoptionResult,
    CommentSerializer,
    ContactSerializer,
    FollowResult,
    IdeaSerializer,
    MetricSerializer,
    SupportResult,
    UpdateSerializer,
)

ERRORS = {400: OpenApiResponse(description="Invalid input; messages by field."),
          401: OpenApiResponse(description="No valid API key or session."),
          403: OpenApiResponse(description="You may see this but not do this."),
          404: OpenApiResponse(description="Not found, or not visible to you.")}


def responses(ok, code=200):
    return {code: ok, **ERRORS}


def valid(serializer_class, request, **kwargs):
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")  # checked before it reaches the database


def organization_in(request, action) -> Organization:
    """The organization named by slug in the body: 404 unless the person may see it."""
    data = request.data if isinstance(request.data, dict) else {}
    slug = data.get("organization")
    if not isinstance(slug, str) or not SLUG.fullmatch(slug):
        raise ValidationError({"organization": ["Give the organization's slug."]})
    org = get_object_or_404(Organization, slug=slug)
    require(request.user, action, org)
    return org


def units_of(organization, ids) -> list[Unit]:
    units = list(Unit.objects.filter(organization=organization, pk__in=set(ids)))
    unknown = sorted(set(ids) - {u.pk for u in units})
    if unknown:
        raise ValidationError({"units": [f"Not a unit of this organization: {unknown}"]})
    return units


def fields_for(request, organization, serializer_class, **kwargs) -> dict:
    """The body checked by SERIALIZER_CLASS, with unit ids resolved in the organization (the
    organization itself comes from the URL or organization_in, never from the fields)."""
    fields = valid(serializer_class, request, **kwargs)
    fields.pop("organization", None)
    if "units" in fields:
        fields["units"] = units_of(organization, fields["units"])
    if "team" in fields:
        fields["authors"] = team_of(organization, fields.pop("team"))
    if "origin_ideas" in fields:
        fields["origin_ideas"] = origin_ideas_of(organization, fields["origin_ideas"])
    return fields


def team_of(organization, emails) -> list:
    from tuuma.acts.forms import members_by_email

    try:
        return members_by_email(",".join(emails), organization)
    except DjangoValidationError as e:
        raise ValidationError({"team": e.messages}) from None


def origin_ideas_of(organization, ids) -> list[Idea]:
    """The organization's accepted or implemented ideas by id (as the web form offers them)."""
    ideas = list(Idea.objects.filter(organization=organization, pk__in=set(ids),
                                     status__in=[Status.ACCEPTED, Status.IMPLEMENTED]))
    unknown = sorted(set(ids) - {i.pk for i in ideas})
    if unknown:
        raise ValidationError({"origin_ideas": [
            f"Not an accepted or implemented idea of this organization: {unknown}"]})
    return ideas


def detail(request, act, code=status.HTTP_200_OK) -> Response:
    from .views import for_detail

    act = for_detail(Act.objects.all()).get(pk=act.pk)
    return Response(ActDetailSerializer(act, context={"request": request}).data, status=code)


class ActWrites:
    def _act(self, request, pk, permission) -> Act:
        act = get_object_or_404(Act.objects.select_related("organization"), pk=pk)
        require(request.user, permission, act)
        return act

    @extend_schema(request=inputs.ActInput, responses=responses(ActDetailSerializer, 201))
    def create(self, request):
        """A new act, internal to the organization until it is published."""
        org = organization_in(request, Action.ACT_CREATE)
        fields = fields_for(request, org, inputs.ActInput)
        act = act_actions.create_act(org, by=request.user, **fields)
        return detail(request, act, status.HTTP_201_CREATED)

    @extend_schema(request=inputs.ActInput, responses=responses(ActDetailSerializer))
    def partial_update(self, request, pk):
        """Change the fields given; the others stay."""
        act = self._act(request, pk, Action.ACT_EDIT)
        fields = fields_for(request, act.organization, inputs.ActInput, partial=True)
        act_actions.edit_act(act, by=request.user, **fields)
        return detail(request, act)

    @extend_schema(request=None, responses={204: None, **ERRORS})
    def destroy(self, request, pk):
        """Delete a draft that was never published (a published act is withdrawn instead:
        its address stays). 400 for a published act."""
        act = self._act(request, pk, Action.ACT_EDIT)
        act_actions.delete_act(act, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=inputs.TranslationInput, responses=responses(ActDetailSerializer))
    @action(detail=True, methods=["post"])
    def translations(self, request, pk):
        """Add or replace the act's texts in another language."""
        act = self._act(request, pk, Action.ACT_EDIT)
        texts = valid(inputs.TranslationInput, request)
        act_actions.save_translation(act, by=request.user, **texts)
        return detail(request, act)

    @extend_schema(request=None, responses=responses(ActDetailSerializer))
    @action(detail=True, methods=["post"], url_path="request-publishing")
    def request_publishing(self, request, pk):
        """Ask the organization's admins and editors to publish (they publish directly)."""
        act = self._act(request, pk, Action.ACT_EDIT)
        return detail(request, act_actions.request_publishing(act, by=request.user))

    @extend_schema(request=None, responses=responses(ActDetailSerializer))
    @action(detail=True, methods=["post"])
    def publish(self, request, pk):
        """Publish in the public catalogue (organization admins and catalogue editors)."""
        act = self._act(request, pk, Action.ACT_PUBLISH)
        return detail(request, act_actions.publish(act, by=request.user))

    @extend_schema(request=None, responses=responses(ActDetailSerializer))
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk):
        """Take the act back from the catalogue, or turn a publishing request down."""
        act = self._act(request, pk, Action.ACT_PUBLISH)
        return detail(request, act_actions.withdraw(act, by=request.user))

    @extend_schema(request=inputs.AdoptInput, responses=responses(AdoptionResult, 201))
    @action(detail=True, methods=["post"])
    def adopt(self, request, pk):
        """Another organization says "we are adopting this"; the original team is told."""
        act = self._act(request, pk, Action.ACT_ADOPT)
        data = valid(inputs.AdoptInput, request)
        org = Organization.objects.filter(slug=data.pop("organization"),
                                          memberships__user=request.user).first()
        if org is None:
            raise ValidationError({"organization": ["Choose one of your organizations."]})
        adoption = act_actions.adopt(act, by=request.user, organization=org, **data)
        return Response(AdoptionResult(adoption).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=inputs.UpdateInput, responses=responses(UpdateSerializer, 201))
    @action(detail=True, methods=["post"])
    def updates(self, request, pk):
        """Add an entry to the act's diary."""
        act = self._act(request, pk, Action.ACT_EDIT)
        update = act_actions.add_update(act, by=request.user, **valid(inputs.UpdateInput,
                                                                      request))
        return Response(UpdateSerializer(update).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=inputs.UpdateInput, responses=responses(UpdateSerializer))
    @action(detail=True, methods=["patch"], url_path=r"updates/(?P<update_id>[0-9]+)",
            url_name="update-entry")
    def update_entry(self, request, pk, update_id):
        """Correct a diary entry (it keeps its date and shows when it was edited)."""
        act = self._act(request, pk, Action.ACT_EDIT)
        entry = get_object_or_404(act.updates, pk=update_id)
        entry = act_actions.edit_update(entry, by=request.user,
                                        **valid(inputs.UpdateInput, request))
        return Response(UpdateSerializer(entry).data)

    @extend_schema(request=None, responses={204: None, **ERRORS})
    @update_entry.mapping.delete
    def remove_update_entry(self, request, pk, update_id):
        """Remove a diary entry."""
        act = self._act(request, pk, Action.ACT_EDIT)
        act_actions.remove_update(get_object_or_404(act.updates, pk=update_id), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=inputs.ContactInput(many=True),
                   responses=responses(ContactSerializer(many=True)))
    @action(detail=True, methods=["put"])
    def contacts(self, request, pk):
        """Replace the contact persons; a person listed twice is kept once."""
        act = self._act(request, pk, Action.ACT_EDIT)
        rows = valid(inputs.ContactInput, request, many=True)
        saved = act_actions.set_contacts(act, by=request.user, contacts=[dict(r) for r in rows])
        return Response(ContactSerializer(saved, many=True).data)

    @extend_schema(request=inputs.MetricInput(many=True),
                   responses=responses(MetricSerializer(many=True)))
    @action(detail=True, methods=["put"])
    def metrics(self, request, pk):
        """Replace the metrics."""
        act = self._act(request, pk, Action.ACT_EDIT)
        rows = valid(inputs.MetricInput, request, many=True)
        saved = act_actions.set_metrics(act, by=request.user, metrics=[dict(r) for r in rows])
        return Response(MetricSerializer(saved, many=True).data)


DECISION_FIELDS = {"reason_required": "reason", "date_required": "parked_until",
                   "past_date": "parked_until"}


class IdeaWrites:
    def _idea(self, request, pk, permission) -> Idea:
        idea = get_object_or_404(Idea.objects.select_related("organization"), pk=pk)
        require(request.user, permission, idea)
        return idea

    def _answer(self, request, idea, code=status.HTTP_200_OK):
        idea = self.get_queryset().get(pk=idea.pk)
        return Response(IdeaSerializer(idea, context={"request": request}).data, status=code)

    @extend_schema(request=inputs.IdeaInput, responses=responses(IdeaSerializer, 201))
    def create(self, request):
        """Submit an idea in one of your organizations."""
        org = organization_in(request, Action.IDEA_SUBMIT)
        fields = fields_for(request, org, inputs.IdeaInput)
        idea = idea_actions.submit_idea(org, by=request.user, **fields)
        return self._answer(request, idea, status.HTTP_201_CREATED)

    @extend_schema(request=inputs.IdeaInput, responses=responses(IdeaSerializer))
    def partial_update(self, request, pk):
        """Edit the idea (its authors while it is new; internal developers)."""
        idea = self._idea(request, pk, Action.IDEA_EDIT)
        fields = fields_for(request, idea.organization, inputs.IdeaInput, partial=True)
        idea_actions.edit_idea(idea, by=request.user, **fields)
        return self._answer(request, idea)

    @extend_schema(request=inputs.CommentInput, responses=responses(CommentSerializer, 201))
    @action(detail=True, methods=["post"])
    def comments(self, request, pk):
        idea = self._idea(request, pk, Action.IDEA_COMMENT)
        comment = idea_actions.add_comment(idea, by=request.user,
                                           **valid(inputs.CommentInput, request))
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=inputs.OnOffInput, responses=responses(SupportResult))
    @action(detail=True, methods=["post"])
    def support(self, request, pk):
        """Support the idea ({"on": true}) or take the support back ({"on": false})."""
        idea = self._idea(request, pk, Action.IDEA_SUPPORT)
        on = valid(inputs.OnOffInput, request)["on"]
        idea_actions.set_support(idea, by=request.user, on=on)
        idea.refresh_from_db(fields=["support_count"])
        supported = idea.supports.filter(user=request.user).exists()
        return Response({"supported": supported, "support_count": idea.support_count})

    @extend_schema(request=inputs.OnOffInput, responses=responses(FollowResult))
    @action(detail=True, methods=["post"])
    def follow(self, request, pk):
        idea = self._idea(request, pk, Action.IDEA_FOLLOW)
        on = valid(inputs.OnOffInput, request)["on"]
        idea_actions.set_follow(idea, by=request.user, on=on)
        return Response({"following": idea.follows.filter(user=request.user).exists()})

    @extend_schema(request=inputs.DecisionInput, responses=responses(IdeaSerializer))
    @action(detail=True, methods=["post"])
    def decision(self, request, pk):
        """Accept, park, decline or mark implemented, with the reason the author reads."""
        idea = self._idea(request, pk, Action.IDEA_DECIDE)
        data = valid(inputs.DecisionInput, request)
        try:
            idea_actions.decide(idea, by=request.user, outcome=data["outcome"],
                                reason=data.get("reason", ""),
                                parked_until=data.get("parked_until"))
        except DjangoValidationError as e:
            field = DECISION_FIELDS.get(e.code, "non_field_errors")
            raise ValidationError({field: e.messages}) from None
        return self._answer(request, idea)

    @extend_schema(request=None, responses=responses(ActDetailSerializer, 201))
    @action(detail=True, methods=["post"])
    def act(self, request, pk):
        """Create a development act from an accepted idea: texts and authors carry over."""
        idea = self._idea(request, pk, Action.IDEA_VIEW)
        require(request.user, Action.ACT_CREATE, idea.organization)
        act = act_actions.create_from_idea(idea, by=request.user)
        return detail(request, act, status.HTTP_201_CREATED)
