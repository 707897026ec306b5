"""One module per program; each exposes `assess(ctx) -> ProgramResult`."""
