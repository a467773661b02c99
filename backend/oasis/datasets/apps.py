from django.apps import AppConfig


class DatasetsConfig(AppConfig):
    name = "oasis.datasets"
    label = "datasets"

    def ready(self) -> None:
        # Uploads stream to disk only if the server does not hold the request body in memory first.
        from .server_uploads import install

        install()
