"""`python -m msc_desk` runs the application."""

from msc_desk.cli import main

raise SystemExit(main())
