"""Live workshops and standing peer-coaching groups.

A workshop runs through phases (ideate → group → vote → results). Everything participants see
changes through `Event` rows: each board change is written with a per-workshop sequence number
in the same transaction as the change, so a live connection that drops, or a phone that polls,
catches up from the last number it saw and never misses anything (see live.py).
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuuma.organizations.models import Organization

# Join codes: no look-alikes (0/O, 1/I/L), easy to read aloud in Finnish and Swedish.
CODE_ALPHABET = "ABCDEFGHJKMNPRSTUVXYZ23456789"
CODE_LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str:
    """What a person typed into the code field → the stored form (case, spaces, dashes)."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())[:20]


class Phase(models.TextChoices):
    IDEATE = "ideate", _("Ideate")
    GROUP = "group", _("Group")
    VOTE = "vote", _("Vote")
    RESULTS = "results", _("Results")
    CLOSED = "closed", _("Closed")


PHASE_ORDER = [Phase.IDEATE, Phase.GROUP, Phase.VOTE, Phase.RESULTS, Phase.CLOSED]


class PeerGroup(models.Model):
    """A standing peer-coaching group (vertaiscoaching) that meets in a series of sessions."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="peer_groups")
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="peer_groups",
                                     blank=True, verbose_name=_("members"))
    coaches = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="coached_groups",
                                     verbose_name=_("coaches"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    archived = models.BooleanField(_("archived"), default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("workshops:group", args=[self.pk])


class Workshop(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="workshops")
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("introduction for participants"), blank=True,
                                   max_length=2000)
    code = models.CharField(_("join code"), max_length=12, unique=True)
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices,
                             default=Phase.IDEATE)
    dots_per_participant = models.PositiveSmallIntegerField(
        _("dots per participant"), default=5)
    max_dots_per_item = models.PositiveSmallIntegerField(_("most dots on one item"), default=3)
    anonymous = models.BooleanField(
        _("anonymous"), default=True,
        help_text=_("Nobody, the facilitator included, sees who posted, commented or voted."))
    members_only = models.BooleanField(
        _("only signed-in members of the organization may join"), default=False)
    ideate_minutes = models.PositiveSmallIntegerField(_("time for ideation (minutes)"),
                                                      null=True, blank=True)
    vote_minutes = models.PositiveSmallIntegerField(_("time for voting (minutes)"),
                                                    null=True, blank=True)
    phase_ends_at = models.DateTimeField(null=True, blank=True)
    # A paused clock keeps the seconds it had left (and phase_ends_at is empty meanwhile).
    clock_paused_left = models.PositiveIntegerField(null=True, blank=True)
    results_revealed = models.BooleanField(default=False)
    facilitators = models.ManyToManyField(settings.AUTH_USER_MODEL,
                                          related_name="facilitated_workshops",
                                          verbose_name=_("facilitators"))
    group = models.ForeignKey(PeerGroup, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="sessions", verbose_name=_("peer group"))
    meets_on = models.DateField(_("date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=20000)
    seq = models.PositiveBigIntegerField(default=0, help_text="the last event's number")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    code_expires_at = models.DateTimeField(
        help_text="joining closes after this; renewed when the workshop is reopened")

    class Meta:
        ordering = ["-created_at"]

    @property
    def clock_paused_text(self) -> str:
        """The time a paused clock has left, as a countdown shows it (4:05); empty if none."""
        left = self.clock_paused_left
        return "" if left is None else f"{left // 60}:{left % 60:02d}"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workshops:manage", args=[self.pk])

    def join_url(self):
        return reverse("workshops:board", args=[self.code])

    @property
    def is_closed(self):
        return self.phase == Phase.CLOSED

    @property
    def totals_visible(self):
        """Participants see vote totals only once the facilitator reveals them."""
        return self.results_revealed


class Prompt(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="prompts")
    text = models.CharField(_("prompt"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.text


class Participant(models.Model):
    """One person on one workshop: signed in, or anonymous through their browser session."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE,
                                 related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="workshop_seats")
    nickname = models.CharField(_("nickname"), max_length=40, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workshop", "user"],
                                               name="one_seat_per_user")]

    def __str__(self):
        return self.nickname or f"#{self.pk}"


class Cluster(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="clusters")
    prompt = models.ForeignKey(Prompt, on_delete=models.CASCADE, related_name="clusters")
    title = models.CharField(_("cluster title"), max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.title


class Item(models.Model):
    """A short idea posted on the board."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="items")
    prompt = models.ForeignKey(Prompt, on_delete=models.CASCADE, related_name="items")
    author = models.ForeignKey(Participant, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="items")
    text = models.TextField(_("idea"), max_length=500)
    hidden = models.BooleanField(default=False)
    cluster = models.ForeignKey(Cluster, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="items")
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="merged")
    plus_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    idea = models.OneToOneField("ideas.Idea", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="workshop_item")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["workshop", "hidden"])]

    def __str__(self):
        return self.text[:60]

    @property
    def on_board(self):
        return not self.hidden and self.merged_into_id is None


class PlusOne(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="plus_ones")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "participant"],
                                               name="one_plus_per_participant")]


class Comment(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(Participant, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    text = models.CharField(_("comment"), max_length=500)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]


class Dot(models.Model):
    """One dot of a participant's allowance on one item (several may sit on the same item)."""

    # The two indexes below begin with workshop and participant and serve their lookups; a
    # separate index on each would only be one more to update for every dot.
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="dots",
                                 db_index=False)
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="dots")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="dots",
                                    db_index=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["workshop", "item"]),
                   models.Index(fields=["participant", "item"])]


class Audience(models.TextChoices):
    EVERYONE = "all"
    FACILITATORS = "fac"


class Event(models.Model):
    """One change on a workshop's board, numbered per workshop (the live feed replays these)."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=20)
    item = models.PositiveBigIntegerField(
        null=True, help_text="the item this event shows; replaced by the item's next event")
    audience = models.CharField(max_length=3, choices=Audience.choices,
                                default=Audience.EVERYONE)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["seq"]
        constraints = [models.UniqueConstraint(fields=["workshop", "seq"],
                                               name="one_event_per_seq")]
        indexes = [models.Index(fields=["workshop", "item"])]
