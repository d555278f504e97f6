from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "keruen.console"
    label = "console"
    verbose_name = "Organiser console"
