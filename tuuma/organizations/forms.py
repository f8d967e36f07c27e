from django import forms
from django.utils.translation import gettext_lazy as _

from tuuma.core.text import CleanCharField

from .models import Organization, Unit, UnitKind
from .roles import ROLE_LABELS, Role

ROLE_CHOICES = [(r.value, ROLE_LABELS[r]) for r in Role if r is not Role.EMPLOYEE]


class UnitPathChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.path


class SettingsForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["name_fi", "name_sv", "org_type", "municipality", "region", "business_id",
                  "languages", "response_days"]

    def clean_response_days(self):
        days = self.cleaned_data["response_days"]
        if not 1 <= days <= 365:
            raise forms.ValidationError(_("Choose a promise between 1 and 365 days."))
        return days


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(label=_("Roles"), choices=ROLE_CHOICES, required=False,
                                      widget=forms.CheckboxSelectMultiple)
    unit = UnitPathChoice(label=_("Unit"), queryset=Unit.objects.none(), required=False,
                          empty_label=_("No unit"))

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organization=organization) \
            .select_related("parent__parent").order_by("sector__name_fi", "name_fi")

    def cleaned_roles(self):
        return {Role.EMPLOYEE, *(Role(r) for r in self.cleaned_data["roles"])}


class InviteForm(RolesForm):
    email = forms.EmailField(label=_("E-mail"))
    field_order = ["email", "roles", "unit"]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"),
                           help_text=_("Columns: name, email, unit, roles (roles separated by ;)"))
    dry_run = forms.BooleanField(label=_("Only check the file, save nothing"), required=False,
                                 initial=True)

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return f


class UnitForm(forms.Form):
    name_fi = CleanCharField(label=_("Name in Finnish"), max_length=200)
    name_sv = CleanCharField(label=_("Name in Swedish"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Level"), choices=UnitKind.choices)
    parent = UnitPathChoice(label=_("Parent"), queryset=Unit.objects.none(), required=False,
                            empty_label=_("None (a sector)"))

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Unit.objects.filter(organization=organization) \
            .exclude(kind=UnitKind.UNIT).select_related("parent")


class AcceptInvitationForm(forms.Form):
    full_name = CleanCharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput,
                                strip=False, help_text=_("At least 10 characters."))
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput,
                                strip=False)

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The passwords do not match."))
        if data.get("password1"):
            from django.contrib.auth.password_validation import validate_password

            try:
                validate_password(data["password1"])
            except forms.ValidationError as e:
                self.add_error("password1", e)
        return data
