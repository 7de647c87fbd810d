"""Every write of law popularisation, one module per area (lists, activities, check-in, study,
reminders). Each service takes keyword-only arguments, runs in a transaction and audits; a
clash with what is saved now raises ``core.conflicts.Conflict`` (or ``StaleVersion``)."""
