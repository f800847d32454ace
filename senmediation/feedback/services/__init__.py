"""The feedback app's services: complaints (complaints.py), surveys (surveys.py), public sends (public.py)."""
