import unicodedata

from django.conf import settings
from django.contrib import messages
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from tuuma.ideas.models import Idea

from .actions import give_feedback
from .forms import FeedbackForm


def home(request):
    if not request.user.is_authenticated:
        return render(request, "core/welcome.html")
    user = request.user
    ideas = (Idea.objects.visible_to(user).filter(author=user)
             .select_related("organization").order_by("-updated_at")[:5])
    notifications = user.notifications.filter(read_at__isnull=True).select_related("idea")[:5]
    return render(request, "core/home.html", {"ideas": ideas, "notifications": notifications})


def accessibility(request):
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        give_feedback(**form.cleaned_data)
        messages.success(request, _("Thank you for your feedback. We answer within 14 days."))
        return redirect("core:accessibility")
    return render(request, "core/accessibility.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@require_safe
@never_cache
def set_language(request):
    """The language switcher in the page header: a GET form, so that a page carries no CSRF
    token for it and pages for visitors who are not signed in can be kept whole
    (core.pagecache). It only sets the language cookie, and only when asked from this site's
    own pages (or typed in), then goes back to a path on this site."""
    back = _same_site_path(request, request.GET.get("next", ""))
    response = HttpResponseRedirect(back)
    code = request.GET.get("language", "")
    # Sec-Fetch-Site: another site may link here, but not change the language it shows.
    origin = request.headers.get("Sec-Fetch-Site", "same-origin")
    if (code in dict(settings.LANGUAGES) and check_for_language(code)
            and origin in ("same-origin", "none")):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, code, max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax")
    return response


def _same_site_path(request, url: str) -> str:
    """URL if it is a path on this site (not //host, not a scheme, no control characters)."""
    if (url.startswith("/") and not url.startswith(("//", "/\\"))
            and not any(unicodedata.category(c)[0] == "C" for c in url)
            and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                                require_https=request.is_secure())):
        return url
    return "/"


def health(request):
    """For load balancers and the benchmark baseline: checks the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


def forbidden(request, exception=None):
    return render(request, "core/403.html", status=403)


def bad_request(request, exception=None):
    return render(request, "core/400.html", status=400)


def csrf_failure(request, reason=""):
    return render(request, "core/403_csrf.html", status=403)
