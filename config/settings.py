"""Settings read from the environment (12-factor). Production hardening lives in settings_production."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me-0123456789abcdefghijklmnopqrstuvwxyz"
SECRET_KEY_MISSING = (
    "SECRET_KEY is not set (or is the development key) and DEBUG is off: set SECRET_KEY in the "
    "environment to a long random value, or DEBUG=1 on a development machine."
)
SECRET_KEY = os.environ.get("SECRET_KEY") or DEVELOPMENT_SECRET_KEY
# Fail closed: a server started without DEBUG must never sign sessions with a key anyone can read.
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(SECRET_KEY_MISSING)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # First, so that its `createsuperuser` (refused: see accounts/breakglass.py) replaces Django's.
    "senmediation.accounts",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Before django_tasks_db: its `db_worker` command is the one with the heartbeat.
    "senmediation.operations",
    "django_tasks",
    "django_tasks_db",
    "senmediation.core",
    "senmediation.directory",
    "senmediation.public",
    "senmediation.cases",
    "senmediation.referrals",
    "senmediation.meetings",
    "senmediation.documents",
    "senmediation.agreements",
    "senmediation.notifications",
    "senmediation.portal",
    "senmediation.yourcase",
    "senmediation.casepages",
    "senmediation.expenses",
    "senmediation.appeals",
    "senmediation.audit",
    "senmediation.records",
    "senmediation.workqueue",
    "senmediation.diaries",
    "senmediation.reporting",
    "senmediation.feedback",
    "ninja",  # serves the API docs page's scripts locally, not from a CDN
    "senmediation.api",
    "senmediation.demodata",
]

MIDDLEWARE = [
    "senmediation.core.middleware.RequestIdMiddleware",
    "senmediation.operations.middleware.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "senmediation.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "senmediation.core.middleware.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "senmediation.accounts.middleware.IdleSessionTimeoutMiddleware",
    "senmediation.audit.middleware.AuditMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "senmediation" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "senmediation.directory.context_processors.provider",
            ],
        },
    }
]

# SQLite by default (zero set-up); PostgreSQL whenever DATABASE_URL is set.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    # Connections are kept between requests and checked before reuse, so a restarted database costs
    # one failed check rather than one failed request.
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")), conn_health_checks=True
        )
    }
else:
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "var" / "db.sqlite3")),
            "OPTIONS": {
                # WAL lets readers and one writer work together; IMMEDIATE avoids
                # deadlock-prone lock upgrades; foreign keys are on in Django's backend already.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# Django's own, refusing a superuser whose break-glass time is over (accounts/breakglass.py).
AUTHENTICATION_BACKENDS = ["senmediation.accounts.breakglass.BreakGlassAwareBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/staff/"
LOGOUT_REDIRECT_URL = "/"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "senmediation.accounts.validators.BreachedPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", str(BASE_DIR / "var" / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "senmediation" / "static", BASE_DIR / "static_build"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media-not-served/"
# Uploads and generated documents: local disk by default; an S3-compatible bucket when one is named,
# so every app server sees the same files. Files are private and reached only through the views.
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    MEDIA_STORAGE: dict[str, object] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "access_key": os.environ.get("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Source maps (megabytes each in the API docs' bundles) are for developers' browsers, which take them
# uncompressed: compressing them doubled the time collectstatic takes.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

# A cache every app server shares (the provider record, anything rate-limited): the database's own
# table by default, made by a migration, so one more server needs nothing new to run.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "django_cache",
    }
}

# E-mail: console in development, SMTP when EMAIL_HOST is set (production settings insist on it).
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SEN Mediation <no-reply@localhost>")
COORDINATOR_NOTIFY_EMAIL = os.environ.get("COORDINATOR_NOTIFY_EMAIL", "")
# GOV.UK Notify for e-mail and text messages when configured (templates use ((subject)) and ((body))).
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_EMAIL_TEMPLATE_ID = os.environ.get("NOTIFY_EMAIL_TEMPLATE_ID", "")
NOTIFY_SMS_TEMPLATE_ID = os.environ.get("NOTIFY_SMS_TEMPLATE_ID", "")
# Plain http webhook receivers, for a development machine only (production settings force it off).
WEBHOOKS_ALLOW_HTTP = env_bool("WEBHOOKS_ALLOW_HTTP", False)
REFERRAL_RATE_LIMIT_PER_HOUR = int(os.environ.get("REFERRAL_RATE_LIMIT_PER_HOUR", "5"))
# "I've lost my link" (/p/lost/) requests an hour: from one internet address (then a 429 page), and for one
# e-mail address or mobile number and one case reference (then nothing is sent, with the same answer).
PORTAL_LOST_LINK_LIMITS = {
    "ip": int(os.environ.get("PORTAL_LOST_LINK_PER_IP", "20")),
    "address": int(os.environ.get("PORTAL_LOST_LINK_PER_ADDRESS", "3")),
    "case": int(os.environ.get("PORTAL_LOST_LINK_PER_CASE", "5")),
}
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
# ClamAV's daemon for parties' uploads: a Unix socket, or host and port. Unset: files are not scanned.
CLAMD_SOCKET = os.environ.get("CLAMD_SOCKET", "")
CLAMD_HOST = os.environ.get("CLAMD_HOST", "")
CLAMD_PORT = int(os.environ.get("CLAMD_PORT", "3310"))

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

SESSION_COOKIE_AGE = 60 * 60 * 8
# However busy, a session ends this long after sign-in (besides the idle time-out).
SESSION_ABSOLUTE_SECONDS = 60 * 60 * 8
SESSION_IDLE_TIMEOUT_SECONDS = int(os.environ.get("SESSION_IDLE_TIMEOUT_SECONDS", str(30 * 60)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# The demo may skip the second factor (and says so on the sign-in page); production never does.
DEMO_MODE = env_bool("DEMO_MODE", False)
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15"))

# One JSON object a line (LOG_FORMAT=json, the production default) or plain text; each line carries
# the request id, never a name, address or case content.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every handler carries "redact": no party token or letter code is written to a log (core/logging.py).
    "filters": {
        "request_id": {"()": "senmediation.core.logging.RequestIdFilter"},
        "redact": {"()": "senmediation.core.logging.RedactFilter"},
    },
    "formatters": {
        "json": {"()": "senmediation.core.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "redact"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own handlers (console when DEBUG, mail_admins) are replaced: its records go to ours.
        "django": {"level": "INFO", "handlers": []},
        "django.db.backends": {"level": "WARNING"},
        # Django's own request lines carry the path and query string; our access log says what it needs.
        "django.server": {"level": "WARNING"},
    },
}

# Content Security Policy without 'unsafe-inline': the one inline script carries a nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# The second factor at sign-in: always in production and tests; the demo may skip it and says so.
OTP_REQUIRED = env_bool("OTP_REQUIRED", not DEMO_MODE)
OTP_TOTP_ISSUER = "SEN Mediation"
LOGIN_IP_LIMIT = int(os.environ.get("LOGIN_IP_LIMIT", "20"))
LOGIN_IP_WINDOW_MINUTES = 10
# Only behind a proxy that sets X-Forwarded-For itself; otherwise the header is the client's to forge.
AUDIT_TRUST_X_FORWARDED_FOR = env_bool("AUDIT_TRUST_X_FORWARDED_FOR", False)
# How many proxies in front of the service append to X-Forwarded-For (senmediation/core/client_ip.py);
# the old AUDIT_TRUST_X_FORWARDED_FOR=1 means one.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1" if AUDIT_TRUST_X_FORWARDED_FOR else "0"))
# Failed sign-ins for one account from anywhere before that account is locked (distributed guessing).
LOGIN_USER_LIMIT = int(os.environ.get("LOGIN_USER_LIMIT", "50"))
# The audit chain's HMAC key lives outside the database, so write access to the database alone
# cannot recompute the chain. Production settings refuse to start without it.
AUDIT_HMAC_KEY = os.environ.get("AUDIT_HMAC_KEY") or "dev-only-audit-key-" + SECRET_KEY
# A file outside the database where `audit_head` and `backup` append the chain's head (id, hash).
AUDIT_HEAD_LOG = os.environ.get("AUDIT_HEAD_LOG", "")

# /metrics: Prometheus scrapes it with this bearer token; without a token only loopback may read it.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
# /readyz wants a worker heartbeat no older than this.
WORKER_HEARTBEAT_MAX_AGE_SECONDS = int(os.environ.get("WORKER_HEARTBEAT_MAX_AGE_SECONDS", "120"))

# Errors to Sentry when a DSN is given; personal data is never sent, nor party tokens or letter codes.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    from senmediation.core.logging import sentry_before_breadcrumb, sentry_before_send

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        send_default_pii=False,
        before_send=sentry_before_send,
        before_send_transaction=sentry_before_send,
        before_breadcrumb=sentry_before_breadcrumb,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
