"""`Idempotency-Key` for POST routes (draft-ietf-httpapi-idempotency-key-header). A portal or kiosk
that never got the answer to a request sends it again with the same key and gets the first answer,
instead of a second application or a second certificate.

Per caller (`principal.id`) and key, `idempotency_records` keeps a fingerprint of the request and,
once the request succeeded, its response:

- same key and request, already answered: the stored response verbatim; the route does not run;
- same key, different request: 422 `idempotency-key-reused`;
- same key while the first request is still running: 409 `idempotency-key-in-flight`, Retry-After;
- the first request failed (an error status or an exception): nothing is kept and the key is free
  again, so the client may retry with it. Only 2xx answers are replayed;
- a claim still in flight after `IN_FLIGHT_TIMEOUT` was left by a request whose process died: the
  next request with the same key and body takes it over. Records expire after `RETENTION`
  (`purge_expired`).

The key is claimed in a short transaction of its own, committed at once, so that a concurrent
duplicate sees it. `Idempotency.respond` stores the answer in the request's own transaction, so it
commits with the work or not at all; when the work rolls back, the dependency deletes the claim.
Claiming takes a second pooled connection for a moment, while the request's session holds its own.

The dependency reads the caller from `request.state.principal`, which the route guard sets, so it
must be declared after the guarded principal parameter (FastAPI solves parameters in order):

    @router.post("/things", status_code=201, response_model=ThingRead, responses=IDEMPOTENCY_PROBLEMS)
    async def create_thing(
        body: ThingCreate, principal: Creator, session: SessionDep, idem: IdempotencyDep
    ) -> Response:
        thing = await ThingService(session, principal).create(body)
        location = {"Location": f"/api/v1/things/{thing.id}"}
        return await idem.respond(session, 201, thing, headers=location)
"""

from api.idempotency.dependency import (
    HEADER,
    Idempotency,
    IdempotencyDep,
    OptionalIdempotencyDep,
    idempotency,
)
from api.idempotency.store import IN_FLIGHT_TIMEOUT, RETENTION, purge_expired

__all__ = [
    "HEADER",
    "IN_FLIGHT_TIMEOUT",
    "RETENTION",
    "Idempotency",
    "IdempotencyDep",
    "OptionalIdempotencyDep",
    "idempotency",
    "purge_expired",
]
