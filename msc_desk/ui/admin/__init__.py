"""Administration dialogs: users, the coordinating center key, allocation lists."""
