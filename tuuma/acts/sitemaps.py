"""The sitemap: an index (/sitemap.xml) pointing at numbered pages of public acts
(/sitemap-acts.xml?p=N), so that a catalogue of a million acts stays within the protocol's
50,000 addresses a file and no single response renders them all."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from .queries import public_acts


class ActSitemap(Sitemap):
    """Every public act, and nothing else."""

    changefreq = "monthly"
    limit = 10_000  # addresses per page: a page renders in well under a second

    def items(self):
        return public_acts().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # Django's default walks every item in Python; the database knows the answer.
        return public_acts().aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS = {"acts": ActSitemap}
