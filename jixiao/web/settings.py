"""Django settings, all taken from the environment so that one code base serves demo, tests and production.

``JIXIAO_DATA_DIR``      where the SQLite database and the generated secret key live (default ``./var``).
``JIXIAO_DATABASE_URL``  ``postgresql://user:password@host:port/name`` switches to PostgreSQL.
``JIXIAO_SECRET_KEY``    required in production; otherwise one is generated once into the data directory.
``JIXIAO_DEBUG``         ``1`` for Django's debug pages.
``JIXIAO_ALLOWED_HOSTS`` comma-separated host names (default ``127.0.0.1,localhost``).
``JIXIAO_CSRF_TRUSTED_ORIGINS`` comma-separated origins such as ``https://jixiao.example.gov.cn``.
``JIXIAO_SECURE``        ``1`` behind an HTTPS reverse proxy: secure cookies, trust ``X-Forwarded-Proto``,
                         redirect plain HTTP to HTTPS and send HSTS (``JIXIAO_HSTS_SECONDS``, default one year).
``JIXIAO_LOGIN_FAILURES`` wrong passwords before a user name or an address is locked out (default 5).
``JIXIAO_LOGIN_LOCKOUT_MINUTES`` how long a lockout lasts (default 30); the admin unlocks sooner.
``JIXIAO_PROXIES``      reverse proxies in front whose ``X-Forwarded-For`` names the client (1 in secure mode).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

BASE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The directory holding the SQLite database and generated secrets; created on first use."""
    path = Path(os.environ.get("JIXIAO_DATA_DIR") or Path.cwd() / "var").resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_from_url(url: str | None) -> dict[str, Any]:
    """``DATABASES['default']`` from ``JIXIAO_DATABASE_URL``; SQLite in the data directory if unset."""
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(data_dir() / "jixiao.sqlite3"),
            # Wait for a writer instead of failing at once when two requests write together.
            # WAL: readers never block the writer, and `jixiao backup` copies the file while it is served.
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL",
            },
        }
    parts = urlparse(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise ValueError(f"JIXIAO_DATABASE_URL must be postgresql://…, not {parts.scheme}://")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")) or "jixiao",
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": 60,
    }


def _secret_key() -> str:
    if key := os.environ.get("JIXIAO_SECRET_KEY"):
        return key
    path = data_dir() / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def _list(name: str, default: str) -> list[str]:
    return [x.strip() for x in os.environ.get(name, default).split(",") if x.strip()]


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("JIXIAO_DEBUG") == "1"
ALLOWED_HOSTS = _list("JIXIAO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = _list("JIXIAO_CSRF_TRUSTED_ORIGINS", "")
CSRF_FAILURE_VIEW = "jixiao.web.errors.csrf_failure"
if os.environ.get("JIXIAO_SECURE") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("JIXIAO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "jixiao.web.organisations",
    "jixiao.web.audit",
    "jixiao.web.targets",
    "jixiao.web.workflow",
    "jixiao.web.monitoring",
    "jixiao.web.selfeval",
    "jixiao.web.library",
    "jixiao.web.portal",
    "django_tasks",
    "django_tasks_db",
    "jixiao.web.jobs",
    "jixiao.web.audit.login_throttle_app.LoginThrottleConfig",  # django-axes, named in Chinese
]

# Login throttling (django-axes): a user name, or an address, with too many wrong passwords is locked out;
# the lockout is audited (jixiao.web.audit.logins) and the admin lifts it under 访问尝试 or by
# `jixiao manage axes_reset_username NAME`.
AUTHENTICATION_BACKENDS = [
    "jixiao.web.audit.throttle.LoginThrottle",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("JIXIAO_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = int(os.environ.get("JIXIAO_LOGIN_LOCKOUT_MINUTES", "30")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: per user and per address
AXES_RESET_ON_SUCCESS = True
# Proxies in front of the server whose X-Forwarded-For names the client (1 in secure mode, else 0).
JIXIAO_PROXIES = int(
    os.environ.get("JIXIAO_PROXIES") or ("1" if os.environ.get("JIXIAO_SECURE") == "1" else "0")
)
AXES_CLIENT_IP_CALLABLE = "jixiao.web.audit.throttle.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Background jobs (jixiao.web.jobs): django-tasks with its database backend; no extra server. `jixiao serve`
# runs a worker thread; a production site runs `jixiao manage db_worker` beside the WSGI server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A disclosure of more projects and department targets than this is made in the background.
JIXIAO_BACKGROUND_EXPORT_FROM = int(os.environ.get("JIXIAO_BACKGROUND_EXPORT_FROM", "30"))
# A disclosure holding more projects than this is loaded by a background job after its preview.
JIXIAO_BACKGROUND_IMPORT_FROM = int(os.environ.get("JIXIAO_BACKGROUND_IMPORT_FROM", "100"))

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "jixiao.web.audit.middleware.RequestContextMiddleware",
    "jixiao.web.params.RefuseNulParameters",
    "jixiao.web.api.errors.WrongMethodAnswer",
    "jixiao.web.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]
# Scripts and styles only from this site: no inline script, handler, style block or style attribute
# (tests/web/test_security.py scans the templates). Set JIXIAO_CSP to replace the whole policy.
CONTENT_SECURITY_POLICY = os.environ.get("JIXIAO_CSP") or (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

ROOT_URLCONF = "jixiao.web.urls"
WSGI_APPLICATION = "jixiao.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jixiao.web.organisations.context.actor",
            ],
        },
    },
]

DATABASES = {"default": database_from_url(os.environ.get("JIXIAO_DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
# The only language: LocaleMiddleware then answers in Chinese (the admin too) whatever the browser asks.
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
# Chinese for the labels of apps that ship without it (django-axes' back office).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("JIXIAO_STATIC_ROOT") or str(data_dir() / "static")
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
# Serve straight from the packages' static folders, so no collectstatic is needed for the demo.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/work/"
LOGOUT_REDIRECT_URL = "/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
# Upload limits per page and how long a previewed upload is kept (jixiao.web.uploads).
JIXIAO_UPLOAD_LIMITS = {
    page: int(float(os.environ.get(f"JIXIAO_UPLOAD_MAX_{page.upper()}_MB", default)) * 1024 * 1024)
    for page, default in (("import", "20"), ("template", "5"), ("table", "10"))
}
JIXIAO_PREVIEW_HOURS = float(os.environ.get("JIXIAO_PREVIEW_HOURS", "24"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
# The indicator grid posts many fields per row; a project with 60 indicators stays far below this.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

NINJA_PAGINATION_PER_PAGE = 50

# Every unhandled exception is logged with its request id (jixiao.web.audit.errorlog) to stderr and to
# logs/errors.log in the data directory, rotated at 5 MB with 10 files kept.
LOG_DIR = data_dir() / "logs"
LOG_DIR.mkdir(exist_ok=True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "jixiao.web.audit.errorlog.RequestIdFilter"}},
    "formatters": {"errors": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "errors_stderr": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "errors"},
        "errors_file": {
            "class": "logging.handlers.RotatingFileHandler",
            "filename": str(LOG_DIR / "errors.log"),
            "maxBytes": 5 * 1024 * 1024,
            "backupCount": 10,
            "encoding": "utf-8",
            "filters": ["request_id"],
            "formatter": "errors",
        },
    },
    "loggers": {
        "jixiao": {"handlers": ["console"], "level": "INFO"},
        "jixiao.errors": {"handlers": ["errors_stderr", "errors_file"], "level": "ERROR", "propagate": False},
    },
}
