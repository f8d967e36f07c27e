from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "tuuma.search"
    verbose_name = _("search")

    def ready(self):
        from . import checks, signals  # noqa: F401  (registers the check and the receivers)
