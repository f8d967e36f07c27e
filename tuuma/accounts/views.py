from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _

from .actions import confirm_email_change, request_email_change
from .forms import EmailChangeForm, LoginForm, ProfileForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        translation.activate(user.language)
        response = redirect("accounts:profile")
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, samesite="Lax")
        messages.success(request, _("Your settings were saved."))
        return response
    return render(request, "accounts/profile.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@login_required
def change_email(request):
    form = EmailChangeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        request_email_change(request.user, form.cleaned_data["email"])
        messages.success(request, _(
            "We sent a confirmation link to %(email)s. The address changes when you open it."
        ) % {"email": form.cleaned_data["email"]})
        return redirect("accounts:profile")
    return render(request, "accounts/change_email.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


def confirm_email(request, token):
    try:
        confirm_email_change(token)
    except ValidationError as e:
        return render(request, "accounts/email_confirm_failed.html", {"error": e.messages[0]},
                      status=400)
    messages.success(request, _("Your e-mail address was changed."))
    return redirect("accounts:profile" if request.user.is_authenticated else "accounts:login")


password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset.html",
    email_template_name="accounts/password_reset_email.txt",
    subject_template_name="accounts/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"))
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"))
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html")
password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change.html",
    success_url=reverse_lazy("accounts:profile"))
