"""Trial statistics: pure functions over plain records; no Qt, no database."""
