from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "oasis.tasks"
    label = "tasks"
