from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "oasis.site"
    label = "oasis_site"
    verbose_name = "OASIS site"
