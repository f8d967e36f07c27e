from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("tili/api-avaimet/", include("tuuma.api.token_urls")),
    path("tili/", include("tuuma.accounts.urls")),
    path("arviointi/", include("tuuma.evaluation.urls")),
    path("ilmoitukset/", include("tuuma.notifications.urls")),
    path("api/v1/", include("tuuma.api.urls")),
    path("haku/", include("tuuma.search.urls")),
    path("", include("tuuma.workshops.urls")),
    path("", include("tuuma.acts.urls")),
    path("", include("tuuma.ideas.urls")),
    path("", include("tuuma.organizations.urls")),
    path("", include("tuuma.core.urls")),
]

handler404 = "tuuma.core.views.not_found"
handler403 = "tuuma.core.views.forbidden"
handler400 = "tuuma.core.views.bad_request"
