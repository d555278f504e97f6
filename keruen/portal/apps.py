from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "keruen.portal"
    label = "portal"
    verbose_name = "Delegate portal"
