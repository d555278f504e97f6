from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "keruen.meetings"
    label = "meetings"
    verbose_name = "Meetings and schedules"
