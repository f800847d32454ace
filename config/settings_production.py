"""Production settings: everything secure, secrets only from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .settings import *  # noqa: F403

DEBUG = False
DEMO_MODE = False
OTP_REQUIRED = True
if not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
SECRET_KEY = os.environ["SECRET_KEY"]
if len(os.environ.get("AUDIT_HMAC_KEY", "")) < 32 or os.environ["AUDIT_HMAC_KEY"] == SECRET_KEY:
    raise ImproperlyConfigured("AUDIT_HMAC_KEY (32+ characters, not the SECRET_KEY) must be set for production.")
AUDIT_HMAC_KEY = os.environ["AUDIT_HMAC_KEY"]

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
