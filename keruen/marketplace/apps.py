from django.apps import AppConfig


class MarketplaceConfig(AppConfig):
    name = "keruen.marketplace"
    label = "marketplace"
    verbose_name = "Offers and requests"
