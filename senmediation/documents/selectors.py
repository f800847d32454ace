"""What of a case's documents a user may see. The case itself is always loaded with case_get_for first,
so these only ever look inside a case the user may already see."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from senmediation.cases.models import Case

from .models import Certificate, Document


def certificates_for(case: Case) -> QuerySet[Certificate]:
    return Certificate.objects.filter(case=case).select_related("issued_by", "superseded_by").order_by(
        "-number_year", "-number_sequence", "-version"
    )


def documents_for(case: Case) -> QuerySet[Document]:
    return Document.objects.filter(case=case).select_related("created_by").order_by("-created_at", "-id")


def certificate_get(*, case: Case, pk: int) -> Certificate:
    """A certificate of this case, or 404 (a certificate of another case is never found)."""
    certificate = certificates_for(case).select_related("supersedes").filter(pk=pk).first()
    if certificate is None:
        raise Http404("No such certificate")
    return certificate


def document_get(*, case: Case, pk: int) -> Document:
    document = Document.objects.filter(case=case, pk=pk).first()
    if document is None:
        raise Http404("No such document")
    return document
