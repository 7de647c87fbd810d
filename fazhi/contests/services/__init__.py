"""Every write of the contests app."""
