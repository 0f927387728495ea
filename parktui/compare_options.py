"""What a comparison can be grouped by and which kinds of figure it compares: shared by
the engine (parktui.compare) and the command line, which builds its options without
loading the engine."""
from __future__ import annotations

BY = ("park", "province", "year")
COMPARE_KINDS = ("amount", "growth", "count", "share")
