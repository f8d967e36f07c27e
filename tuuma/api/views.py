"""The read side of the API: the public catalogue (no sign-in needed) and, for a signed-in
person or an API key, their own organizations' internal acts and ideas."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import translation
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from drf_spectacular.views import SpectacularAPIView
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import api_view, permission_classes
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.reverse import reverse

from tuuma.acts.models import Act, Adoption, Sector, Theme, Visibility

from . import queries
from .pagination import Keyset, keyset_page, ranked_page
from .serializers import (
    ActDetailSerializer,
    ActSerializer,
    IdeaSerializer,
    OrganizationSerializer,
    SectorSerializer,
    ThemeSerializer,
)
from .writes import ActWrites, IdeaWrites

NEWEST = Keyset("published_at", nullable=True, is_datetime=True)
MOST_ADOPTED = Keyset("adoption_count")
IDEAS_NEWEST = Keyset("created_at", is_datetime=True)


def page_of(serializer_class, name):
    """The schema of a keyset-paged list (one object, not a list of them)."""
    page = type(name, (serializers.Serializer,), {
        "next": serializers.URLField(allow_null=True, help_text="The next page, or null."),
        "results": serializer_class(many=True),
    })
    return extend_schema_serializer(many=False)(page)


ActPage = page_of(ActSerializer, "ActPage")
IdeaPage = page_of(IdeaSerializer, "IdeaPage")


def for_list(acts):
    return acts.select_related("organization").prefetch_related("translations", "themes",
                                                                "sectors")


def for_detail(acts):
    return for_list(acts).select_related("adopted_from").prefetch_related(
        "contacts", "metrics", "updates",
        Prefetch("adoptions", queryset=Adoption.objects.select_related("organization")))


class ActViewSet(ActWrites, viewsets.GenericViewSet):
    """Development acts: public ones for everyone, internal ones for their organization."""

    serializer_class = ActSerializer
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        return queries.visible_acts(self.request.user)

    @extend_schema(parameters=[queries.ActFilters], responses=ActPage)
    def list(self, request):
        params = queries.ActFilters(data=request.query_params)
        params.is_valid(raise_exception=True)
        f = params.validated_data
        user = request.user
        acts = queries.filter_acts(self.get_queryset(), f)
        if f.get("search", "").strip():
            rows, following = self._ranked(request, acts, f["search"])
        else:
            keyset = MOST_ADOPTED if f["sort"] == "adopted" else NEWEST
            public_only = queries.sees_only_public(user)
            rows, following = keyset_page(request, for_list(acts), keyset,
                                          without_nulls=public_only)
        data = ActSerializer(rows, many=True, context={"request": request}).data
        return Response({"next": following, "results": data})

    def _ranked(self, request, acts, query):
        """Best match first, as the web search ranks them; only acts the person may see."""
        from tuuma.search.query import matching_act_ids

        ids = matching_act_ids(query, user=request.user, limit=1000)
        allowed = set(acts.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
        chosen, following = ranked_page(request, [i for i in ids if i in allowed])
        found = {a.pk: a for a in for_list(Act.objects.filter(pk__in=chosen))}
        return [found[i] for i in chosen if i in found], following

    @extend_schema(responses=ActDetailSerializer)
    def retrieve(self, request, pk):
        act = get_object_or_404(for_detail(self.get_queryset()), pk=pk)
        return Response(ActDetailSerializer(act, context={"request": request}).data)


class OrganizationPages(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500


class OrganizationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                          viewsets.GenericViewSet):
    """Organizations with published acts (and your own), with their public act counts."""

    serializer_class = OrganizationSerializer
    pagination_class = OrganizationPages
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]{1,80}"
    permission_classes = [AllowAny]

    def get_queryset(self):
        return queries.listed_organizations(self.request.user).order_by("name_fi", "pk")


def _with_public_counts(model):
    return model.objects.annotate(public_act_count=Count(
        "acts", filter=Q(acts__visibility=Visibility.PUBLIC))).order_by("name_fi")


class ThemeViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The controlled list of themes, with how many published acts carry each."""

    serializer_class = ThemeSerializer
    permission_classes = [AllowAny]

    def get_queryset(self):
        return _with_public_counts(Theme)


class SectorViewSet(ThemeViewSet):
    """The national sectors (toimialat), with how many published acts carry each."""

    serializer_class = SectorSerializer

    def get_queryset(self):
        return _with_public_counts(Sector)


class IdeaViewSet(IdeaWrites, viewsets.GenericViewSet):
    """Ideas of your own organizations (sign-in or API key needed)."""

    serializer_class = IdeaSerializer
    permission_classes = [IsAuthenticated]
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        return (queries.visible_ideas(self.request.user)
                .select_related("organization", "author").prefetch_related("units"))

    @extend_schema(parameters=[queries.IdeaFilters], responses=IdeaPage)
    def list(self, request):
        params = queries.IdeaFilters(data=request.query_params)
        params.is_valid(raise_exception=True)
        ideas = queries.filter_ideas(self.get_queryset(), params.validated_data)
        rows, following = keyset_page(request, ideas, IDEAS_NEWEST)
        data = IdeaSerializer(rows, many=True, context={"request": request}).data
        return Response({"next": following, "results": data})

    @extend_schema(responses=IdeaSerializer)
    def retrieve(self, request, pk):
        idea = get_object_or_404(self.get_queryset(), pk=pk)
        return Response(IdeaSerializer(idea, context={"request": request}).data)


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema, described in English whatever the person's language."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        with translation.override("en"):
            return super().get(request, *args, **kwargs)


class Index(serializers.Serializer):
    acts = serializers.URLField()
    organizations = serializers.URLField()
    themes = serializers.URLField()
    sectors = serializers.URLField()
    ideas = serializers.URLField()
    schema = serializers.URLField()


@extend_schema(responses=Index, summary="Links to the API's lists and its OpenAPI schema")
@api_view(["GET"])
@permission_classes([AllowAny])
def index(request):
    names = {"acts": "api:act-list", "organizations": "api:organization-list",
             "themes": "api:theme-list", "sectors": "api:sector-list",
             "ideas": "api:idea-list", "schema": "api:schema"}
    return Response({key: reverse(name, request=request) for key, name in names.items()})
