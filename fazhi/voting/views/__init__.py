"""Voting pages: public (views.public) and staff (views.staff)."""
