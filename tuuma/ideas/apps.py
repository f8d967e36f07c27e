from django.apps import AppConfig


class Config(AppConfig):
    name = "tuuma.ideas"
    label = "ideas"
