from __future__ import annotations

from typing import Any

from django import forms

from senmediation.cases.forms_late import LateReasonFields

from .models import Certificate, Document
from .services.uploads import upload_max_bytes


class CertificateIssueForm(LateReasonFields):
    kind = forms.ChoiceField(
        label="Type of certificate", widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of certificate", "invalid_choice": "Choose the type of certificate"},
    )
    resolved_summary = forms.CharField(
        label="What was and was not resolved", required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="In plain words the family will understand. Do not include anything said in confidence.",
    )

    field_order = ["kind", "resolved_summary", "late_reason", "late_note"]

    def __init__(self, *args: Any, kinds: list[Certificate.Kind], late: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.late = late
        if not late:
            del self.fields["late_reason"], self.fields["late_note"]
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ChoiceField)
        kind_field.choices = [(k.value, k.label) for k in kinds]
        if len(kinds) == 1:
            kind_field.initial = kinds[0].value
        self.needs_summary = Certificate.Kind.AFTER_MEDIATION in kinds
        if not self.needs_summary:
            del self.fields["resolved_summary"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == Certificate.Kind.AFTER_MEDIATION and not data.get("resolved_summary", "").strip():
            self.add_error("resolved_summary", "Enter what was and was not resolved at the mediation")
        return data


class CertificateReissueForm(forms.Form):
    reason = forms.CharField(
        label="Why are you re-issuing this certificate?", widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the child's name was spelt wrongly. The date of issue stays the same.",
        error_messages={"required": "Enter why the certificate is being re-issued"},
    )


class DocumentUploadForm(forms.Form):
    title = forms.CharField(
        label="Title", required=False, max_length=200,
        help_text="For example, EHC plan final version. Leave blank to use the file name.",
        error_messages={"max_length": "The title must be 200 characters or fewer"},
    )
    kind = forms.ChoiceField(
        label="What is it?", widget=forms.RadioSelect, initial=Document.Kind.UPLOAD,
        choices=[(Document.Kind.UPLOAD.value, "A document for the case"),
                 (Document.Kind.SUMMARY.value, "A case summary")],
        error_messages={"required": "Choose what kind of document this is"},
    )
    file = forms.FileField(
        label="Upload a file",
        error_messages={"required": "Choose a file", "empty": "The selected file is empty", "invalid": "Choose a file"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = upload_max_bytes() // (1024 * 1024)
        self.fields["file"].help_text = f"A PDF, Word document, JPEG, PNG or plain text file, smaller than {limit} MB."
