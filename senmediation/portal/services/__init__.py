"""Portal services: secure links and what parties send through them."""
