from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.score, name="score"),
    path("idea/<int:pk>/arvioijat/", views.assign, name="assign"),
    path("o/<slug:slug>/kriteerit/", views.rubric, name="rubric"),
]
