"""The contests pages: public (participants) and staff (organisers)."""
