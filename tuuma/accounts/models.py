"""People: one account per e-mail address, usable in several organizations."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("e-mail is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True, platform_role=PlatformRole.ADMIN)
        return self.create_user(email, password, **fields)


class PlatformRole(models.TextChoices):
    NONE = "", _("none")
    PROGRAMME = "programme", _("programme team")
    ADMIN = "admin", _("platform admin")


class EmailMode(models.TextChoices):
    IMMEDIATE = "immediate", _("immediately")
    WEEKLY = "weekly", _("weekly digest")
    NONE = "none", _("no e-mail")


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("job title"), max_length=150, blank=True)
    language = models.CharField(_("language"), max_length=5, default="fi",
                                choices=[("fi", "suomi"), ("sv", "svenska"), ("en", "English")])
    email_mode = models.CharField(_("e-mail notifications"), max_length=10,
                                  choices=EmailMode.choices, default=EmailMode.IMMEDIATE)
    last_digest_at = models.DateTimeField(null=True, blank=True)
    platform_role = models.CharField(max_length=20, choices=PlatformRole.choices, blank=True,
                                     default=PlatformRole.NONE)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()
    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_platform_admin(self):
        return self.platform_role == PlatformRole.ADMIN or self.is_superuser
