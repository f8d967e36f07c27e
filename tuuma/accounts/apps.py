from django.apps import AppConfig


class Config(AppConfig):
    name = "tuuma.accounts"
    label = "accounts"
