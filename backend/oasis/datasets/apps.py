from django.apps import AppConfig


class DatasetsConfig(AppConfig):
    name = "oasis.datasets"
    label = "datasets"

    def ready(self) -> None:
        # Uploads and downloads stream only if the server holds neither body in memory.
        from oasis.server_io import install

        install()
