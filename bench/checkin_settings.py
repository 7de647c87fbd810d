"""Settings for the check-in benchmark's server: Fazhi's own, plus a baseline view (below)."""

from fazhi.settings import *  # noqa: F403

ROOT_URLCONF = "bench.checkin_urls"
