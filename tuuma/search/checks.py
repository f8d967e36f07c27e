"""A system check: the index was built by the analyser this server runs (else: reindex)."""

from django.core import checks
from django.db import DatabaseError


@checks.register(checks.Tags.database, deploy=False)
def analyser_version(app_configs=None, databases=None, **kwargs):
    if not databases or "default" not in databases:
        return []
    from . import analysis
    from .index import stored_version

    try:
        stored = stored_version()
    except DatabaseError:  # not migrated yet
        return []
    if stored and stored != analysis.version():
        return [checks.Warning(
            f"The search index was built with analyser {stored}, this server runs "
            f"{analysis.version()}: results may be incomplete.",
            hint="Run `tuuma search reindex`.", id="tuuma.search.W001")]
    return []
