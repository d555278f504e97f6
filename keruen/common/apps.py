from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "keruen.common"
    label = "common"
    verbose_name = _("Keruen: common")

    def ready(self) -> None:
        from django.contrib import admin

        from keruen.common import audit

        audit.connect_signals()
        # The product's name, not Django's ("Django administration", in Kazakh "Даңғо
        # әкімшілігі"): organisers do not know, nor need to know, what the site is built with.
        admin.site.site_header = _("Keruen administration")
        admin.site.site_title = _("Keruen administration")
