from django.apps import AppConfig


class Config(AppConfig):
    name = "tuuma.organizations"
    label = "organizations"
