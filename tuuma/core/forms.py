from django import forms
from django.utils.translation import gettext_lazy as _

from .text import CleanCharField


class FeedbackForm(forms.Form):
    page = CleanCharField(label=_("Page or feature"), max_length=500, required=False)
    message = CleanCharField(label=_("Your feedback"), max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 5}),
                             help_text=_("What did not work, and how did you try to use it?"))
    email = forms.EmailField(label=_("E-mail for the answer"), required=False,
                             help_text=_("Leave empty if you do not want an answer."))
