"""`tuuma apitoken create EMAIL --name NAME` · `revoke EMAIL --name NAME` (or `--id ID`) ·
`list EMAIL`. The key is printed once; only its hash is stored."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tuuma.api.models import ApiToken
from tuuma.api.tokens import create_token, revoke_token


class Command(BaseCommand):
    help = "Create, list or revoke a person's API keys."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="command", required=True)
        create = sub.add_parser("create", help="Create a key and print it (once)")
        create.add_argument("email")
        create.add_argument("--name", required=True, help="Where the key is used")
        revoke = sub.add_parser("revoke", help="Revoke a key by its name or id")
        revoke.add_argument("email")
        which = revoke.add_mutually_exclusive_group(required=True)
        which.add_argument("--name")
        which.add_argument("--id", type=int)
        listing = sub.add_parser("list", help="List the person's keys")
        listing.add_argument("email")

    def handle(self, *args, **o):
        user = get_user_model().objects.filter(email__iexact=o["email"]).first()
        if user is None or not user.is_active:
            raise CommandError(f"No active person with the e-mail {o['email']}.")
        getattr(self, f"_{o['command']}")(user, o)

    def _create(self, user, o):
        token, key = create_token(user, name=o["name"])
        self.stderr.write(f"Created key {token.pk} “{token.name}” for {user.email}. "
                          "It is shown only now:")
        self.stdout.write(key)

    def _revoke(self, user, o):
        tokens = ApiToken.objects.active().filter(user=user)
        tokens = tokens.filter(pk=o["id"]) if o["id"] else tokens.filter(name=o["name"])
        found = list(tokens)
        if not found:
            raise CommandError("No such active key.")
        for token in found:
            revoke_token(token, by=user)
        self.stdout.write(f"Revoked {len(found)} key(s).")

    def _list(self, user, o):
        for t in ApiToken.objects.filter(user=user):
            state = f"revoked {t.revoked_at:%Y-%m-%d}" if t.revoked else "active"
            used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never"
            self.stdout.write(f"{t.pk}\t{t.prefix}…\t{t.name}\t{state}\tlast used {used}")
