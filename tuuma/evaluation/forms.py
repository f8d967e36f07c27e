from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from tuuma.core.text import CleanCharField

from .models import Criterion


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.email})"


class AssignForm(forms.Form):
    evaluators = PersonChoiceField(
        label=_("Evaluators"), queryset=get_user_model().objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Choose one or more colleagues to score the idea."))

    def __init__(self, *args, idea, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluators"].queryset = (
            get_user_model().objects.filter(memberships__organization=idea.organization,
                                            is_active=True)
            .exclude(assignments__idea=idea).order_by("-memberships__is_developer", "full_name"))


class ScoreForm(forms.Form):
    """One radio group per active criterion of the organization's rubric."""

    comment = CleanCharField(
        label=_("Comment"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Seen by internal developers and decision-makers, not by the author."))

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(Criterion.objects.filter(organization=organization, active=True))
        for c in self.criteria:
            self.fields[f"criterion_{c.pk}"] = forms.TypedChoiceField(
                label=c.name, coerce=int, widget=forms.RadioSelect,
                choices=[(v, str(v)) for v in range(c.scale_min, c.scale_max + 1)],
                help_text=_("%(min)s = lowest, %(max)s = highest") % {
                    "min": c.scale_min, "max": c.scale_max} + (
                    " · " + str(_("a high score counts against the idea"))
                    if c.inverted else ""))
        self.order_fields([*(f"criterion_{c.pk}" for c in self.criteria), "comment"])

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name_fi", "name_sv", "name_en", "scale_min", "scale_max", "weight",
                  "inverted", "order", "active"]

    def clean(self):
        data = super().clean()
        if data.get("scale_min") is not None and data.get("scale_max") is not None \
                and data["scale_min"] >= data["scale_max"]:
            self.add_error("scale_max", _("The highest score must be above the lowest."))
        if data.get("weight") is not None and data["weight"] <= 0:
            self.add_error("weight", _("The weight must be above zero."))
        return data
