"""Production settings: everything secure, secrets only from the environment, and a refusal to start
(with the reason) whenever something a live service needs is missing."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

from .settings import *  # noqa: F403
from .settings import DEVELOPMENT_SECRET_KEY, SECRET_KEY_MISSING, env_bool

DEBUG = False
DEMO_MODE = False
WEBHOOKS_ALLOW_HTTP = False  # webhook receivers over https only
OTP_REQUIRED = True
if os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY) == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(SECRET_KEY_MISSING)
SECRET_KEY = os.environ["SECRET_KEY"]
# Collecting static files is a build step: it writes no audit entry and sends no mail, so it may run
# (in a build, before the live secrets exist) without the audit key or a mail route. Anything else refuses.
_BUILD_STEP = sys.argv[1:2] == ["collectstatic"]
if not _BUILD_STEP and (len(os.environ.get("AUDIT_HMAC_KEY", "")) < 32 or os.environ["AUDIT_HMAC_KEY"] == SECRET_KEY):
    raise ImproperlyConfigured("AUDIT_HMAC_KEY (32+ characters, not the SECRET_KEY) must be set for production.")
AUDIT_HMAC_KEY = os.environ.get("AUDIT_HMAC_KEY", "")

# Messages leave by GOV.UK Notify or by SMTP over TLS; never printed to a log (the console backend
# would write families' names and addresses there).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
_notify_ready = bool(os.environ.get("NOTIFY_API_KEY") and os.environ.get("NOTIFY_EMAIL_TEMPLATE_ID"))
_smtp_ready = bool(
    EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
    and os.environ.get("EMAIL_HOST")
    and (env_bool("EMAIL_USE_TLS") or env_bool("EMAIL_USE_SSL"))
)
if EMAIL_BACKEND != "django.core.mail.backends.smtp.EmailBackend":
    raise ImproperlyConfigured(f"EMAIL_BACKEND {EMAIL_BACKEND} is not allowed in production: use SMTP or Notify.")
if not (_smtp_ready or _notify_ready or _BUILD_STEP):
    raise ImproperlyConfigured(
        "No way to send e-mail: set EMAIL_HOST with EMAIL_USE_TLS=1 (or EMAIL_USE_SSL=1), or NOTIFY_API_KEY "
        "with NOTIFY_EMAIL_TEMPLATE_ID."
    )

LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING["handlers"]["console"]["formatter"] = "json" if LOG_FORMAT == "json" else "text"  # type: ignore[index]  # noqa: F405

SECURE_SSL_REDIRECT = True
# nginx sets X-Forwarded-Proto itself (deploy/nginx/senmediation.conf), so the header can be trusted.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The health and metrics endpoints are polled over plain HTTP on the host itself.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
