from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tuuma.core.text import CleanCharField
from tuuma.core.uploads import validate_upload
from tuuma.organizations.models import Unit

from .models import Beneficiary, Idea, Status


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > settings.ATTACHMENTS_PER_IDEA:
            raise ValidationError(ngettext(
                "Attach at most %(n)d file.", "Attach at most %(n)d files.",
                settings.ATTACHMENTS_PER_IDEA) % {"n": settings.ATTACHMENTS_PER_IDEA})
        errors = []
        for f in files:
            try:
                validate_upload(f)
            except ValidationError as e:
                errors.extend(e.messages)
        if errors:
            raise ValidationError(errors)
        return files


class UnitChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.path


class IdeaForm(forms.Form):
    title = CleanCharField(label=_("Title"), max_length=200,
                           help_text=_("A short name for the idea."))
    problem = CleanCharField(label=_("The problem today"), max_length=10000,
                             widget=forms.Textarea(attrs={"rows": 4}),
                             help_text=_("What does not work well now, and for whom?"))
    proposal = CleanCharField(label=_("Your proposal"), max_length=10000,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("What should we do differently?"))
    beneficiaries = forms.ChoiceField(label=_("Who benefits"), choices=Beneficiary.choices,
                                      initial=Beneficiary.BOTH, widget=forms.RadioSelect)
    units = UnitChoiceField(label=_("Units concerned"), queryset=Unit.objects.none(),
                            required=False, widget=forms.CheckboxSelectMultiple,
                            help_text=_("Choose every unit the idea touches, across sectors."))
    coauthors = CleanCharField(
        label=_("Co-authors"), required=False, max_length=2000,
        help_text=_("E-mail addresses of colleagues who made the idea with you, "
                    "separated by commas."))
    hide_author = forms.BooleanField(
        label=_("Hide my name from other employees"), required=False,
        help_text=_("Evaluators and decision-makers still see who you are."))
    attachments = MultipleFileField(
        label=_("Attachments"), required=False,
        help_text=_("Images or PDF files, at most %(mb)s MB each.")
        % {"mb": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)})

    def __init__(self, *args, organization, user, with_files=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization, self.user = organization, user
        self.fields["units"].queryset = (
            Unit.objects.filter(organization=organization)
            .select_related("parent__parent").order_by("sector__name_fi", "name_fi"))
        if not with_files:
            del self.fields["attachments"]

    def clean_coauthors(self):
        raw = self.cleaned_data.get("coauthors", "")
        emails = [e.strip().lower() for e in raw.replace(";", ",").split(",") if e.strip()]
        people = list(get_user_model().objects.filter(
            email__in=emails, memberships__organization=self.organization))
        unknown = sorted(set(emails) - {p.email for p in people})
        if unknown:
            raise ValidationError(
                _("Not found in this organization: %(emails)s") % {"emails": ", ".join(unknown)})
        return [p for p in people if p.pk != self.user.pk]


class CommentForm(forms.Form):
    body = CleanCharField(label=_("Comment"), max_length=5000,
                          widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), widget=forms.RadioSelect,
        choices=[(s.value, s.label) for s in
                 (Status.ACCEPTED, Status.PARKED, Status.DECLINED, Status.IMPLEMENTED)])
    reason = CleanCharField(
        label=_("Reason"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The author and followers read this. Required unless the idea is marked "
                    "implemented."))
    parked_until = forms.DateField(label=_("Revisit date"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}),
                                   help_text=_("Required when the idea is parked."))


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Duplicate of"), queryset=Idea.objects.none())
    reason = CleanCharField(label=_("Note"), required=False, max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, idea, **kwargs):
        # Its own ids: the decision form on the same page also has a "reason" field.
        kwargs.setdefault("auto_id", "merge_%s")
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = (
            Idea.objects.filter(organization=idea.organization)
            .exclude(pk=idea.pk).exclude(status=Status.MERGED).order_by("-created_at"))
        self.fields["into"].label_from_instance = lambda i: f"#{i.pk} {i.title}"


class IdeaFilterForm(forms.Form):
    q = CleanCharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses"))] + list(Status.choices))
    sector = forms.ModelChoiceField(label=_("Sector"), required=False, queryset=Unit.objects.none(),
                                    empty_label=_("All sectors"))
    unit = forms.ModelChoiceField(label=_("Unit"), required=False, queryset=Unit.objects.none(),
                                  empty_label=_("All units"))
    age = forms.ChoiceField(label=_("Age"), required=False, choices=[
        ("", _("Any age")), ("7", _("Older than a week")), ("30", _("Older than 30 days")),
        ("90", _("Older than 90 days")), ("overdue", _("Past the response promise"))])
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=[
        ("new", _("Newest first")), ("old", _("Oldest first")),
        ("support", _("Most supported")), ("comments", _("Most commented"))])

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(organization=organization).select_related("parent__parent")
        self.fields["sector"].queryset = units.filter(parent__isnull=True)
        self.fields["unit"].queryset = units.order_by("sector__name_fi", "name_fi")
        self.fields["unit"].label_from_instance = lambda u: u.path
