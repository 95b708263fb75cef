"""``python -m bot`` is the same as the ``secondlook`` command."""

from bot.cli import main

raise SystemExit(main())
