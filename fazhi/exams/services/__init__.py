"""Every write of the exams app (docs/exams.md)."""
