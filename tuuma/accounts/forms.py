from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from tuuma.core.text import CleanCharField


class LoginForm(AuthenticationForm):
    username = forms.EmailField(label=_("E-mail"),
                                widget=forms.EmailInput(attrs={"autocomplete": "email",
                                                               "autofocus": True}))
    error_messages = {
        "invalid_login": _("The e-mail address or the password is wrong."),
        "inactive": _("This account is not in use."),
    }

    def clean_username(self):
        # Addresses are stored lower-case; people type them in any case.
        return self.cleaned_data["username"].strip().lower()


class ProfileForm(forms.ModelForm):
    full_name = CleanCharField(label=_("Name"), max_length=150)
    title = CleanCharField(label=_("Job title"), max_length=150, required=False)

    class Meta:
        model = get_user_model()
        fields = ["full_name", "title", "language", "email_mode"]
        widgets = {"email_mode": forms.RadioSelect}


class EmailChangeForm(forms.Form):
    email = forms.EmailField(label=_("New e-mail address"))
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput,
                               strip=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("That address is already in use."))
        return email

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError(_("The password is wrong."))
        return self.cleaned_data["password"]
