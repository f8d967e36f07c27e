from django.contrib.sitemaps import views as sitemaps
from django.urls import path

from . import opendata, views
from .feeds import CatalogueFeed
from .sitemaps import SITEMAPS

app_name = "acts"

urlpatterns = [
    path("katalogi/", views.catalogue, name="catalogue"),
    path("katalogi/syote/", CatalogueFeed(), name="feed"),
    path("katalogi/avoin-data/teot.csv", opendata.export_csv, name="export_csv"),
    path("katalogi/avoin-data/teot.json", opendata.export_json, name="export_json"),
    path("katalogi/<int:pk>/", views.detail, name="permalink"),
    # The id keeps the address; the name part follows the title (see Act.get_absolute_url).
    # Pages for working on an act live under teot/ so that no title can shadow them.
    path("katalogi/<int:pk>/<str:slug>/", views.detail, name="detail"),
    path("teot/<int:pk>/muokkaa/", views.edit, name="edit"),
    path("teot/<int:pk>/poista/", views.delete, name="delete"),
    path("teot/<int:pk>/kaannos/<str:language>/", views.translation, name="translation"),
    path("teot/<int:pk>/tiedostot/", views.files, name="files"),
    path("teot/<int:pk>/tiedosto/<int:file_id>/", views.file, name="file"),
    path("teot/<int:pk>/tiedosto/<int:file_id>/kuvaus/", views.edit_file, name="edit_file"),
    path("teot/<int:pk>/tiedosto/<int:file_id>/poista/", views.remove_file,
         name="remove_file"),
    path("teot/<int:pk>/paivitys/", views.add_update, name="add_update"),
    path("teot/<int:pk>/paivitys/<int:update_id>/", views.edit_update, name="edit_update"),
    path("teot/<int:pk>/paivitys/<int:update_id>/poista/", views.remove_update,
         name="remove_update"),
    path("teot/<int:pk>/pyyda-julkaisua/", views.request_publishing,
         name="request_publishing"),
    path("teot/<int:pk>/julkaise/", views.publish, name="publish"),
    path("teot/<int:pk>/peru-julkaisu/", views.withdraw, name="withdraw"),
    path("teot/<int:pk>/kayttoon/", views.adopt, name="adopt"),
    path("teot/<int:pk>/kayttoon/<int:adoption_id>/peru/", views.withdraw_adoption,
         name="withdraw_adoption"),
    path("ideat/<int:pk>/teoksi/", views.from_idea, name="from_idea"),
    path("o/<slug:slug>/teot/", views.org_list, name="org_list"),
    path("o/<slug:slug>/teot/uusi/", views.create, name="create"),
    path("sitemap.xml", sitemaps.index,
         {"sitemaps": SITEMAPS, "sitemap_url_name": "acts:sitemap_section"}, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS},
         name="sitemap_section"),
]
