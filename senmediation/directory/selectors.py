from django.db.models import QuerySet

from .models import LocalAuthority, Provider, SignpostingAgency


def provider_current() -> Provider | None:
    """The provider this installation runs for, or None before the demo data is loaded."""
    return Provider.objects.filter(is_current=True).first()


def local_authority_list() -> QuerySet[LocalAuthority]:
    return LocalAuthority.objects.order_by("name")


def signposting_national() -> QuerySet[SignpostingAgency]:
    return SignpostingAgency.objects.filter(local_authority__isnull=True)
