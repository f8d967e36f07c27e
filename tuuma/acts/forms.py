from functools import partial

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tuuma.core.text import CleanCharField
from tuuma.core.uploads import validate_upload
from tuuma.ideas.models import Idea
from tuuma.ideas.models import Status as IdeaStatus
from tuuma.organizations.models import Unit

from .models import LANGUAGES, TEXT_FIELDS, ActStatus, Sector, Theme
from .queries import FACETS, filter_choices

MAX_FILES = 20


def textarea(rows=5):
    return forms.Textarea(attrs={"rows": rows})


class NamedChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes labelled with the name in the reader's language."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


class UnitChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.path


class IdeaChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"#{obj.pk} {obj.title}"


def members_by_email(raw: str, organization):
    """People of the organization named in a comma-separated list of e-mail addresses."""
    emails = [e.strip().lower() for e in raw.replace(";", ",").split(",") if e.strip()]
    people = list(get_user_model().objects.filter(
        email__in=emails, memberships__organization=organization))
    unknown = sorted(set(emails) - {p.email.lower() for p in people})
    if unknown:
        raise ValidationError(
            _("Not found in this organization: %(emails)s") % {"emails": ", ".join(unknown)})
    return people


class ActForm(forms.Form):
    title = CleanCharField(label=_("Title"), max_length=200)
    summary = CleanCharField(label=_("Short summary"), max_length=1000, required=False,
                             widget=textarea(3),
                             help_text=_("Two or three sentences shown in the catalogue list."))
    need_and_goals = CleanCharField(label=_("Need and goals"), max_length=20000, required=False,
                                    widget=textarea(),
                                    help_text=_("Why was this needed, and what was the aim?"))
    solution = CleanCharField(label=_("Solution"), max_length=20000, required=False,
                              widget=textarea(), help_text=_("What was done, and how?"))
    results = CleanCharField(label=_("Results"), max_length=20000, required=False,
                             widget=textarea(), help_text=_("What changed? Figures help."))
    lessons = CleanCharField(label=_("Lessons learned"), max_length=20000, required=False,
                             widget=textarea(),
                             help_text=_("What would you tell an organization starting this?"))
    status = forms.ChoiceField(label=_("Status"), choices=ActStatus.choices,
                               initial=ActStatus.IN_PROGRESS, widget=forms.RadioSelect)
    start = forms.DateField(label=_("Start date"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("End date"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}))
    themes = NamedChoiceField(label=_("Themes"), queryset=Theme.objects.all(), required=False)
    sectors = NamedChoiceField(label=_("Sectors"), queryset=Sector.objects.all(),
                               required=False,
                               help_text=_("The national sectors the act concerns."))
    units = UnitChoiceField(label=_("Our units involved"), queryset=Unit.objects.none(),
                            required=False)
    origin_ideas = IdeaChoiceField(label=_("Origin ideas"), queryset=Idea.objects.none(),
                                   required=False,
                                   help_text=_("Accepted or implemented ideas this act "
                                               "comes from."))
    team = CleanCharField(label=_("Team"), required=False, max_length=2000,
                          help_text=_("E-mail addresses of the people in this organization "
                                      "who made the act, separated by commas. Team members "
                                      "may edit the act."))
    language = forms.ChoiceField(label=_("Content language"), choices=LANGUAGES, initial="fi",
                                 help_text=_("The language the texts above are written in."))
    source_url = forms.URLField(label=_("Original address"), required=False, max_length=500,
                                assume_scheme="https",
                                help_text=_("A web page about the act elsewhere, if any."))

    def __init__(self, *args, organization, act=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["units"].queryset = (
            Unit.objects.filter(organization=organization)
            .select_related("parent__parent").order_by("sector__name_fi", "name_fi"))
        ideas = Idea.objects.filter(organization=organization).filter(
            status__in=[IdeaStatus.ACCEPTED, IdeaStatus.IMPLEMENTED])
        if act is not None and act.pk:
            ideas = ideas | Idea.objects.filter(pk__in=act.origin_ideas.values("pk"))
        self.fields["origin_ideas"].queryset = ideas.distinct().order_by("-created_at")
        if not self.fields["origin_ideas"].queryset.exists():
            del self.fields["origin_ideas"]

    def clean_team(self):
        return members_by_email(self.cleaned_data.get("team", ""), self.organization)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date cannot be before the start date."))
        return data

    def act_fields(self) -> dict:
        d = dict(self.cleaned_data)
        d["authors"] = d.pop("team")
        d.setdefault("origin_ideas", None)
        return d


class ContactForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), required=False)
    name = CleanCharField(label=_("Name"), max_length=200, required=False)
    title = CleanCharField(label=_("Job title"), max_length=200, required=False)
    organization = CleanCharField(label=_("Organization or unit"), max_length=200,
                                  required=False)

    def __init__(self, *args, act_organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.act_organization = act_organization
        self.fields["email"].help_text = _(
            "A colleague in this organization is found by e-mail; for anyone else, give the "
            "name too.")

    def clean(self):
        data = super().clean()
        email = (data.get("email") or "").lower()
        user = None
        if email:
            user = get_user_model().objects.filter(
                email__iexact=email, memberships__organization=self.act_organization).first()
        if user is None and not data.get("name") and (email or data.get("title")
                                                       or data.get("organization")):
            self.add_error("name", _("Give the name of the contact person."))
        data["user"] = user
        return data

    def contact(self) -> dict | None:
        """The row as Contact fields, or None for an empty row."""
        d = self.cleaned_data
        user = d.get("user")
        if not d or d.get("DELETE") or not (d.get("name") or user):
            return None
        return {"user": user, "name": d.get("name") or user.full_name,
                "title": d.get("title") or (user.title if user else ""),
                "organization": d.get("organization", ""), "email": d.get("email", "")}


class MetricForm(forms.Form):
    name = CleanCharField(label=_("Metric"), max_length=200, required=False)
    unit = CleanCharField(label=_("Unit of measure"), max_length=40, required=False)
    baseline = forms.DecimalField(label=_("Baseline"), max_digits=14, decimal_places=2,
                                  required=False, localize=True)
    target = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=2,
                                required=False, localize=True)
    result = forms.DecimalField(label=_("Result"), max_digits=14, decimal_places=2,
                                required=False, localize=True)
    measured_on = forms.DateField(label=_("Date measured"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        filled = [k for k in ("unit", "baseline", "target", "result", "measured_on")
                  if data.get(k) not in (None, "")]
        if filled and not data.get("name"):
            self.add_error("name", _("Name the metric."))
        return data

    def metric(self) -> dict | None:
        d = self.cleaned_data
        if not d or d.get("DELETE") or not d.get("name"):
            return None
        return {k: d.get(k) for k in ("name", "unit", "baseline", "target", "result",
                                      "measured_on")} | {"unit": d.get("unit") or ""}


ContactFormSet = forms.formset_factory(ContactForm, extra=2, can_delete=True, max_num=30,
                                       absolute_max=30, validate_max=True)
MetricFormSet = forms.formset_factory(MetricForm, extra=2, can_delete=True, max_num=30,
                                      absolute_max=30, validate_max=True)


class TranslationForm(forms.Form):
    title = CleanCharField(label=_("Title"), max_length=200, required=False,
                           help_text=_("Leave the title empty to remove the translation."))
    summary = CleanCharField(label=_("Short summary"), max_length=1000, required=False,
                             widget=textarea(3))
    need_and_goals = CleanCharField(label=_("Need and goals"), max_length=20000,
                                    required=False, widget=textarea())
    solution = CleanCharField(label=_("Solution"), max_length=20000, required=False,
                              widget=textarea())
    results = CleanCharField(label=_("Results"), max_length=20000, required=False,
                             widget=textarea())
    lessons = CleanCharField(label=_("Lessons learned"), max_length=20000, required=False,
                             widget=textarea())

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        for name in TEXT_FIELDS:  # the text typed here is in another language than the page
            self.fields[name].widget.attrs["lang"] = language


class FileForm(forms.Form):
    file = forms.FileField(label=_("Image or attachment"),
                           widget=forms.ClearableFileInput(
                               attrs={"accept": "image/*,application/pdf"}))
    description = CleanCharField(
        label=_("Description"), max_length=300, required=False,
        help_text=_("For an image, describe what it shows (read aloud to people who cannot "
                    "see it). Required for images."))

    def __init__(self, *args, act, **kwargs):
        super().__init__(*args, **kwargs)
        self.act = act

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload)
        if self.act.files.count() >= MAX_FILES:
            raise ValidationError(_("An act can have at most %(n)d files.") % {"n": MAX_FILES})
        return upload

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload and upload.checked_type.startswith("image/") and not data.get("description"):
            self.add_error("description", _("Describe the image for people who cannot see it."))
        return data


class FileDescriptionForm(forms.Form):
    """The description of a file already added; an image must keep one."""

    description = CleanCharField(label=_("Description"), max_length=300, required=False)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, prefix=f"file{item.pk}", **kwargs)
        self.item = item

    def clean_description(self):
        value = self.cleaned_data["description"]
        if self.item.is_image and not value:
            raise ValidationError(_("Describe the image for people who cannot see it."))
        return value


class UpdateForm(forms.Form):
    body = CleanCharField(label=_("New entry"), max_length=5000, widget=textarea(3),
                          help_text=_("What has happened since the last entry?"))

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["body"].label = label
            self.fields["body"].widget = textarea(8)
            self.fields["body"].help_text = ""


class AdoptForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("On behalf of"), queryset=None,
                                          widget=forms.RadioSelect, empty_label=None)
    note = CleanCharField(label=_("Note to the team"), max_length=2000, required=False,
                          widget=textarea(3),
                          help_text=_("Optional: how you plan to use it, or what you would "
                                      "like to ask."))
    create_linked_act = forms.BooleanField(
        label=_("Create our own act linked to this one"), required=False,
        help_text=_("An internal draft in your organization, to document how it goes."))

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        from tuuma.organizations.models import Organization

        field.queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        if len(organizations) == 1:
            field.initial = organizations[0].pk


class CatalogueForm(forms.Form):
    """The catalogue's search, filters and sort; every value is checked against known ones."""

    q = CleanCharField(label=_("Search"), required=False, max_length=200)
    organization = forms.ChoiceField(label=_("Organization"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    org_type = forms.ChoiceField(label=_("Organization type"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    year = forms.ChoiceField(label=_("Year published"), required=False)
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=[
        ("", _("Default order")), ("new", _("Newest first")),
        ("adopted", _("Most adopted first")), ("relevance", _("Best match"))])

    ALL = {"organization": _("All organizations"), "region": _("All regions"),
           "org_type": _("All types"), "sector": _("All sectors"), "theme": _("All themes"),
           "status": _("All statuses"), "year": _("All years")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.known = filter_choices()
        for name in FACETS:
            # A callable: the list (hundreds of organizations) is only gone through to check a
            # value that was sent, and not at all when the kept filter block is shown.
            self.fields[name].choices = partial(self._choices, name)

    def _choices(self, name):
        return [("", self.ALL[name]), *self.known[name]]

    def filters(self) -> dict:
        """The valid filters; an unknown value is dropped rather than failing the page."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v}

    def show_counts(self, counts: dict, data: dict) -> None:
        """Label each choice with its count; values with none are left out unless chosen."""
        for name in FACETS:
            chosen = str(data.get(name, ""))
            options = [("", self.ALL[name])]
            for value, label in self.known[name]:
                n = counts[name].get(str(value), 0)
                if n or str(value) == chosen:
                    options.append((value, f"{label} ({n})"))
            self.fields[name].choices = options
