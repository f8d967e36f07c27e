from django.contrib.sitemaps import Sitemap

from .queries import public_acts


class ActSitemap(Sitemap):
    """Every public act, and nothing else."""

    changefreq = "monthly"

    def items(self):
        return public_acts().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"acts": ActSitemap}
