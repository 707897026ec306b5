"""Rules as code: the selection rules and benefit formulas of every program, as pure functions over
dated parameters (`parameters/*.yaml`). Each result carries the trace that explains it."""
