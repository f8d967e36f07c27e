from django.contrib import messages
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

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
