from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "oasis.images"
    label = "images"
