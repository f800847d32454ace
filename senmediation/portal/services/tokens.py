"""The secrets that open a party link, made at the moment a message leaves and never stored.

A link (`PartyLink`) is made when staff or the survey ask for it, but its secret is not: the message
that carries it is stored with a placeholder where the link goes (`LINK_PLACEHOLDER`), and only the
message's id is queued for the worker. When the worker sends an e-mail or text it calls `party_link_mint`;
a letter is stored with its code masked, and `party_link_code_mint` is called only when staff download the
letter's print copy, which is streamed and never saved. Each makes a fresh random secret, stores only its
hash on the link, and returns the secret to be put into what is sent or printed. So the database,
the task queue, the staff pages, the admin and backups never hold a working link.

Why a fresh secret each time rather than keeping the first one: only a hash is kept, so the first
cannot be recovered, and keeping it encrypted would put a working link back in the database for
anyone who also has the key. Minting again means a retried message replaces the secret of the copy
that failed; only the copy that last left works, which is what the party needs.

A letter cannot carry a long link that someone has to type, so it carries a 10-character code from
an alphabet without look-alike characters (no 0/O or 1/I). The code's hash is keyed with SECRET_KEY,
because a short code could otherwise be found from a copy of the database by trying every code.
Entering the code at /p/code/ mints a fresh link secret and opens the same page, with the same
checks (expiry, stopped, case closed) as the link itself.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core import signing

from senmediation.audit.retention import case_documents_kept
from senmediation.core import clock
from senmediation.core.errors import ServiceError

from ..models import PartyLink, Purpose

_SIGNER_SALT = "senmediation.portal.party-link"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
CODE_PATH = "/p/code/"


class PartyLinkError(ServiceError):
    status = 404


class LinkTampered(PartyLinkError):
    pass


class LinkUnknown(PartyLinkError):
    pass


class LinkExpired(PartyLinkError):
    status = 410


class LinkCaseClosed(LinkExpired):
    pass


class LinkDocumentsGone(LinkExpired):
    pass


class LinkRevoked(PartyLinkError):
    status = 410


def _signer() -> signing.Signer:
    return signing.Signer(salt=_SIGNER_SALT, sep=".")


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def code_normalise(code: str) -> str:
    """What the party typed, without spaces or dashes, in capitals."""
    return "".join(character for character in code.upper() if character.isalnum())


def code_hash(code: str) -> str:
    normalised = code_normalise(code)
    return hmac.new(settings.SECRET_KEY.encode(), b"party-link-code:" + normalised.encode(), hashlib.sha256).hexdigest()


def party_link_path(token: str) -> str:
    return f"/p/{token}/"


def party_link_secret_new() -> tuple[str, str]:
    """A new random secret: (the hash to store, the signed URL path to send)."""
    raw = secrets.token_urlsafe(32)
    return token_hash(raw), party_link_path(_signer().sign(raw))


# Tasks that still work once the case has closed: feedback is asked for at the end and shows nothing of the
# case, and expenses are claimed after the meeting, often once the case has closed.
TASKS_AFTER_CLOSING = frozenset({Purpose.FEEDBACK, Purpose.EXPENSES})


def party_link_check(link: PartyLink) -> PartyLink:
    """The link if it may still be used, otherwise LinkRevoked / LinkExpired."""
    if link.revoked_at:
        raise LinkRevoked("This link has been stopped.")
    if link.expires_at <= clock.now():
        raise LinkExpired("This link has expired.")
    case = link.party.case
    if link.purpose == Purpose.DOCUMENTS:
        # A closed case's documents stay downloadable for as long as the retention rules keep them.
        if not case_documents_kept(case, today=clock.today()):
            raise LinkDocumentsGone("This link has stopped working because we no longer keep this case's "
                                    "documents.")
    elif not case.is_open and link.purpose not in TASKS_AFTER_CLOSING:
        # A closed case needs nothing more from the parties.
        raise LinkCaseClosed("This link has stopped working because the case has closed.")
    return link


def party_link_mint(*, link: PartyLink) -> str:
    """A fresh secret for the link, replacing the one before; returns the URL path to send."""
    party_link_check(link)
    stored, path = party_link_secret_new()
    PartyLink.objects.filter(pk=link.pk).update(token_hash=stored)
    link.token_hash = stored
    return path


def party_link_code_mint(*, link: PartyLink) -> str:
    """A fresh letter code for the link, like 'ABCDE-FGHJK'; only its keyed hash is stored."""
    party_link_check(link)
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    PartyLink.objects.filter(pk=link.pk).update(code_hash=code_hash(code))
    link.code_hash = code_hash(code)
    return f"{code[:5]}-{code[5:]}"


def party_link_resolve(token: str) -> PartyLink:
    """The live link for a token, or LinkTampered / LinkUnknown / LinkExpired / LinkRevoked."""
    try:
        raw = _signer().unsign(token)
    except signing.BadSignature:
        raise LinkTampered("This link is not right. It may have been copied wrongly.") from None
    link = PartyLink.objects.select_related("party", "party__case").filter(token_hash=token_hash(raw)).first()
    if link is None:
        raise LinkUnknown("We cannot find this link.")
    return party_link_check(link)


def party_link_resolve_code(code: str) -> tuple[PartyLink, str]:
    """The live link for a letter's code and a freshly minted URL path to open it, or LinkUnknown (a wrong
    code) / LinkExpired / LinkRevoked."""
    normalised = code_normalise(code)
    link = None
    if len(normalised) == CODE_LENGTH:
        link = PartyLink.objects.select_related("party", "party__case").filter(code_hash=code_hash(normalised)).first()
    if link is None:
        raise LinkUnknown("The code is not right. Check it against your letter or the code we read to you, and try "
                          "again.")
    return link, party_link_mint(link=link)
