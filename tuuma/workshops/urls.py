from django.urls import path

from . import groups, views

app_name = "workshops"

urlpatterns = [
    # facilitators
    path("o/<slug:slug>/tyopajat/", views.org_list, name="org_list"),
    path("o/<slug:slug>/tyopajat/uusi/", views.create, name="create"),
    path("tyopajat/<int:pk>/", views.manage, name="manage"),
    path("tyopajat/<int:pk>/asetukset/", views.edit, name="edit"),
    path("tyopajat/<int:pk>/lauta/", views.fac_board, name="fac_board"),
    path("tyopajat/<int:pk>/vaihe/", views.phase, name="phase"),
    path("tyopajat/<int:pk>/kello/", views.clock, name="clock"),
    path("tyopajat/<int:pk>/paljasta/", views.reveal, name="reveal"),
    path("tyopajat/<int:pk>/kohteet/<int:item>/", views.moderate, name="moderate"),
    path("tyopajat/<int:pk>/ryhmittely/", views.cluster, name="cluster"),
    path("tyopajat/<int:pk>/muistiinpanot/", views.notes, name="notes"),
    path("tyopajat/<int:pk>/projektori/", views.projector, name="projector"),
    path("tyopajat/<int:pk>/qr.svg", views.qr, name="qr"),
    path("tyopajat/<int:pk>/tulokset.csv", views.export_csv, name="export_csv"),
    path("tyopajat/<int:pk>/tulokset.pdf", views.export_pdf, name="export_pdf"),
    # participants
    path("liity/", views.join, name="join"),
    path("w/<str:code>/", views.board, name="board"),
    path("w/<str:code>/ideat/", views.post_item, name="post"),
    path("w/<str:code>/ideat/<int:item>/plus/", views.plus, name="plus"),
    path("w/<str:code>/ideat/<int:item>/kommentti/", views.comment, name="comment"),
    path("w/<str:code>/ideat/<int:item>/piste/", views.dot, name="dot"),
    path("w/<str:code>/tapahtumat/", views.events, name="events"),
    # peer groups
    path("o/<slug:slug>/vertaisryhmat/uusi/", groups.create, name="group_create"),
    path("vertaisryhmat/<int:pk>/", groups.detail, name="group"),
    path("vertaisryhmat/<int:pk>/muokkaa/", groups.edit, name="group_edit"),
    path("vertaisryhmat/<int:pk>/tapaaminen/", groups.new_session, name="group_session"),
    path("vertaisryhmat/<int:pk>/tapaamiset/<int:session>/", groups.session,
         name="group_session_record"),
]
