from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("kutsu/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("o/<slug:slug>/", views.detail, name="detail"),
    path("o/<slug:slug>/odottavat/", views.waiting, name="waiting"),
    path("o/<slug:slug>/hallinta/ihmiset/", views.people, name="people"),
    path("o/<slug:slug>/hallinta/ihmiset/<int:pk>/", views.member, name="member"),
    path("o/<slug:slug>/hallinta/kutsu/", views.invite, name="invite"),
    path("o/<slug:slug>/hallinta/tuonti/", views.import_people, name="import"),
    path("o/<slug:slug>/hallinta/yksikot/", views.units, name="units"),
    path("o/<slug:slug>/hallinta/asetukset/", views.org_settings, name="settings"),
]
