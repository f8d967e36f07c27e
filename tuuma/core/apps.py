from django.apps import AppConfig


class Config(AppConfig):
    name = "tuuma.core"
    label = "core"
