from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PeerGroup, Workshop


class WorkshopForm(forms.ModelForm):
    prompts = forms.CharField(
        label=_("Prompts"), widget=forms.Textarea(attrs={"rows": 4}), max_length=3000,
        help_text=_("One question per line, e.g. “How could we make the mornings calmer?”"))

    class Meta:
        model = Workshop
        fields = ["title", "description", "prompts", "dots_per_participant",
                  "max_dots_per_item", "anonymous", "members_only", "ideate_minutes",
                  "vote_minutes"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["prompts"] = "\n".join(p.text for p in self.instance.prompts.all())
        self.fields["dots_per_participant"].widget.attrs.update(min=1, max=50)
        self.fields["max_dots_per_item"].widget.attrs.update(min=1, max=50)
        for name in ("ideate_minutes", "vote_minutes"):
            if name in self.fields:
                self.fields[name].widget.attrs.update(min=1, max=600)
                self.fields[name].help_text = _("Leave empty for no time limit.")

    def clean_prompts(self):
        lines = [line.strip() for line in self.cleaned_data["prompts"].splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            raise forms.ValidationError(_("Give at least one prompt."))
        if len(lines) > 10:
            raise forms.ValidationError(_("At most 10 prompts in one workshop."))
        too_long = [line for line in lines if len(line) > 300]
        if too_long:
            raise forms.ValidationError(_("Keep each prompt to 300 characters."))
        return lines

    def clean(self):
        data = super().clean()
        per, most = data.get("dots_per_participant"), data.get("max_dots_per_item")
        if per is not None and not 1 <= per <= 50:
            self.add_error("dots_per_participant", _("Choose between 1 and 50 dots."))
        if most is not None and not 1 <= most <= 50:
            self.add_error("max_dots_per_item", _("Choose between 1 and 50 dots."))
        elif per and most and most > per:
            self.add_error("max_dots_per_item",
                           _("Cannot be more than the dots each participant has."))
        if (self.instance.pk and self.instance.anonymous and data.get("anonymous") is False
                and self.instance.participants.exists()):
            self.add_error("anonymous", _("People joined under the promise of anonymity: the "
                                          "workshop stays anonymous."))
        for name in ("ideate_minutes", "vote_minutes"):
            value = data.get(name)
            if value is not None and not 1 <= value <= 600:
                self.add_error(name, _("Choose between 1 and 600 minutes."))
        return data


class SessionForm(WorkshopForm):
    """A peer group's session: a workshop for the group's members, with a date and notes."""

    class Meta(WorkshopForm.Meta):
        fields = ["title", "meets_on", "description", "prompts", "anonymous",
                  "dots_per_participant", "max_dots_per_item"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}),
                   "meets_on": forms.DateInput(attrs={"type": "date"})}


class JoinForm(forms.Form):
    code = forms.CharField(label=_("Join code"), max_length=20,
                           widget=forms.TextInput(attrs={"autocomplete": "off",
                                                         "autocapitalize": "characters",
                                                         "spellcheck": "false"}))


class NicknameForm(forms.Form):
    nickname = forms.CharField(
        label=_("Nickname (optional)"), max_length=40, required=False,
        help_text=_("Shown with your posts unless the workshop is anonymous."))


class ItemForm(forms.Form):
    text = forms.CharField(label=_("Your idea"), max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2, "maxlength": 500}))
    prompt = forms.IntegerField(widget=forms.HiddenInput)


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=500)


class NotesForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 10})}


class PeerGroupForm(forms.ModelForm):
    member_emails = forms.CharField(
        label=_("Members"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("E-mail addresses of the organization's people, one per line."))

    class Meta:
        model = PeerGroup
        fields = ["name", "description", "member_emails"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organization, **kwargs):
        self.organization = organization
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["member_emails"] = "\n".join(
                self.instance.members.order_by("email").values_list("email", flat=True))

    def clean_member_emails(self):
        from tuuma.accounts.models import User

        emails = {e.strip().lower() for e in
                  self.cleaned_data["member_emails"].replace(",", "\n").splitlines()
                  if e.strip()}
        people = list(User.objects.filter(email__in=emails,
                                          memberships__organization=self.organization))
        missing = emails - {p.email.lower() for p in people}
        if missing:
            raise forms.ValidationError(
                _("Not members of the organization: %(emails)s")
                % {"emails": ", ".join(sorted(missing))})
        return people
