"""Thin views of law popularisation, one module per area."""
