from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "keruen.imports"
    label = "imports"
    verbose_name = "Imports"
