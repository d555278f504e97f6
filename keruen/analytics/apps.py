from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "keruen.analytics"
    label = "analytics"
    verbose_name = "Analytics"
