from __future__ import annotations

from django import template

from senmediation.rules.expenses import pounds

register = template.Library()


@register.filter
def pence(value: int | None) -> str:
    """Pence as pounds: 21810 -> £218.10."""
    return pounds(int(value or 0))
