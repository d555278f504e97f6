from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "keruen.common"
    label = "common"
    verbose_name = "Keruen: common"

    def ready(self) -> None:
        from keruen.common import audit

        audit.connect_signals()
