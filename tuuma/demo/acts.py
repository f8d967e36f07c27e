"""The demo's development acts, told through the real act actions and then moved back in time.

Runs after the idea stories (two acts grow from the city's demo ideas) and before people's
e-mail choices are restored, so no demo mail is queued.
"""

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from tuuma.accounts.models import EmailMode, User
from tuuma.acts import actions
from tuuma.acts.models import Act, ActUpdate, Adoption, Sector, Theme
from tuuma.ideas.models import Idea
from tuuma.notifications.models import Notification
from tuuma.organizations.actions import create_organization
from tuuma.organizations.models import Membership, Organization
from tuuma.organizations.permissions import Action, can

from . import content
from .acts_content import ALL_ACTS, ORGS, ActText


class ActStories:
    def __init__(self, builder, city, other):
        self.b = builder
        self.orgs: dict[str, Organization] = {"city": city.org, "kaisla": other.org}
        self.people: dict[str, dict[str, User]] = {"city": city.people, "kaisla": other.people}
        self.persons = {p.key: p for p in (*content.CITY_PEOPLE, *content.OTHER_PEOPLE)}
        self.units = city.units
        self.publisher = {"city": city.people["noora"], "kaisla": other.people["outi"]}
        self.themes = {t.slug: t for t in Theme.objects.all()}
        self.sectors = {s.slug: s for s in Sector.objects.all()}
        self.acts: dict[str, Act] = {}

    def run(self) -> int:
        for key, spec, domain, person in ORGS:
            self.organization(key, spec, domain, person)
        for text in ALL_ACTS:
            self.acts[text.key] = self.tell(text)
        for text in ALL_ACTS:
            for org_key, note, linked in text.adopted_by:
                self.adopt(text, org_key, note, linked)
        self.settle()
        return len(self.acts)

    # --- organizations ------------------------------------------------------------------------
    def organization(self, key, spec, domain, person) -> None:
        from .build import email_for  # build imports this module

        name, title = person
        org = create_organization(by=None, **spec)
        Organization.objects.filter(pk=org.pk).update(created_at=self.b.ago(400))
        user = User.objects.create(
            email=email_for(name, domain), full_name=name, title=title,
            password=self.b.password, email_mode=EmailMode.NONE,
            date_joined=self.b.ago(380))
        Membership.objects.create(user=user, organization=org, is_admin=True, is_editor=True,
                                  is_developer=True, is_decider=True)
        self.orgs[key], self.people[key], self.publisher[key] = org, {"lead": user}, user
        self.b.summary.people += 1

    # --- one act ------------------------------------------------------------------------------
    def user(self, org_key: str, person_key: str | None = None) -> User:
        people = self.people[org_key]
        return people[person_key] if person_key in people else next(iter(people.values()))

    def months_ago(self, months):
        return None if months is None else timezone.localdate() - timedelta(days=30 * months)

    def tell(self, text: ActText) -> Act:
        org = self.orgs[text.org]
        team = [self.user(text.org, k) for k in text.team]
        creator = next((u for u in team if can(u, Action.ACT_CREATE, org)),
                       self.publisher[text.org])
        start, end = (self.months_ago(m) for m in (text.months or (None, None)))
        fields = {
            "summary": text.summary, "results": text.results, "lessons": text.lessons,
            "status": text.status, "start": start, "end": end, "language": text.language,
            "themes": [self.themes[t] for t in text.themes],
            "sectors": [self.sectors[s] for s in text.sectors],
            "units": [self.units[u] for u in text.units if text.org == "city"],
        }
        if text.idea:
            idea = Idea.objects.get(organization=org, title=text.idea)
            act = actions.create_from_idea(idea, by=creator)
            fields["authors"] = [*act.authors.all(), *team]
            act = actions.edit_act(act, by=creator, **fields)
        else:
            act = actions.create_act(org, by=creator, title=text.title,
                                     need_and_goals=text.need, solution=text.solution,
                                     authors=team, **fields)
        actions.set_contacts(act, by=creator, contacts=[self.contact(text.org, c)
                                                        for c in text.contacts])
        measured = timezone.localdate() - timedelta(days=max(text.days_ago - 10, 1))
        actions.set_metrics(act, by=creator, metrics=[
            {"name": name, "unit": unit, "baseline": base, "target": target, "result": result,
             "measured_on": measured} for name, unit, base, target, result in text.metrics])
        if text.translation:
            actions.save_translation(act, by=creator, **text.translation)
        for days, who, body in text.updates:
            update = actions.add_update(act, by=self.user(text.org, who), body=body)
            ActUpdate.objects.filter(pk=update.pk).update(created_at=self.b.ago(days))
        if text.visibility == "public":
            actions.publish(act, by=self.publisher[text.org])
        elif text.visibility == "pending":
            actions.request_publishing(act, by=creator)
        self.stamp(act, text)
        return act

    def contact(self, org_key: str, who) -> dict:
        if isinstance(who, tuple):
            name, title, email = who
            return {"name": name, "title": title, "email": email}
        user = self.user(org_key, who)
        person = self.persons.get(who)
        unit = self.units.get(person.unit) if person and org_key == "city" else None
        return {"user": user, "name": user.full_name, "title": user.title,
                "organization": unit.name_fi if unit else self.orgs[org_key].name_fi,
                "email": user.email}

    def stamp(self, act: Act, text: ActText) -> None:
        """Created a while before it was published; its notifications at the same moment."""
        published = self.b.ago(text.days_ago)
        created = self.b.ago(text.days_ago + self.b.rng.randint(10, 40))
        Act.objects.filter(pk=act.pk).update(
            created_at=created, updated_at=published,
            published_at=published if text.visibility == "public" else None)
        Notification.objects.filter(act=act, created_at__gte=self.b.start) \
            .update(created_at=published)

    # --- adoptions ----------------------------------------------------------------------------
    def adopt(self, text: ActText, org_key: str, note: str, linked: bool) -> None:
        act = Act.objects.get(pk=self.acts[text.key].pk)
        by = self.user(org_key, {"city": "marjo", "kaisla": "outi"}.get(org_key))
        adoption = actions.adopt(act, by=by, organization=self.orgs[org_key], note=note,
                                 create_linked_act=linked)
        moment = self.b.between(act.published_at + timedelta(days=3), self.b.ago(1))
        Adoption.objects.filter(pk=adoption.pk).update(created_at=moment)
        Notification.objects.filter(act=act, kind="adopted", created_at__gte=self.b.start) \
            .update(created_at=moment)
        if adoption.linked_act_id:
            Act.objects.filter(pk=adoption.linked_act_id).update(created_at=moment,
                                                                 updated_at=moment)

    def settle(self) -> None:
        """Older act notifications were read; the index learns the moved publication dates."""
        ours = Notification.objects.filter(act__organization__in=self.orgs.values())
        ours.filter(created_at__lt=self.b.ago(10)).update(
            read_at=F("created_at") + timedelta(hours=20), emailed_at=F("created_at"))
        try:
            from tuuma.search.index import index_acts
        except ImportError:
            return
        index_acts(Act.objects.filter(organization__in=self.orgs.values())
                   .values_list("pk", flat=True))
