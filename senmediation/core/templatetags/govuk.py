"""Renders Django form fields as GOV.UK Design System components, with errors tied to inputs."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField

register = template.Library()


def _kind(field: BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    if isinstance(widget, forms.MultiWidget):
        return "date"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    return "input"


@register.filter
def first_input_id(field: BoundField) -> str:
    """The id an error summary link should point at: the first radio, checkbox or date part."""
    kind = _kind(field)
    if kind in {"radios", "checkboxes"}:
        return f"{field.auto_id}_0"
    if kind == "date":
        return f"{field.auto_id}_0"
    return str(field.auto_id)


@register.inclusion_tag("includes/field.html")
def govuk_field(
    field: BoundField, label_class: str = "govuk-label--s", hint: str | None = None, page_heading: bool = False,
    input_class: str = "", inline: bool = False,
) -> dict[str, Any]:
    kind = _kind(field)
    attrs = field.field.widget.attrs
    return {
        "date_parts": _date_parts(field) if kind == "date" else [],
        "field": field,
        "kind": kind,
        "label_class": "govuk-label--l" if page_heading else label_class,
        "legend_class": "govuk-fieldset__legend--l" if page_heading else "govuk-fieldset__legend--s",
        "hint": hint if hint is not None else field.help_text,
        "page_heading": page_heading,
        "input_class": input_class or attrs.get("data-govuk-class", ""),
        "inline": inline,
        "described_by": " ".join(
            part for part in [
                f"{field.auto_id}-hint" if (hint or field.help_text) else "",
                f"{field.auto_id}-error" if field.errors else "",
            ] if part
        ),
    }


def _date_parts(field: BoundField) -> list[dict[str, Any]]:
    """Day, month and year boxes with the names Django's MultiWidget reads back (name_0, name_1, name_2)."""
    value = field.value()
    widget = field.field.widget
    if not isinstance(value, list | tuple):
        value = widget.decompress(value) if isinstance(widget, forms.MultiWidget) else [None, None, None]
    parts = list(value) + [None] * (3 - len(value))
    return [
        {"id": f"{field.auto_id}_{i}", "name": f"{field.html_name}_{i}", "value": parts[i] or "",
         "label": label, "width": width, "autocomplete": ""}
        for i, (label, width) in enumerate((("Day", 2), ("Month", 2), ("Year", 4)))
    ]
