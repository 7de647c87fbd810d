"""Fazhi settings: one file, every value from FAZHI_* environment variables (see .env.example)."""

from __future__ import annotations

from pathlib import Path

from django.utils.csp import CSP

from fazhi.core.env import (
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_str,
    secret_in_data_dir,
)

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("FAZHI_DATA_DIR", str(BASE_DIR / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
(DATA_DIR / "static").mkdir(exist_ok=True)

DEBUG = env_bool("FAZHI_DEBUG", False)
SECRET_KEY = env_str("FAZHI_SECRET_KEY") or secret_in_data_dir(DATA_DIR, "secret_key")
# Master key for field encryption and keyed hashes of personal data (core/crypto.py).
FIELD_KEY = env_str("FAZHI_FIELD_KEY") or secret_in_data_dir(DATA_DIR, "field_key", 32)
ALLOWED_HOSTS = env_list("FAZHI_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("FAZHI_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Our apps first: their templates and their zh_Hans wording win over Django's own (e.g.
    # "Filter" is 筛选 here, not the admin's 过滤器).
    "fazhi.core",
    "fazhi.audit",
    "fazhi.inbox",
    "fazhi.workdays",
    "fazhi.org",
    "fazhi.accounts",
    "fazhi.outreach",
    "fazhi.cases",
    "fazhi.reports",
    "fazhi.exams",
    "fazhi.assessments",
    "fazhi.contests",
    "fazhi.study",
    "fazhi.workbench",
    "fazhi.ops",
    "fazhi.demo",
    "fazhi.portal",
    "fazhi.voting",
    "fazhi.dutyreviews",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks_db",
    "ninja",
    # The public portal's pages (fazhi.portal): Wagtail's editor at /cms/.
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fazhi.accounts.middleware.SessionTouchMiddleware",
    "fazhi.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "fazhi.core.middleware.RejectNulCharactersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "fazhi.portal.middleware.EditorGroupsMiddleware",
]

ROOT_URLCONF = "fazhi.urls"
WSGI_APPLICATION = "fazhi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fazhi.core.context.chrome",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("FAZHI_DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
    DATABASES["default"]["OPTIONS"] = {
        "pool": {"min_size": 1, "max_size": env_int("FAZHI_DB_POOL_SIZE", 10), "timeout": 10}
    }
    DATABASES["default"]["TEST"] = {"NAME": env_str("FAZHI_TEST_DATABASE_NAME", "test_fazhi")}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Wagtail's search index uses PostgreSQL's own field and index types there, which
        # Django's checks refuse (postgres.E005) unless this app is installed.
        INSTALLED_APPS.append("django.contrib.postgres")
else:
    _sync = "FULL" if env_bool("FAZHI_SQLITE_SYNC_FULL", False) else "NORMAL"
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "fazhi.sqlite3",
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    f"PRAGMA synchronous={_sync};"
                    "PRAGMA busy_timeout=20000;"
                    "PRAGMA foreign_keys=ON;"
                ),
            },
            # Keep connections between requests: opening one (and its PRAGMAs) costs more than
            # many a query. PostgreSQL uses the pool above instead.
            "CONN_MAX_AGE": env_int("FAZHI_CONN_MAX_AGE", 300),
            "CONN_HEALTH_CHECKS": True,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every app server: lock-outs, rate limits and the scheduler live in the database.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "fazhi_cache",
    },
    # This process's own memory, for data that may lag the database by seconds (the public
    # sign-in page's activity); never for anything another server must see.
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
              "LOCATION": "fazhi-local"},
}

TASKS = {
    "default": {
        "BACKEND": env_str("FAZHI_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- Accounts and security ------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["fazhi.accounts.backends.UsernameOrMobileBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workbench:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "fazhi.accounts.passwords.CharacterClassValidator"},
]
LOGIN_FAILURE_LIMIT = env_int("FAZHI_LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCK_MINUTES = env_int("FAZHI_LOGIN_LOCK_MINUTES", 15)
SESSION_COOKIE_AGE = env_int("FAZHI_SESSION_IDLE_MINUTES", 30) * 60
# The age above is an idle timeout. A session's expiry moves on when a request comes more than
# SESSION_TOUCH_SECONDS after its last move (accounts.middleware.SessionTouchMiddleware), not on
# every request: a session write was the one write of most pages.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_TOUCH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
_TLS = env_bool("FAZHI_BEHIND_TLS_PROXY", False)
SESSION_COOKIE_SECURE = _TLS
CSRF_COOKIE_SECURE = _TLS
SECURE_SSL_REDIRECT = _TLS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe app servers over plain HTTP
SECURE_HSTS_SECONDS = 31536000 if _TLS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _TLS
SECURE_HSTS_PRELOAD = _TLS
if _TLS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every page: scripts and styles only from our own static files, or inline with this
# response's nonce ({{ csp_nonce }}); no style attributes, inline handlers or eval. The QR
# images are same-origin SVG/PNG; nothing is framed or posted elsewhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Wagtail's editor (/cms/, staff only behind Fazhi's log-in) ships inline scripts and styles
# and previews pages in a same-origin frame (fazhi.portal.middleware).
EDITOR_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-ancestors": [CSP.SELF],
}
# Proxies whose X-Forwarded-For we believe when recording a client's address.
TRUSTED_PROXIES = env_list("FAZHI_TRUSTED_PROXIES", [])
SILENCED_SYSTEM_CHECKS = env_list("FAZHI_SILENCED_CHECKS", [])

# --- Language, time -------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]  # site chrome (templates/); each app keeps its own catalogue
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Files ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Uploaded documents hold personal data: kept in the data dir, never under STATIC/web root,
    # and served only by views that check permission.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(DATA_DIR / "private"), "base_url": "/nowhere/"},
    },
    # The portal's public images (Wagtail renditions), served at /media/portal/.
    "portal_public": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(DATA_DIR / "portal_public"), "base_url": "/media/portal/"},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("FAZHI_STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        ),
    },
}
# --- The public portal (Wagtail) -------------------------------------------------------------
WAGTAIL_SITE_NAME = "法治"
WAGTAILADMIN_BASE_URL = env_str("FAZHI_PUBLIC_URL", "http://127.0.0.1:8000")
# The editor's log-in is Fazhi's own (lock-out, second factor, audit); Wagtail's is never used.
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# "portal" keeps the public site's Chinese search index (portal/searchindex.py), fed by
# Wagtail's own auto-update; "default" answers the editor's searches.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"},
                          "portal": {"BACKEND": "fazhi.portal.searchindex"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "zip"]
# Originals stay in the private store; only renditions (resized copies) are public.
WAGTAILIMAGES_RENDITION_STORAGE = "portal_public"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# View counts are buffered in each process and written this often (docs/portal.md): half a
# second, so a SIGKILL loses well under the promised one second of views.
PORTAL_VIEW_FLUSH_SECONDS = 0.5

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

SMS_SENDER = env_str("FAZHI_SENDER", "fazhi.core.senders.LogSender")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"client_errors": {"()": "fazhi.core.logs.ClientErrorsWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("FAZHI_LOG_LEVEL", "INFO")},
    "loggers": {"jieba": {"level": "WARNING"},
                "pypdf": {"level": "ERROR"},  # a refused upload is not worth a warning
                "django.request": {"filters": ["client_errors"]}},
}
