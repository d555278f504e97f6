from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "keruen.demo"
    label = "demo"
    verbose_name = "Demo expo"
