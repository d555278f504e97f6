from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "keruen.api"
    label = "api"
    verbose_name = "API"
