"""Acts, personas and API keys shared by the API tests (a helper module: no tests here)."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from tests.conftest import World, build_world
from tests.factories import PASSWORD, MembershipFactory, UserFactory
from tuuma.acts import actions as act_actions
from tuuma.acts.models import Act, Sector, Theme
from tuuma.api.tokens import create_token


@dataclass
class Scene:
    world: World
    editor: object       # catalogue editor of world.org
    platform: object     # platform admin, member of nothing
    public: Act          # world.org, published, in Finnish with a Swedish translation
    internal: Act        # world.org, internal
    pending: Act         # world.org, waiting for approval
    foreign: Act         # world.other_org, published
    foreign_internal: Act  # world.other_org, internal
    keys: dict           # persona name → API key

    def person(self, name):
        return {"editor": self.editor, "platform": self.platform}.get(name) \
            or getattr(self.world, name)

    def client(self, name=None) -> Client:
        """A client with the persona's API key (anonymous when NAME is None)."""
        if name is None:
            return Client()
        return Client(HTTP_AUTHORIZATION=f"Bearer {self.keys[name]}")


def published(act, when: datetime, by):
    act_actions.publish(act, by=by)
    Act.objects.filter(pk=act.pk).update(published_at=when)
    act.refresh_from_db()
    return act


def build_scene() -> Scene:
    world = build_world()
    editor = UserFactory(full_name="Elina Editori", email="elina@testila.fi")
    MembershipFactory(user=editor, organization=world.org, is_editor=True)
    platform = get_user_model().objects.create_superuser(
        "pia@tuuma.fi", PASSWORD, full_name="Pia Pääkäyttäjä")
    world.other_org.region, world.other_org.org_type = "Lappi", "joint_authority"
    world.other_org.save()
    digi, wellbeing = Theme.objects.get(slug="digitalisaatio"), \
        Theme.objects.get(slug="tyohyvinvointi")
    culture, health = Sector.objects.get(slug="kulttuuri"), Sector.objects.get(slug="sote")
    tz = timezone.get_current_timezone()

    public = act_actions.create_act(
        world.org, by=world.developer, title="Sähköinen tilavarauskalenteri",
        summary="Liikuntatilojen varaukset yhteen kalenteriin.",
        need_and_goals="Varaustieto oli hajallaan.", solution="Yksi kalenteri verkossa.",
        status="completed", themes=[digi], sectors=[culture])
    act_actions.save_translation(public, by=world.developer, language="sv",
                                 title="Elektronisk bokningskalender",
                                 summary="Bokningar i en kalender.")
    published(public, datetime(2023, 5, 4, 12, tzinfo=tz), world.admin)
    Act.objects.filter(pk=public.pk).update(external_id="kt-2023-001")

    internal = act_actions.create_act(
        world.org, by=world.developer, title="Salainen palkkakokeilu",
        summary="Sisäinen kokeilu, ei julkinen.", status="in_progress", themes=[digi],
        sectors=[culture])
    pending = act_actions.create_act(
        world.org, by=world.developer, title="Odottava perehdytysmalli",
        summary="Odottaa hyväksyntää.", status="planned", themes=[wellbeing])
    act_actions.request_publishing(pending, by=world.developer)

    foreign = act_actions.create_act(
        world.other_org, by=world.outsider, title="Työhyvinvoinnin vertaisvalmennus",
        summary="Esihenkilöt valmentavat toisiaan.", status="in_progress",
        themes=[wellbeing], sectors=[health])
    published(foreign, datetime(2021, 9, 1, 9, tzinfo=tz), world.outsider)
    foreign_internal = act_actions.create_act(
        world.other_org, by=world.outsider, title="Muualan sisäinen budjettiselvitys",
        summary="Vain Muualan kunnalle.")

    scene = Scene(world=world, editor=editor, platform=platform, public=public,
                  internal=internal, pending=pending, foreign=foreign,
                  foreign_internal=foreign_internal, keys={})
    for name in ("employee", "coworker", "developer", "decider", "steward", "admin",
                 "outsider", "editor", "platform"):
        scene.keys[name] = create_token(scene.person(name), name="testi")[1]
    for act in (public, internal, pending, foreign, foreign_internal):
        act.refresh_from_db()
    return scene
