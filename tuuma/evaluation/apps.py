from django.apps import AppConfig


class Config(AppConfig):
    name = "tuuma.evaluation"
    label = "evaluation"
