from django.apps import AppConfig


class AlgorithmsConfig(AppConfig):
    name = "oasis.algorithms"
    label = "algorithms"
