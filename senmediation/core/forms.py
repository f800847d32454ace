"""Form pieces shared across the service: the GOV.UK date input, with plain-English errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms


class DateInputWidget(forms.MultiWidget):
    template_name = "django/forms/widgets/multiwidget.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets = [forms.TextInput(), forms.TextInput(), forms.TextInput()]
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """Day, month and year boxes; errors follow the GOV.UK Design System's date input guidance."""

    widget = DateInputWidget

    def __init__(
        self, *, label_lower: str = "the date", min_date: dt.date | None = None, max_date: dt.date | None = None,
        min_message: str | None = None, max_message: str | None = None, **kwargs: Any,
    ) -> None:
        self.label_lower = label_lower
        self.min_date = min_date
        self.max_date = max_date
        self.min_message = min_message
        self.max_message = max_message
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("required", f"Enter {label_lower}")
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def clean(self, value: Any) -> dt.date | None:
        parts = [str(part or "").strip() for part in (value or ["", "", ""])]
        while len(parts) < 3:
            parts.append("")
        day, month, year = parts[:3]
        if len(day) > 2 or len(month) > 2 or len(year) > 4:
            # Very long numbers are not dates (and would overflow the date type).
            raise forms.ValidationError(f"{self._cap()} must be a real date", code="invalid")
        if not any(parts):
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return None
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise forms.ValidationError(
                f"{self.label_lower[0].upper()}{self.label_lower[1:]} must include a {' and '.join(missing)}",
                code="incomplete",
            )
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise forms.ValidationError(
                f"{self._cap()} must be a real date, written in numbers, for example 27 3 2026", code="invalid"
            )
        if len(year) != 4:
            raise forms.ValidationError("Year must include 4 numbers", code="invalid_year")
        try:
            result = dt.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise forms.ValidationError(f"{self._cap()} must be a real date", code="invalid") from None
        if self.min_date and result < self.min_date:
            raise forms.ValidationError(
                self.min_message or f"{self._cap()} must be after {self.min_date:%-d %B %Y}", code="too_early"
            )
        if self.max_date and result > self.max_date:
            raise forms.ValidationError(
                self.max_message or f"{self._cap()} must be today or in the past", code="too_late"
            )
        return result

    def _cap(self) -> str:
        return f"{self.label_lower[0].upper()}{self.label_lower[1:]}"

    def compress(self, data_list: list[Any]) -> Any:  # pragma: no cover - clean() does the work
        return data_list
