"""Build the demo city through the real action functions, then move it back in time.

Each idea is told as a story: steps (submit, support, comment, assign, evaluate, decide, merge)
at planned moments over the past ~150 days. A step runs the real action, and the rows it
created then get the step's moment, so the audit trail, notifications, counts and response
times all agree. The same seed always tells the same stories.
"""

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from tuuma.accounts.models import EmailMode, User
from tuuma.acts.models import Act, ActTranslation
from tuuma.evaluation.actions import assign_evaluators, submit_evaluation
from tuuma.evaluation.models import Assignment, Criterion
from tuuma.ideas.actions import add_comment, decide, merge, set_support, submit_idea
from tuuma.ideas.models import Comment, Idea, Status, StatusChange, Support
from tuuma.notifications.models import Notification
from tuuma.organizations.actions import create_organization
from tuuma.organizations.models import Membership, Organization, Unit, UnitKind

from . import content
from .acts import ActStories
from .acts_content import ORG_DOMAINS, ORGS
from .content import IdeaText, Person

SEED = 20250
HISTORY_DAYS = 150
FEATURED_EMPLOYEE = "laura"  # left with evaluations to do, so her login has work waiting

# The rows each kind of step creates, and the field that holds their moment.
STAMPED = {
    "submit": [(StatusChange, "at")],
    "support": [(Support, "created_at")],
    "comment": [(Comment, "created_at"), (Notification, "created_at")],
    "assign": [(StatusChange, "at"), (Assignment, "assigned_at"), (Notification, "created_at")],
    "evaluate": [(Assignment, "submitted_at"), (Notification, "created_at")],
    "decide": [(StatusChange, "at"), (Notification, "created_at")],
    "merge": [(StatusChange, "at"), (Notification, "created_at"), (Support, "created_at")],
}
MERIT = {  # (merit, effort) ranges on the 1–5 scale, by how the idea ends
    "accepted": ((3.8, 4.8), (1.5, 3.5)), "implemented": ((3.9, 4.9), (1.5, 3.2)),
    "parked": ((2.8, 3.7), (3.0, 4.5)), "declined": ((1.5, 2.7), (3.0, 5.0)),
}
DEFAULT_MERIT = ((2.0, 4.6), (1.5, 4.5))
TILT = {  # how the beneficiaries move the benefit criteria, found by their English names
    "customers": {"Benefit to customers": 0.6, "Benefit to staff": -0.8},
    "staff": {"Benefit to customers": -1.0, "Benefit to staff": 0.6},
}


def email_for(name: str, domain: str) -> str:
    """etunimi.sukunimi@domain, without Finnish letters."""
    local = name.lower().translate(str.maketrans("äöå ", "aoa."))
    return f"{local}@{domain}"


def demo_organizations():
    return Organization.objects.filter(business_id__in=[
        content.CITY["business_id"], content.OTHER["business_id"],
        *(spec["business_id"] for _key, spec, _domain, _person in ORGS)])


def demo_users():
    query = Q()
    for domain in (*content.DEMO_DOMAINS, *ORG_DOMAINS):
        query |= Q(email__iendswith=f"@{domain}")
    return User.objects.filter(query)


def demo_exists() -> bool:
    return Organization.objects.filter(business_id=content.CITY["business_id"]).exists()


@transaction.atomic
def delete_demo() -> None:
    """Delete the demo organizations (with their ideas, acts and units) and the demo people."""
    orgs = demo_organizations()
    # Translations first: deleting one re-indexes its act, which must still exist then.
    ActTranslation.objects.filter(act__organization__in=orgs).delete()
    Act.objects.filter(organization__in=orgs).delete()
    Idea.objects.filter(organization__in=orgs).delete()
    units = Unit.objects.filter(organization__in=orgs)
    while units.exists():  # parents are protected: leaves first
        units.filter(children__isnull=True).delete()
    orgs.delete()
    demo_users().delete()


def logins() -> list[tuple[str, str, str]]:
    """(role label, name, e-mail) for one person per role."""
    people = {p.key: (p.name, email_for(p.name, content.CITY_DOMAIN))
              for p in content.CITY_PEOPLE}
    people.update({p.key: (p.name, email_for(p.name, content.OTHER_DOMAIN))
                   for p in content.OTHER_PEOPLE})
    admin = content.PLATFORM_ADMIN
    people["platform"] = (admin["full_name"], admin["email"])
    return [(label, *people[key]) for label, key in content.LOGINS]


@dataclass
class Place:
    """One demo organization with its units and people by key."""

    org: Organization
    units: dict[str, Unit]
    sector_of: dict[str, str]  # unit or sector key → sector key
    persons: dict[str, Person]
    people: dict[str, User]
    criteria: list[Criterion] = field(default_factory=list)

    def sector(self, text: IdeaText) -> str:
        return self.sector_of[text.units[0]]

    def with_role(self, role: str) -> list[str]:
        return [k for k, p in self.persons.items() if role in p.roles]

    def in_sectors(self, sectors: set[str]) -> list[str]:
        return [k for k, p in self.persons.items() if self.sector_of[p.unit] in sectors]


@dataclass
class Step:
    when: datetime
    kind: str
    act: Callable[[Idea | None], object]


@dataclass
class Summary:
    ideas: Counter = field(default_factory=Counter)
    people: int = 0
    units: int = 0
    acts: int = 0


class Builder:
    """Creates the demo organizations, people and idea stories with one random generator."""

    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.start = timezone.now()
        self.now = self.start - timedelta(minutes=30)  # the latest moment any step takes
        self.password = make_password(content.PASSWORD)
        self.nth = Counter()  # ideas told so far per outcome, to spread ages evenly
        self.summary = Summary()

    # --- time ---------------------------------------------------------------------------------
    def ago(self, days: float) -> datetime:
        return self.now - timedelta(days=days)

    def between(self, lo: datetime, hi: datetime) -> datetime:
        hi = min(hi, self.now)
        return lo + (hi - lo) * self.rng.random() if hi > lo else hi

    def later(self, moment: datetime, lo: float, hi: float) -> datetime:
        """A moment lo…hi days after `moment`, never in the future."""
        return min(moment + timedelta(days=self.rng.uniform(lo, hi)), self.now)

    # --- organizations and people -------------------------------------------------------------
    def place(self, spec, tree, persons, domain) -> Place:
        org = create_organization(by=None, **spec)
        Organization.objects.filter(pk=org.pk).update(created_at=self.ago(HISTORY_DAYS + 60))
        units, sector_of = self.units(org, tree)
        by_key = {p.key: p for p in persons}
        people = self.people(org, units, persons, domain)
        criteria = list(Criterion.objects.filter(organization=org, active=True))
        return Place(org, units, sector_of, by_key, people, criteria)

    def units(self, org, tree) -> tuple[dict[str, Unit], dict[str, str]]:
        units, sector_of = {}, {}
        for key, fi, sv, areas in tree:
            sector = self.unit(org, None, UnitKind.SECTOR, fi, sv)
            units[key], sector_of[key] = sector, key
            for area_fi, area_sv, leaves in areas:
                area = self.unit(org, sector, UnitKind.SERVICE_AREA, area_fi, area_sv)
                for leaf_key, leaf_fi, leaf_sv in leaves:
                    units[leaf_key] = self.unit(org, area, UnitKind.UNIT, leaf_fi, leaf_sv)
                    sector_of[leaf_key] = key
        return units, sector_of

    def unit(self, org, parent, kind, name_fi, name_sv) -> Unit:
        unit = Unit(organization=org, parent=parent, kind=kind, name_fi=name_fi, name_sv=name_sv)
        unit.save()
        self.summary.units += 1
        return unit

    def people(self, org, units, persons, domain) -> dict[str, User]:
        """Everyone shares one password hash; e-mail stays off until the stories are told."""
        joined = self.ago(HISTORY_DAYS + 40)
        users = User.objects.bulk_create(
            User(email=email_for(p.name, domain), full_name=p.name, title=p.title,
                 language=p.language, email_mode=EmailMode.NONE, password=self.password,
                 date_joined=joined)
            for p in persons)
        Membership.objects.bulk_create(
            Membership(user=u, organization=org, unit=units[p.unit],
                       **{f"is_{role}": True for role in p.roles})
            for p, u in zip(persons, users, strict=True))
        Membership.objects.filter(organization=org).update(joined_at=joined)
        self.summary.people += len(users)
        return {p.key: u for p, u in zip(persons, users, strict=True)}

    def platform_admin(self) -> User:
        spec = content.PLATFORM_ADMIN
        user = User.objects.create_superuser(spec["email"], None, full_name=spec["full_name"],
                                             title=spec["title"])
        user.password = self.password
        user.save(update_fields=["password"])
        self.summary.people += 1
        return user

    # --- stories ------------------------------------------------------------------------------
    def tell_all(self, place: Place, texts: list[IdeaText]) -> None:
        """Tell every idea; duplicates last, so the ideas they join already exist."""
        told: dict[str, Idea] = {}
        for text in sorted(texts, key=lambda t: t.outcome == Status.MERGED):
            target = told.get(text.into)
            told[text.key] = self.tell(place, text, target)
            self.summary.ideas[text.outcome] += 1

    def tell(self, place: Place, text: IdeaText, target: Idea | None) -> Idea:
        author = text.author or self.pick_author(place, text)
        coauthors = self.pick_coauthors(place, text, author)
        if target is not None:
            steps = self.plan_duplicate(place, text, author, target)
        else:
            steps = self.plan(place, text, author, coauthors)
        idea = None
        for step in sorted(steps, key=lambda s: s.when):
            result = step.act(idea)
            if isinstance(result, Idea):  # submit, decide and merge return the fresh idea
                idea = result
            self.stamp(place.org, idea, step, target)
        idea.refresh_from_db()
        return idea

    def stamp(self, org, idea: Idea, step: Step, target: Idea | None) -> None:
        """Move the rows this step created to its planned moment.

        Rows of earlier steps already lie before `start`, so the ones after it are new.
        """
        ideas = [idea.pk] if target is None else [idea.pk, target.pk]
        for model, name in STAMPED[step.kind]:
            model.objects.filter(idea_id__in=ideas, **{f"{name}__gte": self.start}) \
                .update(**{name: step.when})
        rows = Idea.objects.filter(pk=idea.pk)
        if step.kind == "submit":
            rows.update(created_at=step.when, updated_at=step.when,
                        due_at=step.when + timedelta(days=org.response_days))
        elif step.kind in ("assign", "decide", "merge"):
            rows.update(updated_at=step.when)
            rows.filter(answered_at__gte=self.start).update(answered_at=step.when)

    def pick_author(self, place: Place, text: IdeaText) -> str:
        deciders = set(place.with_role("decider"))
        pool = [k for k in place.in_sectors({place.sector(text)}) if k not in deciders]
        return self.rng.choice(pool or list(place.persons))

    def pick_coauthors(self, place: Place, text: IdeaText, author: str) -> list[str]:
        if self.rng.random() > 0.22:
            return []
        pool = [k for k in place.in_sectors({place.sector_of[u] for u in text.units})
                if k != author]
        return self.rng.sample(pool, min(len(pool), self.rng.choice([1, 1, 2])))

    def created_ago(self, outcome: str) -> float:
        """Days since submission; some open ideas are past the promise, most are not."""
        nth, days = self.nth[outcome], self.rng.uniform
        self.nth[outcome] += 1
        if outcome == Status.SUBMITTED:
            return days(36, 80) if nth % 3 == 1 else days(0.2, 26)
        if outcome == Status.IN_EVALUATION:
            return days(34, 110) if nth % 2 else days(6, 27)
        if outcome == Status.IMPLEMENTED:
            return days(75, HISTORY_DAYS)
        return days(20, HISTORY_DAYS)

    def answer_time(self, created: datetime) -> datetime:
        """Most answers come within the promise; every fifth is late."""
        self.nth["answered"] += 1
        late = self.nth["answered"] % 5 == 3
        delay = self.rng.uniform(33, 60) if late else self.rng.uniform(1.5, 27)
        return min(created + timedelta(days=delay), self.ago(0.5))

    def plan(self, place, text, author, coauthors) -> list[Step]:
        outcome = text.outcome
        created = self.ago(self.created_ago(outcome))
        answered = None if outcome in (Status.SUBMITTED, Status.IN_EVALUATION) \
            else self.answer_time(created)
        end = answered or self.now
        steps = [self.submit_step(place, text, author, coauthors, created)]
        steps += self.chatter(place, text, author, created, end)
        evaluated = outcome == Status.IN_EVALUATION or (
            answered is not None and self.rng.random() < 0.75)
        if evaluated:
            steps += self.evaluation(place, text, author, coauthors, created, answered)
        if answered is not None:
            steps += self.decision(place, text, author, answered)
        return steps

    def plan_duplicate(self, place, text, author, target: Idea) -> list[Step]:
        created = self.between(target.created_at + timedelta(days=1),
                               target.created_at + timedelta(days=40))
        merged = self.later(created, 0.3, 6)
        developer = place.people[self.developer_for(place, text)]
        steps = [self.submit_step(place, text, author, [], created)]
        steps += self.supports(place, author, created, merged, self.rng.randint(0, 3))
        steps.append(Step(merged, "merge", lambda idea: merge(
            idea, into=Idea.objects.get(pk=target.pk), by=developer, reason=text.reason)))
        return steps

    def submit_step(self, place, text, author, coauthors, created) -> Step:
        return Step(created, "submit", lambda _idea: submit_idea(
            place.org, by=place.people[author], title=text.title, problem=text.problem,
            proposal=text.proposal, beneficiaries=text.benefit,
            units=[place.units[u] for u in text.units],
            coauthors=[place.people[c] for c in coauthors], hide_author=text.hide))

    def chatter(self, place, text, author, created, end) -> list[Step]:
        """Supports and comments from colleagues between submission and the answer."""
        popular = text.outcome in (Status.ACCEPTED, Status.IMPLEMENTED)
        count = self.rng.randint(2, 8) if popular else self.rng.randint(0, 5)
        steps = self.supports(place, author, created, end, count)
        bodies = list(text.comments) + self.rng.sample(
            content.COMMENTS, self.rng.randint(1, 3) if popular else self.rng.randint(0, 2))
        others = [k for k in place.people if k != author]
        for body in bodies:
            who, body = body if isinstance(body, tuple) else (self.rng.choice(others), body)
            steps.append(self.comment_step(self.between(created, end), place.people[who], body))
        if self.rng.random() < 0.35:
            developer = place.people[self.developer_for(place, text)]
            if developer != place.people[author]:
                moment = self.later(created, 0.1, 3)
                steps.append(self.comment_step(moment, developer,
                                               self.rng.choice(content.DEVELOPER_COMMENTS)))
        return steps

    def supports(self, place, author, created, end, count) -> list[Step]:
        others = [k for k in place.people if k != author]
        return [Step(self.between(created + timedelta(hours=1), end), "support",
                     partial(self.support, place.people[k]))
                for k in self.rng.sample(others, min(count, len(others)))]

    @staticmethod
    def support(user, idea):
        return set_support(idea, by=user, on=True)

    @staticmethod
    def comment_step(when, user, body) -> Step:
        return Step(when, "comment", lambda idea: add_comment(idea, by=user, body=body))

    # --- evaluation and decision --------------------------------------------------------------
    def developer_for(self, place: Place, text: IdeaText) -> str:
        developers = place.with_role("developer")
        chosen = content.DEVELOPER_OF_SECTOR.get(place.sector(text))
        return chosen if chosen in developers else developers[0]

    def decider_for(self, place: Place, text: IdeaText) -> str:
        deciders = place.with_role("decider")
        chosen = content.DECIDER_OF_SECTOR.get(place.sector(text))
        return chosen if chosen in deciders else deciders[0]

    def pick_evaluators(self, place, text, author, coauthors) -> list[str]:
        skip = {author, *coauthors, *place.with_role("decider"), *place.with_role("admin")}
        sectors = {place.sector_of[u] for u in text.units}
        near = [k for k in place.in_sectors(sectors) if k not in skip]
        far = [k for k in place.persons if k not in skip and k not in near]
        wanted = self.rng.choice([2, 3, 3])
        chosen = self.rng.sample(near, min(wanted, len(near)))
        chosen += self.rng.sample(far, min(wanted - len(chosen), len(far)))
        if not chosen:  # a small organization: whoever is left
            chosen = [k for k in place.persons if k not in {author, *coauthors}][:1]
        featured = FEATURED_EMPLOYEE
        if (text.outcome == Status.IN_EVALUATION and featured in place.persons
                and featured not in skip and featured not in chosen
                and self.nth[Status.IN_EVALUATION] % 3 == 1):
            chosen[-1:] = [featured]
        return chosen

    def evaluation(self, place, text, author, coauthors, created, answered) -> list[Step]:
        developer = place.people[self.developer_for(place, text)]
        keys = self.pick_evaluators(place, text, author, coauthors)
        if not keys:
            return []
        evaluators = [place.people[k] for k in keys]
        end = answered or self.now
        assigned = self.between(created + timedelta(hours=2),
                                created + min(timedelta(days=7), (end - created) * 0.4))
        steps = [Step(assigned, "assign", lambda idea: assign_evaluators(
            idea, by=developer, evaluators=evaluators))]
        merit, effort = self.merit(text.outcome)
        for key, user in zip(keys, evaluators, strict=True):
            if answered is None and (key == FEATURED_EMPLOYEE or self.rng.random() < 0.35):
                continue  # still to do
            bias = self.rng.choice([-1, 0, 0, 0, 1, 2 if merit < 3 else -2])
            moment = self.between(assigned + timedelta(hours=1), end - timedelta(hours=2))
            steps.append(Step(moment, "evaluate", partial(
                self.evaluate, user, self.scores(place, text, merit, effort, bias),
                self.evaluation_comment(merit))))
        return steps

    def merit(self, outcome: str) -> tuple[float, float]:
        (m_lo, m_hi), (e_lo, e_hi) = MERIT.get(outcome, DEFAULT_MERIT)
        return self.rng.uniform(m_lo, m_hi), self.rng.uniform(e_lo, e_hi)

    def scores(self, place, text, merit, effort, bias) -> dict[int, int]:
        """One evaluator's scores: merit for benefits, effort for the inverted criteria."""
        tilt = {**TILT.get(text.benefit, {}), "Value across units": 0.7 * (len(text.units) - 2)}
        scores = {}
        for c in place.criteria:
            base = effort - bias if c.inverted else merit + bias
            base += tilt.get(c.name_en, 0) + self.rng.uniform(-0.8, 0.8)
            scores[c.pk] = min(max(round(base), c.scale_min), c.scale_max)
        return scores

    def evaluation_comment(self, merit: float) -> str:
        level = "high" if merit >= 3.8 else "low" if merit < 2.8 else "mid"
        return self.rng.choice(content.EVALUATION_COMMENTS[level])

    @staticmethod
    def evaluate(user, scores, comment, idea):
        assignment = Assignment.objects.get(idea=idea, evaluator=user)
        return submit_evaluation(assignment, by=user, scores=scores, comment=comment)

    def decision(self, place, text, author, answered) -> list[Step]:
        decider = place.people[self.decider_for(place, text)]
        outcome = Status(text.outcome)
        first = Status.ACCEPTED if outcome == Status.IMPLEMENTED else outcome
        revisit = None
        if outcome == Status.PARKED:
            revisit = timezone.localdate() + timedelta(days=self.rng.randint(21, 120))
        steps = [Step(answered, "decide", lambda idea: decide(
            idea, by=decider, outcome=first, reason=text.reason, parked_until=revisit))]
        if outcome == Status.IMPLEMENTED:
            done = self.later(answered, 14, 60)
            steps.append(Step(done, "decide", lambda idea: decide(
                idea, by=decider, outcome=Status.IMPLEMENTED, reason=text.result)))
        if self.rng.random() < 0.4 and answered < self.ago(0.2):
            mood = "no" if outcome in (Status.DECLINED, Status.PARKED) else "yes"
            steps.append(self.comment_step(self.later(answered, 0.05, 2), place.people[author],
                                           self.rng.choice(content.THANKS[mood])))
        return steps

    def workshops(self, place: Place) -> None:
        from .workshops import build_workshops

        developers = [place.people[k] for k in place.with_role("developer")]
        employees = [place.people[k] for k in place.persons
                     if not place.persons[k].roles][:8] or developers
        build_workshops(place.org, developers[0], employees, developers[-1])

    # --- the end ------------------------------------------------------------------------------
    @staticmethod
    def restore_email_modes(place: Place) -> None:
        """People were built without e-mail, so no demo mail got queued; now set their choice."""
        for mode in EmailMode.values:
            keys = [k for k, p in place.persons.items() if p.email_mode == mode]
            User.objects.filter(pk__in=[place.people[k].pk for k in keys]).update(email_mode=mode)

    def settle_notifications(self, orgs) -> None:
        """Old notifications were read and e-mailed; weekly readers have a digest waiting."""
        ours = Notification.objects.filter(idea__organization__in=orgs)
        ours.filter(created_at__lt=self.ago(10)).update(
            read_at=F("created_at") + timedelta(hours=20))
        week_ago = self.ago(7)
        weekly = User.objects.filter(memberships__organization__in=orgs,
                                     email_mode=EmailMode.WEEKLY)
        ours.exclude(user__in=weekly, created_at__gte=week_ago).update(
            emailed_at=F("created_at"))
        weekly.update(last_digest_at=week_ago)

    def run(self) -> Summary:
        city = self.place(content.CITY, content.CITY_UNITS, content.CITY_PEOPLE,
                          content.CITY_DOMAIN)
        other = self.place(content.OTHER, content.OTHER_UNITS, content.OTHER_PEOPLE,
                           content.OTHER_DOMAIN)
        self.platform_admin()
        self.tell_all(city, content.CITY_IDEAS)
        self.tell_all(other, content.OTHER_IDEAS)
        self.summary.acts = ActStories(self, city, other).run()
        self.workshops(city)
        self.restore_email_modes(city)
        self.restore_email_modes(other)
        self.settle_notifications([city.org, other.org])
        return self.summary


@transaction.atomic
def build(seed: int = SEED) -> Summary:
    """Create the demo organizations, people and ideas. The caller checks demo_exists()."""
    return Builder(seed).run()
