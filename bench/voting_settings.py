"""Settings for the voting benchmark's server: Fazhi's own, plus a baseline view."""

from fazhi.settings import *  # noqa: F403

ROOT_URLCONF = "bench.voting_urls"
