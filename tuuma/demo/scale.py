"""`tuuma demo --acts N --ideas M`: synthetic Finnish data at scale, for benchmarks.

Rows are made in memory from the word lists in scale_words.py and written with bulk_create in
batches (one transaction per batch): no model signals fire, so the search index is rebuilt once
at the end (tuuma.search.index.rebuild) unless asked not to. Adds to what is in the database.
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from tuuma.accounts.models import EmailMode, User
from tuuma.acts.models import Act, ActStatus, Adoption, Contact, Sector, Theme, Visibility
from tuuma.ideas.models import ANSWERED, Idea, Status
from tuuma.organizations.models import REGIONS, Membership, Organization

from . import content
from . import scale_words as w

BATCH = 2000
ActTheme, ActSector = Act.themes.through, Act.sectors.through
YEARS = 6
ACT_STATUS = ([ActStatus.COMPLETED] * 5 + [ActStatus.IN_PROGRESS] * 3 + [ActStatus.PLANNED]
              + [ActStatus.DISCONTINUED])
VISIBILITY = [Visibility.PUBLIC] * 17 + [Visibility.INTERNAL] * 2 + [Visibility.PENDING]
IDEA_STATUS = ([Status.SUBMITTED] * 3 + [Status.IN_EVALUATION] * 2 + [Status.ACCEPTED] * 2
               + [Status.IMPLEMENTED] * 2 + [Status.DECLINED, Status.PARKED])


@dataclass
class Scale:
    organizations: int = 0
    people: int = 0
    acts: int = 0
    ideas: int = 0
    adoptions: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class Generator:
    def __init__(self, seed: int, progress: Callable[[str, int, int], None] | None = None):
        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.progress = progress or (lambda label, done, total: None)
        self.themes = {t.slug: t.pk for t in Theme.objects.all()}
        self.sectors = {s.slug: s.pk for s in Sector.objects.all()}
        self.tag = f"{seed:x}{int(time.time()) % 100000:05d}"  # keeps names and e-mails unique
        self.result = Scale()

    # --- text ---------------------------------------------------------------------------------
    def fill(self, pattern: str, target, solution: str) -> str:
        gen, ill = target[0], target[1]
        return pattern.format(t=gen, T=_cap(gen), i=ill, s=solution, S=_cap(solution),
                              n=self.rng.randint(2, 9), m=self.rng.choice([15, 20, 25, 30, 40]))

    def sentences(self, pool, k, target, solution) -> str:
        return " ".join(self.fill(p, target, solution)
                        for p in self.rng.sample(pool, min(k, len(pool))))

    # --- organizations and people -------------------------------------------------------------
    def organizations(self, count: int) -> list[tuple[int, str]]:
        """(id, region) of COUNT new organizations spread over the regions."""
        taken = set(Organization.objects.values_list("slug", flat=True))
        forms = [f for f in w.ORG_FORMS for _ in range(f[2])]
        rows = []
        for n in range(count):
            head, (tail, tail_gen) = self.rng.choice(w.PLACE_HEADS), self.rng.choice(w.PLACE_TAILS)
            place = head + tail
            org_type, form, _weight = self.rng.choice(forms)
            name = form.format(head + tail_gen)
            slug = base = slugify(name)[:60]
            while slug in taken:
                slug = f"{base}-{self.rng.randint(2, 99999)}"
            taken.add(slug)
            rows.append(Organization(
                name_fi=name, slug=slug, org_type=org_type, municipality=place,
                region=REGIONS[n % (len(REGIONS) - 1)], verified=True))
        with transaction.atomic():
            made = Organization.objects.bulk_create(rows, batch_size=BATCH)
        self.result.organizations += len(made)
        return [(o.pk, o.region) for o in made]

    def people(self, orgs: list[int], count: int) -> dict[int, list[int]]:
        """COUNT employees spread over the organizations; their ids by organization."""
        password = make_password(content.PASSWORD)
        members: dict[int, list[int]] = {org: [] for org in orgs}
        for start in range(0, count, BATCH):
            users = [User(email=f"henkilo{n}.{self.tag}@scale.example",
                          full_name=f"{self.rng.choice(w.FIRST_NAMES)} "
                                    f"{self.rng.choice(w.LAST_NAMES)}",
                          title=self.rng.choice(w.JOB_TITLES), password=password,
                          email_mode=EmailMode.NONE)
                     for n in range(start, min(start + BATCH, count))]
            with transaction.atomic():
                users = User.objects.bulk_create(users)
                rows = []
                for n, user in enumerate(users, start=start):
                    org = orgs[n % len(orgs)]
                    members[org].append(user.pk)
                    rows.append(Membership(user=user, organization_id=org,
                                           is_developer=n % 25 == 0, is_decider=n % 40 == 0))
                Membership.objects.bulk_create(rows)
            self.result.people += len(users)
            self.progress("people", len(users), count)
        return members

    # --- acts ---------------------------------------------------------------------------------
    def moment(self, days: float) -> timedelta:
        return timedelta(days=self.rng.uniform(0, days), seconds=self.rng.randint(0, 86399))

    def act(self, org: int) -> tuple[Act, list[int], list[int], list[Contact]]:
        rng = self.rng
        target = rng.choice(w.TARGETS)
        solution, theme_hints = rng.choice(w.SOLUTIONS)
        if rng.random() < 0.6:
            title = f"{_cap(target[0])} {solution}"
        else:
            title = f"{rng.choice(w.SOLUTION_ILLATIVE)} {target[1]}"
        visibility = rng.choice(VISIBILITY)
        created = self.now - self.moment(365 * YEARS)
        published = created + self.moment(60) if visibility == Visibility.PUBLIC else None
        status = rng.choice(ACT_STATUS)
        start = (created - timedelta(days=rng.randint(30, 400))).date()
        act = Act(
            organization_id=org, title=title, slug=slugify(title)[:80] or "teko",
            summary=self.fill(rng.choice(w.GOALS), target, solution),
            need_and_goals=self.sentences(w.NEEDS, 2, target, solution) + "\n\n"
            + self.fill(rng.choice(w.GOALS), target, solution),
            solution=self.sentences(w.SOLUTION_SENTENCES, rng.randint(2, 4), target, solution),
            results=self.sentences(w.RESULTS, rng.randint(1, 3), target, solution)
            if status != ActStatus.PLANNED else "",
            lessons=self.sentences(w.LESSONS, 1, target, solution) if rng.random() < 0.4 else "",
            status=status, start=start,
            end=start + timedelta(days=rng.randint(60, 500))
            if status in (ActStatus.COMPLETED, ActStatus.DISCONTINUED) else None,
            visibility=visibility, published_at=min(published, self.now) if published else None,
            created_at=created)
        themes = {self.themes[t] for t in theme_hints if t in self.themes}
        if rng.random() < 0.4:
            themes.add(rng.choice(list(self.themes.values())))
        sectors = [self.sectors[target[2]]] if target[2] in self.sectors else []
        contacts = []
        for order in range(rng.choice([1, 1, 2])):
            first, last = rng.choice(w.FIRST_NAMES), rng.choice(w.LAST_NAMES)
            contacts.append(Contact(
                name=f"{first} {last}", title=rng.choice(w.JOB_TITLES), organization=target[3],
                email=slugify(f"{first}.{last}").replace("-", ".") + "@scale.example",
                order=order))
        return act, sorted(themes), sectors, contacts

    def acts(self, orgs: list[int], count: int) -> None:
        """COUNT acts; about one public act in ten is adopted by one to five others."""
        for start in range(0, count, BATCH):
            size = min(BATCH, count - start)
            made = [self.act(self.rng.choice(orgs)) for _ in range(size)]
            adoptions = self.plan_adoptions([m[0] for m in made], orgs)
            with transaction.atomic():
                acts = Act.objects.bulk_create([m[0] for m in made])
                themes, sectors, contacts = [], [], []
                for act, (_act, theme_ids, sector_ids, people) in zip(acts, made, strict=True):
                    themes += [ActTheme(act_id=act.pk, theme_id=t) for t in theme_ids]
                    sectors += [ActSector(act_id=act.pk, sector_id=s) for s in sector_ids]
                    for contact in people:
                        contact.act_id = act.pk
                        contacts.append(contact)
                ActTheme.objects.bulk_create(themes)
                ActSector.objects.bulk_create(sectors)
                Contact.objects.bulk_create(contacts)
                Adoption.objects.bulk_create([
                    Adoption(act_id=acts[i].pk, organization_id=o, created_at=when)
                    for i, o, when in adoptions])
            self.result.acts += size
            self.result.adoptions += len(adoptions)
            self.progress("acts", size, count)

    def plan_adoptions(self, acts: list[Act], orgs: list[int]) -> list[tuple[int, int, object]]:
        plan = []
        for i, act in enumerate(acts):
            if act.visibility != Visibility.PUBLIC or self.rng.random() > 0.1 or len(orgs) < 2:
                continue
            others = self.rng.sample(orgs, min(len(orgs), self.rng.randint(2, 6)))
            adopters = [o for o in others if o != act.organization_id][:5]
            act.adoption_count = len(adopters)
            for org in adopters:
                when = act.published_at + (self.now - act.published_at) * self.rng.random()
                plan.append((i, org, when))
        return plan

    # --- ideas --------------------------------------------------------------------------------
    def idea(self, org: int, authors: list[int]) -> Idea:
        rng = self.rng
        target = rng.choice(w.TARGETS)
        solution = rng.choice(w.SOLUTIONS)[0]
        status = rng.choice(IDEA_STATUS)
        created = self.now - self.moment(365 * 3)
        due = created + timedelta(days=30)
        answered = created + timedelta(days=rng.uniform(1, 45)) if status in ANSWERED else None
        return Idea(
            organization_id=org, author_id=rng.choice(authors),
            title=self.fill(rng.choice(w.IDEA_TITLES), target, solution)[:200],
            problem=self.fill(rng.choice(w.IDEA_PROBLEMS), target, solution),
            proposal=self.fill(rng.choice(w.IDEA_PROPOSALS), target, solution),
            status=status, created_at=created, due_at=due,
            answered_at=min(answered, self.now) if answered else None,
            decision_reason="Ei mahdu tämän vuoden talousarvioon." if status == Status.DECLINED
            else "", parked_until=(self.now + timedelta(days=60)).date()
            if status == Status.PARKED else None,
            support_count=0, comment_count=0)

    def ideas(self, members: dict[int, list[int]], count: int) -> None:
        orgs = [org for org, people in members.items() if people]
        for start in range(0, count, BATCH * 2):
            size = min(BATCH * 2, count - start)
            rows = []
            for _ in range(size):
                org = self.rng.choice(orgs)
                rows.append(self.idea(org, members[org]))
            with transaction.atomic():
                Idea.objects.bulk_create(rows)
            self.result.ideas += size
            self.progress("ideas", size, count)


def organizations_for(acts: int, ideas: int) -> int:
    """Many organizations across the regions: about one per 250 acts, 20 to 1,000."""
    return max(20, min(1000, max(acts // 250, ideas // 2000)))


def people_for(ideas: int, orgs: int) -> int:
    """Authors for the ideas: a moderate number, at least two per organization."""
    return max(2 * orgs, min(20_000, ideas // 100)) if ideas else 0


def generate(acts: int, ideas: int, *, seed: int = 1, index: bool = True,
             progress: Callable[[str, int, int], None] | None = None) -> Scale:
    gen = Generator(seed, progress)
    began = time.monotonic()
    orgs = [pk for pk, _region in gen.organizations(organizations_for(acts, ideas))]
    members = gen.people(orgs, people_for(ideas, len(orgs)))
    gen.acts(orgs, acts)
    gen.ideas(members, ideas)
    gen.result.seconds["generate"] = time.monotonic() - began
    if connection.vendor == "postgresql":
        # Bulk inserts leave the planner's statistics saying the tables are empty until
        # autovacuum gets round to them; queries planned on that walk whole tables.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if index:
        began = time.monotonic()
        reindex(progress)
        gen.result.seconds["index"] = time.monotonic() - began
    else:
        catalogue_changed()
    return gen.result


def catalogue_changed() -> None:
    """Bulk writes bypass the save signals: tell the catalogue its kept counts are stale."""
    try:
        from tuuma.search.index import catalogue_changed as changed
    except ImportError:
        return
    changed()


def reindex(progress=None) -> bool:
    """Rebuild the search index once, if the search app offers it."""
    try:
        from tuuma.search.index import counts, rebuild
    except ImportError:
        return False
    total = sum(counts().values())
    rebuild(progress=(lambda n: progress("search index", n, total)) if progress else None)
    return True
