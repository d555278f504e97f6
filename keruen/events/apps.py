from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "keruen.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from django.db.models.signals import pre_delete

        from keruen.events.models import Hall
        from keruen.events.place_history import hall_deleted_record

        # A signal, not a service: the admin deletes halls too, and it calls no service.
        pre_delete.connect(hall_deleted_record, sender=Hall, dispatch_uid="hall_deleted_record")
