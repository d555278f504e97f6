from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "keruen.common"
    label = "common"
    verbose_name = _("Keruen: common")

    def ready(self) -> None:
        from keruen.common import audit

        audit.connect_signals()
