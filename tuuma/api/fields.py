"""Translated values as {"fi": …, "sv": …, "en": …} objects (as linkedevents does)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tuuma.acts.models import TEXT_FIELDS
from tuuma.core.text import clean_text

LANGS = ("fi", "sv", "en")


class TranslatedText(serializers.Serializer):
    """The same text in each language; null where there is none."""

    fi = serializers.CharField(allow_null=True)
    sv = serializers.CharField(allow_null=True)
    en = serializers.CharField(allow_null=True)


def translated(**values) -> dict:
    return {lang: (values.get(lang) or None) for lang in LANGS}


def named(obj) -> dict:
    """Themes, sectors and organizations carry name_fi, name_sv and (some) name_en."""
    return translated(**{lang: getattr(obj, f"name_{lang}", None) for lang in LANGS})


def act_texts(act) -> dict[str, dict]:
    """Each text field of the act in its own language plus its translations."""
    cached = act.__dict__.get("_api_texts")
    if cached is None:
        cached = {f: translated(**{act.language: getattr(act, f)}) for f in TEXT_FIELDS}
        for t in act.translations.all():  # prefetched by the views
            if t.language != act.language:
                for f in TEXT_FIELDS:
                    cached[f][t.language] = getattr(t, f) or None
        act.__dict__["_api_texts"] = cached
    return cached


@extend_schema_field(TranslatedText)
class ActTextField(serializers.Field):
    """One of the act's text fields, in every language it is written in."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, act):
        return act_texts(act)[self.field_name]


@extend_schema_field(TranslatedText)
class NameField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return named(obj)


class CleanCharField(serializers.CharField):
    """Text as the web forms take it: no control characters, NFC."""

    def to_internal_value(self, data):
        return clean_text(super().to_internal_value(data))
