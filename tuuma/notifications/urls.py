from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.open_one, name="open"),
    path("luettu/", views.read_all, name="read_all"),
]
