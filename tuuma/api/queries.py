"""What the person asking may read through the API, and the catalogue's filters."""

from django.db.models import Count, Q
from rest_framework import serializers

from tuuma.acts.models import Act, ActStatus, Visibility
from tuuma.acts.queries import FACETS
from tuuma.ideas.models import Idea
from tuuma.ideas.models import Status as IdeaStatus
from tuuma.organizations.models import REGIONS, Organization, OrgType

PUBLIC = Q(visibility=Visibility.PUBLIC)


def own_organization_ids(user) -> list[int] | None:
    """The person's organizations; None means every organization (platform admins)."""
    if not user.is_authenticated:
        return []
    if user.is_platform_admin:
        return None
    return list(user.memberships.values_list("organization_id", flat=True))


def visible_acts(user):
    """Public acts and the person's own organizations' acts: one filter, no join."""
    own = own_organization_ids(user)
    if own is None:
        return Act.objects.all()
    if not own:
        return Act.objects.filter(PUBLIC)
    return Act.objects.filter(PUBLIC | Q(organization_id__in=own))


def sees_only_public(user) -> bool:
    return own_organization_ids(user) == []


def visible_ideas(user):
    own = own_organization_ids(user)
    return Idea.objects.all() if own is None else Idea.objects.filter(organization_id__in=own)


def listed_organizations(user):
    """Organizations with published acts, and the person's own; with public act counts."""
    orgs = Organization.objects.annotate(
        public_act_count=Count("acts", filter=Q(acts__visibility=Visibility.PUBLIC)))
    own = own_organization_ids(user)
    if own is None:
        return orgs
    return orgs.filter(Q(public_act_count__gt=0) | Q(pk__in=own))


def many(child, help_text):
    return serializers.ListField(child=child, required=False, max_length=50, help_text=help_text)


class ActFilters(serializers.Serializer):
    """The catalogue's filters. A filter given twice matches either value."""

    search = serializers.CharField(
        required=False, allow_blank=True, max_length=200,
        help_text="Words to search for, ranked as the web search ranks them (Finnish "
                  "inflections and compounds understood). Results come best first.")
    organization = many(serializers.SlugField(max_length=80), "Organization slug.")
    region = many(serializers.ChoiceField(REGIONS), "Region (maakunta) of the organization.")
    org_type = many(serializers.ChoiceField(OrgType.choices), "Type of the organization.")
    sector = many(serializers.SlugField(max_length=60), "Sector slug (see /sectors/).")
    theme = many(serializers.SlugField(max_length=60), "Theme slug (see /themes/).")
    status = many(serializers.ChoiceField(ActStatus.choices), "Status of the act.")
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2100,
                                    help_text="Year of publication (of creation if unpublished).")
    visibility = serializers.ChoiceField(
        Visibility.choices, required=False,
        help_text="Only your own organizations' acts can be other than public.")
    sort = serializers.ChoiceField(
        [("new", "new"), ("adopted", "adopted")], required=False, default="new",
        help_text="new: latest published first; adopted: most adopted first. "
                  "Ignored with search (best match first).")
    cursor = serializers.CharField(required=False, max_length=500,
                                   help_text="From the `next` link of the previous page.")
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100,
                                         default=25)


def filter_acts(acts, f: dict):
    """The web catalogue's filters (tuuma.acts.queries.FACETS), each accepting several values;
    plus visibility for a person's own internal acts."""
    for name, path in FACETS.items():
        values = f.get(name)
        if not values or name == "year":
            continue
        if "__" in path and path.split("__")[0] in ("themes", "sectors"):
            # Through the link table, so an act with two matching themes is listed once.
            relation, field = path.split("__", 1)
            links = getattr(Act, relation).through.objects
            column = relation[:-1]  # theme / sector
            acts = acts.filter(pk__in=links.filter(**{f"{column}__{field}__in": values})
                               .values("act_id"))
        else:
            acts = acts.filter(**{f"{path}__in": values})
    if f.get("visibility"):
        acts = acts.filter(visibility=f["visibility"])
    if f.get("year"):
        year = f["year"]
        acts = acts.filter(Q(published_at__year=year)
                           | Q(published_at__isnull=True, created_at__year=year))
    return acts


class IdeaFilters(serializers.Serializer):
    organization = many(serializers.SlugField(max_length=80), "Organization slug.")
    status = many(serializers.ChoiceField(IdeaStatus.choices), "Status of the idea.")
    cursor = serializers.CharField(required=False, max_length=500)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100,
                                         default=25)


def filter_ideas(ideas, f: dict):
    if f.get("organization"):
        ideas = ideas.filter(organization__slug__in=f["organization"])
    if f.get("status"):
        ideas = ideas.filter(status__in=f["status"])
    return ideas
