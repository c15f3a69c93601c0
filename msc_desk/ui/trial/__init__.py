"""Trial-wide windows: the dashboard and the 28-day outcome."""
