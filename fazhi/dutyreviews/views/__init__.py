"""The staff pages (staff.py) and the public rating pages (public.py)."""
