from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "keruen.people"
    label = "people"
    verbose_name = "People and organisations"
