"""ieum API: HTTP, auth, audit, persistence — everything with I/O."""
