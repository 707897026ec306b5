"""The explanation of a result: the steps, the values and every parameter with its legal reference.
Decisions store it so that an appeal can be answered years later; notices render it in Korean."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol


@dataclass(frozen=True, slots=True)
class TraceStep:
    step: str
    value: int | str | None
    reference: str | None = None
    note: str | None = None
    effective_from: date | None = None
    uncertain: str | None = None


@dataclass(slots=True)
class Trace:
    steps: list[TraceStep] = field(default_factory=list)

    def step(
        self, step: str, value: int | str | None, reference: str | None = None, note: str | None = None
    ) -> None:
        self.steps.append(TraceStep(step, value, reference, note))

    def parameter(self, step: str, value: int | str, parameter: ParameterLike) -> None:
        self.steps.append(
            TraceStep(
                step,
                value,
                parameter.reference,
                None,
                parameter.effective_from,
                parameter.uncertain,
            )
        )

    def freeze(self) -> tuple[TraceStep, ...]:
        return tuple(self.steps)


class ParameterLike(Protocol):
    """What the trace needs of a parameter (see `parameters.ParameterValue`)."""

    @property
    def reference(self) -> str: ...
    @property
    def effective_from(self) -> date: ...
    @property
    def uncertain(self) -> str | None: ...
