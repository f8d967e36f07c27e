from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tuuma.organizations.actions import create_organization
from tuuma.organizations.models import OrgType


class Command(BaseCommand):
    help = "Create an organization with the default evaluation rubric."

    def add_arguments(self, parser):
        parser.add_argument("name", help="Name in Finnish")
        parser.add_argument("--name-sv", default="")
        parser.add_argument("--type", default=OrgType.MUNICIPALITY, choices=OrgType.values)
        parser.add_argument("--municipality", default="")
        parser.add_argument("--region", default="")
        parser.add_argument("--business-id", default="")
        parser.add_argument("--admin", help="E-mail of an existing person to make its admin")

    def handle(self, *args, **o):
        admin = None
        if o["admin"]:
            admin = get_user_model().objects.filter(email__iexact=o["admin"]).first()
            if admin is None:
                raise CommandError(f"No person with the e-mail {o['admin']}")
        try:
            org = create_organization(
                name_fi=o["name"], name_sv=o["name_sv"], org_type=o["type"],
                municipality=o["municipality"], region=o["region"],
                business_id=o["business_id"], admin=admin)
        except ValidationError as e:
            raise CommandError("; ".join(e.messages)) from e
        self.stdout.write(f"Created {org.name_fi} ({org.slug})")
