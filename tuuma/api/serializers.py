"""What the API returns. Writes are described in inputs.py."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tuuma.acts.models import Act, ActUpdate, Adoption, Contact, Metric, Sector, Theme
from tuuma.ideas.models import Comment, Idea
from tuuma.organizations.models import Organization
from tuuma.organizations.permissions import Action, can

from .fields import ActTextField, NameField


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class OrganizationRef(serializers.ModelSerializer):
    name = NameField()

    class Meta:
        model = Organization
        fields = ["slug", "name", "verified"]


class OrganizationSerializer(serializers.ModelSerializer):
    name = NameField()
    public_act_count = serializers.IntegerField(read_only=True,
                                                help_text="Published acts only.")

    class Meta:
        model = Organization
        fields = ["slug", "name", "org_type", "region", "municipality", "verified",
                  "public_act_count"]


class ThemeSerializer(serializers.ModelSerializer):
    name = NameField()
    public_act_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Theme
        fields = ["slug", "name", "public_act_count"]


class SectorSerializer(ThemeSerializer):
    class Meta(ThemeSerializer.Meta):
        model = Sector


class ActSerializer(serializers.ModelSerializer):
    """An act in a list: enough to show a catalogue row."""

    url = serializers.SerializerMethodField(help_text="The act's page on the web.")
    organization = OrganizationRef(read_only=True)
    title = ActTextField()
    summary = ActTextField()
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    sectors = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Act
        fields = ["id", "external_id", "url", "organization", "title", "summary", "status",
                  "language", "visibility", "themes", "sectors", "start", "end",
                  "published_at", "adoption_count", "updated_at"]
        read_only_fields = fields

    def get_url(self, act) -> str:
        return absolute(self.context.get("request"), act.get_absolute_url())


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = ["name", "title", "organization", "email"]


class MetricSerializer(serializers.ModelSerializer):
    class Meta:
        model = Metric
        fields = ["name", "unit", "baseline", "target", "result", "measured_on"]


class UpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActUpdate
        fields = ["id", "body", "created_at", "edited_at"]


class AdoptionSerializer(serializers.ModelSerializer):
    organization = OrganizationRef(read_only=True)

    class Meta:
        model = Adoption
        fields = ["organization", "created_at"]


class ActDetailSerializer(ActSerializer):
    need_and_goals = ActTextField()
    solution = ActTextField()
    results = ActTextField()
    lessons = ActTextField()
    contacts = ContactSerializer(many=True, read_only=True)
    metrics = MetricSerializer(many=True, read_only=True)
    updates = UpdateSerializer(many=True, read_only=True)
    adoptions = AdoptionSerializer(many=True, read_only=True)
    adopted_from = serializers.SerializerMethodField(
        help_text="The public act this one adopts, if any.")
    source_url = serializers.CharField(read_only=True,
                                       help_text="The original address, or an empty string.")

    class Meta(ActSerializer.Meta):
        fields = [*ActSerializer.Meta.fields, "need_and_goals", "solution", "results",
                  "lessons", "contacts", "metrics", "updates", "adoptions", "adopted_from",
                  "source_url", "created_at"]
        read_only_fields = fields

    def get_adopted_from(self, act) -> int | None:
        source = act.adopted_from
        return source.pk if source is not None and source.is_public else None


class IdeaSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    author = serializers.SerializerMethodField(
        help_text="The author's name, or null when it is hidden from you.")
    units = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Idea
        fields = ["id", "url", "organization", "title", "problem", "proposal",
                  "beneficiaries", "units", "status", "hide_author", "author",
                  "decision_reason", "parked_until", "support_count", "comment_count",
                  "created_at", "due_at", "answered_at"]
        read_only_fields = fields

    def get_url(self, idea) -> str:
        return absolute(self.context.get("request"), idea.get_absolute_url())

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_author(self, idea):
        user = self.context["request"].user
        # Only a hidden name needs the resolver; a member sees every other author's name.
        if idea.hide_author and not can(user, Action.IDEA_SEE_AUTHOR, idea):
            return None
        return idea.author.full_name or idea.author.email


class CommentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Comment
        fields = ["id", "body", "created_at"]
        read_only_fields = fields


class SupportResult(serializers.Serializer):
    supported = serializers.BooleanField()
    support_count = serializers.IntegerField()


class FollowResult(serializers.Serializer):
    following = serializers.BooleanField()


class AdoptionResult(serializers.ModelSerializer):
    organization = OrganizationRef(read_only=True)
    linked_act = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Adoption
        fields = ["act", "organization", "note", "linked_act", "created_at"]
        read_only_fields = fields
