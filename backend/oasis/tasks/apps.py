from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "oasis.tasks"
    label = "tasks"

    def ready(self) -> None:
        # A rule that spans two apps lives in the one above: tasks depend on datasets, never back.
        from oasis.datasets.services import refuse_deletion_when

        from .services import refuse_deleting_an_input

        refuse_deletion_when(refuse_deleting_an_input)
