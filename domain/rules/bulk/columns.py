"""Column types shared by the cohort layouts: int64 amounts, boolean flags, and vehicle uses held as
an index into `VEHICLE_USES`."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from domain.rules.household import VehicleUse

Ints = NDArray[np.int64]
Flags = NDArray[np.bool_]

VEHICLE_USES: tuple[VehicleUse, ...] = tuple(VehicleUse)  # `car_use` holds an index into this
DISABLED_USE, LIVELIHOOD_USE, CARGO_USE = (
    VEHICLE_USES.index(u) for u in (VehicleUse.DISABLED, VehicleUse.LIVELIHOOD, VehicleUse.CARGO)
)
