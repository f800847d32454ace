import datetime as dt

from django import forms

from senmediation.core import clock
from senmediation.core.forms import GovukDateField


class AppealDatesForm(forms.Form):
    decision_date = GovukDateField(
        label="What date is on the decision letter from your local authority?",
        label_lower="the date on your decision letter",
        help_text="For example, 27 3 2026",
    )
    certificate_date = GovukDateField(
        label="If you have a mediation certificate, what date was it issued? (optional)",
        label_lower="the date on your mediation certificate",
        help_text="Leave this empty if you do not have a certificate yet",
        required=False,
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        today = clock.today()
        decision, certificate = data.get("decision_date"), data.get("certificate_date")
        if isinstance(decision, dt.date):
            if decision > today:
                self.add_error("decision_date", "The date on your decision letter must be today or in the past")
            elif decision < today - dt.timedelta(days=365 * 5):
                self.add_error("decision_date", "The date on your decision letter must be in the last 5 years")
        if isinstance(certificate, dt.date):
            if certificate > today:
                self.add_error("certificate_date", "The date on your certificate must be today or in the past")
            elif isinstance(decision, dt.date) and certificate < decision:
                self.add_error(
                    "certificate_date", "The certificate date must be the same as or after the decision letter date"
                )
        return data
