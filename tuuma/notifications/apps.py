from django.apps import AppConfig


class Config(AppConfig):
    name = "tuuma.notifications"
    label = "notifications"
