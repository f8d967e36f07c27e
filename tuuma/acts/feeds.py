"""An Atom feed of newly published acts, narrowed by the same filters as the catalogue."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .forms import CatalogueForm
from .queries import apply_filters, public_acts

FEED_SIZE = 50


class CatalogueFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request):
        data = CatalogueForm(request.GET or None).filters()
        data.pop("q", None)
        data.pop("sort", None)
        query = request.GET.urlencode()
        return {"filters": data, "query": query}

    def title(self, obj):
        return _("New development acts – tuuma catalogue")

    def subtitle(self, obj):
        return _("Development acts newly published in the public catalogue.")

    def link(self, obj):
        url = reverse("acts:catalogue")
        return f"{url}?{obj['query']}" if obj["query"] else url

    def feed_url(self, obj):
        url = reverse("acts:feed")
        return f"{url}?{obj['query']}" if obj["query"] else url

    def items(self, obj):
        return (apply_filters(public_acts(), obj["filters"])
                .filter(published_at__isnull=False).select_related("organization")
                .prefetch_related("themes").order_by("-published_at", "-id")[:FEED_SIZE])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.need_and_goals[:500]

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return settings.SITE_URL + reverse("acts:permalink", args=[item.pk])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.organization.name

    def item_categories(self, item):
        return [t.name for t in item.themes.all()]
