"""factory_boy factories with Finnish-flavoured data."""

from datetime import timedelta

import factory
from django.utils import timezone

from tuuma.accounts.models import User
from tuuma.ideas.models import Idea
from tuuma.organizations.models import Membership, Organization, Unit

PASSWORD = "Salasana-123!"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"henkilo{n}@example.fi")
    full_name = factory.Faker("name", locale="fi_FI")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        skip_postgeneration_save = True

    name_fi = factory.Sequence(lambda n: f"Testilän kaupunki {n}")
    slug = factory.Sequence(lambda n: f"testila-{n}")
    municipality = "Testilä"
    region = "Pirkanmaa"

    @factory.post_generation
    def rubric(obj, create, extracted, **kwargs):
        from tuuma.evaluation.models import ensure_default_rubric

        if create:
            ensure_default_rubric(obj)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organization = factory.SubFactory(OrganizationFactory)
    name_fi = factory.Sequence(lambda n: f"Yksikkö {n}")
    kind = "unit"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    organization = factory.SubFactory(OrganizationFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Idea numero {n}")
    problem = "Asiakkaat joutuvat jonottamaan puhelimessa pitkään."
    proposal = "Otetaan käyttöön takaisinsoitto."
    created_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyAttribute(lambda o: o.created_at + timedelta(days=30))
