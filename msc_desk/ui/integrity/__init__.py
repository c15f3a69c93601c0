"""The integrity check in the window: findings in words, the dialog, the background pass."""
