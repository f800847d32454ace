from django import template
from django.db.models import QuerySet

from senmediation.directory.models import LocalAuthority

register = template.Library()


@register.simple_tag
def commissioning_local_authorities() -> QuerySet[LocalAuthority]:
    return LocalAuthority.objects.filter(commissions_us=True).order_by("name")
