"""The person's own API keys: create one (shown once) and revoke it."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tuuma.core.text import CleanCharField

from .models import ApiToken
from .tokens import create_token, revoke_token


class TokenForm(forms.Form):
    name = CleanCharField(
        label=gettext_lazy("Name of the key"), max_length=100,
        help_text=gettext_lazy("Where the key is used, e.g. “Intranet news feed”."))


@never_cache
@login_required
def tokens(request):
    new_key = None
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            _token, new_key = create_token(request.user, name=form.cleaned_data["name"])
            form = TokenForm()
    else:
        form = TokenForm()
    rejected = request.method == "POST" and new_key is None
    return render(request, "api/tokens.html", {
        "form": form, "new_key": new_key,
        "tokens": ApiToken.objects.filter(user=request.user),
    }, status=400 if rejected else 200)


@require_POST
@login_required
def revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    revoke_token(token, by=request.user)
    messages.success(request, _("The key “%(name)s” was revoked. It no longer works.")
                     % {"name": token.name})
    return redirect("api_tokens:list")
