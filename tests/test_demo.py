"""`tuuma demo`: a whole demo city in one command, created once, rebuilt on --reset."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from tests.factories import IdeaFactory, OrganizationFactory, UnitFactory, UserFactory
from tuuma.accounts.models import EmailMode, User
from tuuma.acts.models import Act, ActStatus, Adoption, Visibility
from tuuma.demo import content
from tuuma.demo.build import demo_users, email_for, logins
from tuuma.evaluation.models import Score, summary
from tuuma.ideas.models import Idea, Status
from tuuma.notifications.models import Notification
from tuuma.organizations.models import Membership, Organization, Unit, UnitKind
from tuuma.organizations.roles import Role
from tuuma.organizations.validators import business_id_is_valid

pytestmark = pytest.mark.django_db


def run_demo(*args) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def city():
    return Organization.objects.get(business_id=content.CITY["business_id"])


def counts() -> dict:
    return {"orgs": Organization.objects.count(), "users": User.objects.count(),
            "ideas": Idea.objects.count(), "units": Unit.objects.count(),
            "notifications": Notification.objects.count()}


def test_emails_are_ascii_and_use_the_example_domain():
    assert email_for("Päivi Mäkelä", "tuumala.example") == "paivi.makela@tuumala.example"
    assert all(email.endswith(".example") for _label, _name, email in logins())
    assert business_id_is_valid(content.CITY["business_id"])
    assert business_id_is_valid(content.OTHER["business_id"])


def test_demo_builds_a_whole_city():
    output = run_demo()
    org = city()
    assert (org.org_type, org.name_sv) == ("city", content.CITY["name_sv"])
    assert org.criteria.exists()  # the default rubric

    units = Unit.objects.filter(organization=org)
    assert units.filter(kind=UnitKind.SECTOR).count() >= 6
    assert units.count() >= 20 and not units.filter(name_sv="").exists()
    assert units.filter(kind=UnitKind.UNIT, parent__kind=UnitKind.SERVICE_AREA).count() >= 15

    members = Membership.objects.filter(organization=org)
    assert set().union(*(m.roles for m in members)) == set(Role)
    assert members.filter(is_developer=True).count() >= 2
    assert members.filter(is_decider=True).count() >= 2
    assert 25 <= members.count() <= 40 and demo_users().count() <= 60
    assert demo_users().filter(email_mode=EmailMode.WEEKLY).count() >= 2
    admin = User.objects.get(email=content.PLATFORM_ADMIN["email"])
    assert admin.is_platform_admin and admin.check_password(content.PASSWORD)
    assert all(u.check_password(content.PASSWORD) for u in demo_users()[:3])
    outsider = User.objects.get(email=email_for("Outi Rautio", content.OTHER_DOMAIN))
    assert not outsider.memberships.filter(organization=org).exists()

    ideas = Idea.objects.filter(organization=org)
    assert 55 <= ideas.count() <= 70
    assert set(ideas.values_list("status", flat=True)) == set(Status.values)
    assert Idea.objects.exclude(organization=org).exists()  # the other organization's

    # Over ~150 days; some open ideas are past the promise, most answers came in time.
    now = timezone.now()
    assert ideas.filter(created_at__lt=now - timezone.timedelta(days=120)).exists()
    assert ideas.overdue().exists()
    assert ideas.filter(status__in=[Status.SUBMITTED, Status.IN_EVALUATION],
                        due_at__gt=now).exists()
    answered = list(ideas.filter(answered_at__isnull=False))
    late = [i for i in answered if not i.answered_in_time]
    assert 0 < len(late) < len(answered) / 2
    for idea in ideas.prefetch_related("history"):
        history = list(idea.history.all())
        assert history[0].at == idea.created_at and history[-1].to_status == idea.status
        assert idea.due_at - idea.created_at == timezone.timedelta(days=org.response_days)
        assert idea.support_count == idea.supports.count()
        assert idea.comment_count == idea.comments.count()
        assert not idea.comments.filter(created_at__lt=idea.created_at).exists()
    assert not Notification.objects.filter(created_at__gt=now).exists()

    parked = ideas.filter(status=Status.PARKED)
    assert all(i.parked_until > timezone.localdate() for i in parked)
    assert not ideas.filter(status=Status.DECLINED, decision_reason="").exists()
    assert not ideas.filter(status=Status.MERGED, merged_into=None).exists()
    assert ideas.filter(hide_author=True).exists()
    assert ideas.filter(coauthors__isnull=False).exists()
    assert any(i.units.count() >= 3 for i in ideas)

    assert Score.objects.filter(assignment__idea__organization=org).exists()
    evaluated = [summary(i) for i in ideas.filter(assignments__submitted_at__isnull=False)
                 .distinct()]
    assert len({s["score"] for s in evaluated}) > 5
    assert any(s["count"] >= 2 and s["spread"] > 20 for s in evaluated)

    for _label, _name, email in logins():
        assert email in output and User.objects.filter(email=email).exists()
    assert content.PASSWORD in output and "http://127.0.0.1:" in output

    before = counts()
    assert "already exists" in run_demo()
    assert counts() == before


def test_demo_has_a_catalogue_of_acts_in_every_state():
    run_demo()
    org, kaisla = city(), Organization.objects.get(business_id=content.OTHER["business_id"])
    acts = Act.objects.filter(organization=org)
    assert 12 <= acts.count() <= 16
    assert set(acts.values_list("visibility", flat=True)) == set(Visibility.values)
    assert set(acts.values_list("status", flat=True)) == set(ActStatus.values)
    pending = acts.get(visibility=Visibility.PENDING)
    assert pending.origin_ideas.get().status == Status.ACCEPTED
    editors = Notification.objects.filter(act=pending, kind="publish_request")
    assert {n.user.email for n in editors} >= {email_for("Noora Valtonen", content.CITY_DOMAIN)}
    from_idea = acts.get(origin_ideas__status=Status.IMPLEMENTED)
    assert from_idea.is_public and from_idea.need_and_goals == from_idea.origin_ideas.get().problem
    assert from_idea.metrics.count() == 2 and from_idea.updates.count() == 3
    assert from_idea.contacts.filter(user__isnull=False).count() == 2
    assert acts.filter(translations__language="sv").exists()

    public = Act.objects.public()
    assert public.count() >= 20 and not public.filter(published_at=None).exists()
    assert not public.filter(published_at__gt=timezone.now()).exists()
    orgs = Organization.objects.filter(acts__in=public).distinct()
    assert orgs.count() >= 10
    assert len(set(orgs.values_list("org_type", flat=True))) >= 5
    assert len(set(orgs.values_list("region", flat=True))) >= 8
    assert public.filter(language="sv").exists()
    assert all(a.themes.exists() and a.sectors.exists() for a in public)

    adoption = Adoption.objects.get(organization=kaisla)
    assert adoption.act == from_idea and adoption.linked_act.organization == kaisla
    assert from_idea.adoption_count == from_idea.adoptions.count() == 3
    assert Adoption.objects.filter(organization=org).exists()  # the city adopts too
    assert all(a.created_at > a.act.published_at for a in Adoption.objects.all())


def test_demo_is_created_once_and_reset_rebuilds_it():
    """--reset deletes the old demo (units, ideas, people) but nothing else, then rebuilds."""
    old = OrganizationFactory(name_fi="Vanha demo", business_id=content.CITY["business_id"])
    sector = UnitFactory(organization=old, kind=UnitKind.SECTOR)
    UnitFactory(organization=old, parent=sector)
    demo_user = UserFactory(email=f"vanha.tuumalainen@{content.CITY_DOMAIN}")
    IdeaFactory(organization=old, author=demo_user)
    bystander = IdeaFactory()

    output = run_demo()
    assert "already exists" in output and content.PASSWORD in output
    assert Organization.objects.get(pk=old.pk).name_fi == "Vanha demo"

    run_demo("--reset")
    assert Act.objects.count() >= 25
    acts = Act.objects.count()
    run_demo("--reset")
    assert Act.objects.count() == acts
    assert not Organization.objects.filter(pk=old.pk).exists()
    assert not User.objects.filter(pk=demo_user.pk).exists()
    assert Idea.objects.filter(pk=bystander.pk).exists()
    assert city().ideas.count() >= 55


def test_synthetic_data_at_scale():
    from django.db.models import Count

    from tuuma.search.models import SearchDoc

    output = run_demo("--acts", "120", "--ideas", "300", "--seed", "7")
    assert "120" in output and "300" in output and " s" in output
    acts = Act.objects.all()
    assert acts.count() == 120 and Idea.objects.count() == 300
    assert set(acts.values_list("visibility", flat=True)) == set(Visibility.values)
    assert not acts.filter(themes=None).exists() and not acts.filter(sectors=None).exists()
    assert not acts.public().filter(published_at=None).exists()
    assert all(a.slug and a.title and a.need_and_goals for a in acts)
    counted = acts.annotate(n=Count("adoptions"))
    assert all(a.adoption_count == a.n for a in counted) and Adoption.objects.exists()
    assert not Adoption.objects.filter(organization=F("act__organization")).exists()
    orgs = Organization.objects.all()
    assert orgs.count() >= 20 and len(set(orgs.values_list("region", flat=True))) >= 15
    ideas = Idea.objects.select_related("author")
    assert all(i.author.memberships.filter(organization=i.organization_id).exists()
               for i in ideas[:50])
    assert set(ideas.values_list("status", flat=True)) >= {Status.SUBMITTED, Status.ACCEPTED}
    assert SearchDoc.objects.count() == 420  # the index was rebuilt once at the end
    run_demo("--acts", "10", "--no-index")  # adds to what is there
    assert Act.objects.count() == 130
