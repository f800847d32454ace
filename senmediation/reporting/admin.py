"""No admin pages for the rate cards or statements: versions and issued statements are only ever added, from the
staff pages (views_activity.py, views_statements.py), each audited; the admin would let them be edited."""
