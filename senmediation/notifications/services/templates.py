"""Message wording kept in the database, limited to listed placeholders so an edit cannot reach anything else."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from django.db import transaction
from django.template import Context, Engine, TemplateSyntaxError

from senmediation.core.errors import ServiceError

from ..defaults import DEFAULT_TEMPLATES, DEFAULTS_BY_KEY, EXTRA_PLACEHOLDERS
from ..models import MessageTemplate

ALLOWED_TAGS = frozenset({"if", "elif", "else", "endif"})
ALLOWED_FILTERS = frozenset({"default", "upper", "lower", "capfirst"})
IF_WORDS = frozenset({"and", "or", "not", "in", "is", "None", "True", "False"})
_TAG = re.compile(r"{%\s*(.*?)\s*%}", re.S)
_VAR = re.compile(r"{{\s*(.*?)\s*}}", re.S)
_NAME = re.compile(r"^[A-Za-z_]\w*$")


@lru_cache(maxsize=1)
def _engine() -> Engine:
    # Plain text out: e-mail and texts are not HTML; the letter template escapes when it lays the text out.
    return Engine(autoescape=False, libraries={}, builtins=["django.template.defaultfilters",
                                                            "django.template.defaulttags"])


def notification_templates_ensure() -> int:
    """Adds any default template that is missing; never overwrites a manager's edits. Returns how many were made."""
    made = 0
    for default in DEFAULT_TEMPLATES:
        _, created = MessageTemplate.objects.get_or_create(
            key=default.key,
            defaults={"name": default.name, "subject": default.subject, "body": default.body,
                      "placeholders": default.placeholders},
        )
        made += int(created)
    return made


def template_for(key: str) -> MessageTemplate:
    template = MessageTemplate.objects.filter(key=key).first()
    if template is None:
        if key not in DEFAULTS_BY_KEY:
            raise ServiceError(f"There is no message template called {key!r}.")
        notification_templates_ensure()
        template = MessageTemplate.objects.get(key=key)
    return template


def _check_variable(expression: str, allowed: set[str]) -> str | None:
    name, *filters = [part.strip() for part in expression.split("|")]
    if not _NAME.match(name) or name not in allowed:
        return f"{{{{ {name} }}}} is not one of the placeholders you can use"
    for item in filters:
        filter_name = item.split(":", 1)[0].strip()
        if filter_name not in ALLOWED_FILTERS:
            return f"The filter {filter_name!r} cannot be used"
    return None


def template_problems(*, subject: str, body: str, placeholders: list[str]) -> list[str]:
    """What is wrong with edited wording, in plain English; an empty list when it can be saved."""
    allowed = set(placeholders)
    problems: list[str] = []
    for text in (subject, body):
        for expression in _VAR.findall(text):
            problem = _check_variable(expression, allowed)
            if problem:
                problems.append(problem)
        for tag in _TAG.findall(text):
            words = tag.split()
            if not words or words[0] not in ALLOWED_TAGS:
                problems.append(f"{{% {tag} %}} cannot be used: only if, elif, else and endif are allowed")
                continue
            for word in words[1:]:
                if word not in IF_WORDS and not word.isdigit() and word not in allowed:
                    problems.append(f"{word!r} in {{% {tag} %}} is not one of the placeholders you can use")
        try:
            _engine().from_string(text)
        except TemplateSyntaxError as error:
            problems.append(f"The wording has a mistake in its placeholders: {error}")
    return list(dict.fromkeys(problems))


def template_render(*, subject: str, body: str, context: dict[str, Any]) -> tuple[str, str]:
    values = Context({k: "" if v is None else str(v) for k, v in context.items()}, autoescape=False)
    rendered_subject = " ".join(_engine().from_string(subject).render(values).split())
    return rendered_subject[:200], _engine().from_string(body).render(values).strip()


def sample_context(placeholders: list[str]) -> dict[str, str]:
    samples = {
        "party_name": "Alex Example", "case_reference": "MED-2026-00001", "child_first_name": "Sam",
        "provider_name": "SEN Mediation Service", "provider_phone": "0161 000 0000",
        "provider_email": "mediation@example.org", "link_url": "https://example.org/p/example/",
        "link_purpose": "tell us when you can come", "link_expires": "14 December 2026",
        "certificate_date": "1 December 2026", "appeal_deadline": "2 January 2027",
        "meeting_date": "8 December 2026", "meeting_time": "10am", "meeting_place": "Online",
        "la_name": "Trafford Council", "action_text": "Send the speech therapy report", "due_date": "15 January 2027",
    }
    return {name: samples.get(name, EXTRA_PLACEHOLDERS.get(name, name)) for name in placeholders}


def template_preview(*, template: MessageTemplate, subject: str, body: str) -> tuple[str, str]:
    problems = template_problems(subject=subject, body=body, placeholders=template.placeholders)
    if problems:
        raise ServiceError(problems[0], field="body")
    return template_render(subject=subject, body=body, context=sample_context(template.placeholders))


def template_update(*, template: MessageTemplate, subject: str, body: str, by: Any) -> MessageTemplate:
    """Saves a manager's wording after checking it uses only the listed placeholders."""
    problems = template_problems(subject=subject, body=body, placeholders=template.placeholders)
    if problems:
        raise ServiceError(problems[0], field="body")
    with transaction.atomic():
        template.subject = subject.strip()
        template.body = body.strip()
        template.save(update_fields=["subject", "body", "updated_at"])
    return template
