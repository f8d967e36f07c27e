from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("kirjaudu/", views.LoginView.as_view(), name="login"),
    path("ulos/", auth_views.LogoutView.as_view(), name="logout"),
    path("asetukset/", views.profile, name="profile"),
    path("sahkoposti/", views.change_email, name="change_email"),
    path("sahkoposti/<str:token>/", views.confirm_email, name="confirm_email"),
    path("salasana/", views.password_change, name="password_change"),
    path("salasana/unohtunut/", views.password_reset, name="password_reset"),
    path("salasana/lahetetty/", views.password_reset_done, name="password_reset_done"),
    path("salasana/uusi/<uidb64>/<token>/", views.password_reset_confirm,
         name="password_reset_confirm"),
    path("salasana/valmis/", views.password_reset_complete, name="password_reset_complete"),
]
