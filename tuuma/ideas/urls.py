from django.urls import path

from . import views

app_name = "ideas"
urlpatterns = [
    path("ideat/omat/", views.my_ideas, name="mine"),
    path("ideat/<int:pk>/", views.detail, name="detail"),
    path("ideat/<int:pk>/muokkaa/", views.edit, name="edit"),
    path("ideat/<int:pk>/kommentoi/", views.comment, name="comment"),
    path("ideat/<int:pk>/tue/", views.support, name="support"),
    path("ideat/<int:pk>/seuraa/", views.follow, name="follow"),
    path("ideat/<int:pk>/paata/", views.decide, name="decide"),
    path("ideat/<int:pk>/yhdista/", views.merge, name="merge"),
    path("ideat/<int:pk>/liite/<int:attachment_id>/", views.attachment, name="attachment"),
    path("o/<slug:slug>/ideat/", views.idea_list, name="list"),
    path("o/<slug:slug>/ideat/uusi/", views.submit, name="submit"),
    path("o/<slug:slug>/ideat/luonnos/", views.save_draft, name="draft"),
]
