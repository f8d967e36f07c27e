"""/api/v1/: the public catalogue to read, and writes for organizations' integrations."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("acts", views.ActViewSet, basename="act")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("themes", views.ThemeViewSet, basename="theme")
router.register("sectors", views.SectorViewSet, basename="sector")
router.register("ideas", views.IdeaViewSet, basename="idea")

urlpatterns = [
    path("", views.index, name="index"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    *router.urls,
]
