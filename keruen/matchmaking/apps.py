from django.apps import AppConfig


class MatchmakingConfig(AppConfig):
    name = "keruen.matchmaking"
    label = "matchmaking"
    verbose_name = "Matchmaking"
