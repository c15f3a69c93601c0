"""Charts drawn with QPainter: Kaplan–Meier, per-patient timeline, trends."""
