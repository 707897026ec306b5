"""A per-client request limit for the public routes (모의계산): a sliding window per client address,
held in the process. Several API processes each keep their own window, so the limit a client sees
is at most `limit × processes`; a shared limit belongs in the load balancer in front of them."""

from __future__ import annotations

import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from fastapi import Request

from api.errors import RateLimited
from api.security.guard import client_ip

# Clients remembered at once; the oldest idle ones are forgotten first, so memory stays bounded.
MAX_CLIENTS = 50_000


class SlidingWindowLimiter:
    def __init__(
        self, limit: int, window_seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window_seconds
        self._clock = clock
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()

    def check(self, client: str) -> None:
        """Counts one request of `client`; raises RateLimited (with the seconds to wait) past the limit."""
        now = self._clock()
        hits = self._hits.pop(client, None) or deque()
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        self._hits[client] = hits  # most recently seen last
        if len(hits) >= self.limit:
            raise RateLimited(retry_after=max(1, math.ceil(hits[0] + self.window - now)))
        hits.append(now)
        while len(self._hits) > MAX_CLIENTS:
            self._hits.popitem(last=False)


def rate_limit(state_name: str) -> Callable[[Request], None]:
    """A dependency that counts the request against the limiter kept at `app.state.<state_name>`."""

    def dependency(request: Request) -> None:
        limiter: SlidingWindowLimiter = getattr(request.app.state, state_name)
        limiter.check(client_ip(request))

    return dependency
