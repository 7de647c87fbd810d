"""Scoped reads of law popularisation, one module per area."""
