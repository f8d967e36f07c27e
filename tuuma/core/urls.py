from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("saavutettavuusseloste/", views.accessibility, name="accessibility"),
    path("health/", views.health, name="health"),
    path("kieli/", views.set_language, name="set_language"),
]
