from django.apps import AppConfig


class DatasetsConfig(AppConfig):
    name = "oasis.datasets"
    label = "datasets"
