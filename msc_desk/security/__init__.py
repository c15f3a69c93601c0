"""Key management, encryption at rest and passwords."""
