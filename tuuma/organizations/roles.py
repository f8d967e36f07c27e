from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    """Roles a person holds in one organization. Employee is implied by membership."""

    EMPLOYEE = "employee"
    DEVELOPER = "developer"
    DECIDER = "decider"
    STEWARD = "steward"
    ADMIN = "admin"
    EDITOR = "editor"  # approves the organization's acts for the public catalogue

    @property
    def flag(self) -> str | None:
        return None if self is Role.EMPLOYEE else f"is_{self.value}"

    @property
    def label(self):
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.EMPLOYEE: _("employee"),
    Role.DEVELOPER: _("internal developer"),
    Role.DECIDER: _("decision-maker"),
    Role.STEWARD: _("shop steward or HR"),
    Role.ADMIN: _("organization admin"),
    Role.EDITOR: _("catalogue editor"),
}

# Words accepted for roles in CSV imports, in all three languages.
ROLE_WORDS = {
    "employee": Role.EMPLOYEE, "työntekijä": Role.EMPLOYEE, "anställd": Role.EMPLOYEE,
    "developer": Role.DEVELOPER, "kehittäjä": Role.DEVELOPER,
    "sisäinen kehittäjä": Role.DEVELOPER, "utvecklare": Role.DEVELOPER,
    "decider": Role.DECIDER, "päättäjä": Role.DECIDER, "esihenkilö": Role.DECIDER,
    "beslutsfattare": Role.DECIDER, "decision-maker": Role.DECIDER,
    "steward": Role.STEWARD, "luottamusmies": Role.STEWARD, "hr": Role.STEWARD,
    "förtroendeman": Role.STEWARD,
    "admin": Role.ADMIN, "pääkäyttäjä": Role.ADMIN, "administratör": Role.ADMIN,
    "editor": Role.EDITOR, "toimittaja": Role.EDITOR, "katalogin toimittaja": Role.EDITOR,
    "redaktör": Role.EDITOR,
}
