"""Demo workshops: one finished staff workshop with results (one item already an idea), one
open for ideas right now (its code is printed with the logins), and a peer-coaching group."""

from datetime import timedelta

from django.utils import timezone

from tuuma.workshops import actions
from tuuma.workshops.models import Item, Phase, Workshop

FINISHED = {
    "title": "Kotihoidon kehittämisiltapäivä",
    "description": "Koko kotihoidon henkilöstö ideoi, miten arjen kiirettä voisi vähentää.",
    "prompts": ["Mikä vie eniten aikaa asiakastyöltä?", "Mitä kokeilisimme ensi keväänä?"],
    "items": [
        (0, "Kirjaaminen puhelimella heti käynnin jälkeen, ei illalla toimistolla"),
        (0, "Avainten hakeminen toimistolta joka aamu"),
        (0, "Reittisuunnittelu tehdään käsin joka päivä uudelleen"),
        (0, "Avainten nouto ja palautus vie puoli tuntia päivässä"),
        (1, "Sähköinen avainkaappi asiakkaiden avaimille"),
        (1, "Reittien optimointi ohjelmalla kokeiluna yhdessä tiimissä"),
        (1, "Puhelinkirjaamisen pilotti kahdessa tiimissä"),
        (1, "Viikoittainen 15 minuutin tiimipalaveri etänä"),
    ],
}
LIVE = {
    "title": "Strategiapaja: millainen työpaikka olemme 2030?",
    "description": "Kaupungin koko henkilöstön strategiatyöpaja. Kirjoita lyhyesti – kaikki "
                   "ideat luetaan.",
    "prompts": ["Mistä olemme ylpeitä?", "Mitä meidän pitäisi tehdä toisin?"],
    "items": [
        (0, "Kirjasto on kaupungin olohuone"),
        (0, "Kotihoidon tiimit auttavat toisiaan"),
        (1, "Tilavaraukset yhteen kalenteriin"),
        (1, "Perehdytys uusille työntekijöille kuntoon"),
    ],
}


def _fill(workshop, items, people, guests=6):
    seats = [actions.join(workshop, user=person) for person in people]
    seats += [actions.join(workshop, user=_Anonymous(), nickname="") for _ in range(guests)]
    prompts = list(workshop.prompts.all())
    made = []
    for i, (prompt, text) in enumerate(items):
        made.append(actions.post_item(workshop, seats[i % len(seats)], text=text,
                                      prompt_id=prompts[prompt].pk))
    return seats, made


class _Anonymous:
    is_authenticated = False


def build_workshops(org, facilitator, people, group_coach) -> Workshop:
    """Returns the live workshop (for printing its code)."""
    done = actions.create_workshop(
        org, by=facilitator, title=FINISHED["title"], description=FINISHED["description"],
        prompts=FINISHED["prompts"], dots_per_participant=3, max_dots_per_item=2,
        anonymous=True)
    seats, items = _fill(done, FINISHED["items"], people)
    actions.merge(done, items[3].pk, items[1].pk, by=facilitator)
    cluster = actions.save_cluster(done, by=facilitator, title="Avaimet",
                                   prompt_id=items[1].prompt_id)
    actions.moderate(done, items[1].pk, by=facilitator, cluster_id=cluster.pk)
    actions.set_phase(done, Phase.VOTE, by=facilitator)
    favourites = [items[4], items[6], items[1], items[4], items[5], items[0]]
    for n, seat in enumerate(seats):
        for k in range(3):
            target = favourites[(n + k * 2) % len(favourites)]
            try:
                actions.vote(done, seat, target.pk)
            except Exception:  # noqa: BLE001 - a demo voter at their per-item limit moves on
                continue
    actions.set_phase(done, Phase.RESULTS, by=facilitator)
    actions.reveal(done, by=facilitator)
    top = actions.ranked_items(done)[0]
    actions.promote(done, top.pk, by=facilitator)
    Workshop.objects.filter(pk=done.pk).update(created_at=timezone.now() - timedelta(days=20))

    live = actions.create_workshop(
        org, by=facilitator, title=LIVE["title"], description=LIVE["description"],
        prompts=LIVE["prompts"], dots_per_participant=5, max_dots_per_item=3, anonymous=True)
    _fill(live, LIVE["items"], people[:3])

    group = _peer_group(org, group_coach, people)
    session = actions.create_workshop(
        org, by=group_coach, title="Tapaaminen 1: palautteen antaminen",
        prompts=["Mikä tilanne askarruttaa juuri nyt?"], group=group, members_only=True,
        anonymous=False, meets_on=timezone.localdate() - timedelta(days=14),
        dots_per_participant=3, max_dots_per_item=3)
    seats, items = _fill(session, [(0, "Miten annan palautetta kollegalle, joka on esihenkilö?"),
                                   (0, "Vuorovaikutuskoulutus koko tiimille")], people[:3],
                         guests=0)
    actions.set_phase(session, Phase.CLOSED, by=group_coach)
    session.notes = "Sovittiin, että kokeillaan palautekierrosta tiimipalaverissa."
    session.save(update_fields=["notes"])
    assert Item.objects.filter(workshop=session).count() == 2
    return live


def _peer_group(org, coach, people):
    from tuuma.workshops.models import PeerGroup

    group = PeerGroup.objects.create(
        organization=org, name="Esihenkilöiden vertaiscoaching",
        description="Uudet esihenkilöt kokoontuvat kuukausittain jakamaan kokemuksia.",
        created_by=coach)
    group.coaches.add(coach)
    group.members.add(*people[:4])
    return group
