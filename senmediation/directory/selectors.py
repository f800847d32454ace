from django.core.cache import cache
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import LocalAuthority, Provider, SignpostingAgency

PROVIDER_CACHE_KEY = "directory:provider_current"
PROVIDER_CACHE_SECONDS = 60  # other app servers see an admin edit within a minute


def provider_current() -> Provider | None:
    """The provider this installation runs for, or None before the demo data is loaded. Read on every
    page, so kept briefly in the cache and dropped whenever a provider is saved here."""
    provider: Provider | None = cache.get(PROVIDER_CACHE_KEY)
    if provider is None:
        provider = Provider.objects.filter(is_current=True).first()
        if provider is not None:
            cache.set(PROVIDER_CACHE_KEY, provider, PROVIDER_CACHE_SECONDS)
    return provider


@receiver([post_save, post_delete], sender=Provider, dispatch_uid="provider_cache_clear")
def _provider_cache_clear(**kwargs: object) -> None:
    cache.delete(PROVIDER_CACHE_KEY)


def local_authority_list() -> QuerySet[LocalAuthority]:
    return LocalAuthority.objects.order_by("name")


def signposting_national() -> QuerySet[SignpostingAgency]:
    return SignpostingAgency.objects.filter(local_authority__isnull=True)
