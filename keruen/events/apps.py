from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "keruen.events"
    label = "events"
    verbose_name = "Events"
