"""Conditions register here under a stable code (STYLE S13). A rule set names conditions by code, with parameters
and the citation that makes them law for that title and regime."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from django.utils.translation import gettext as _

from thidua.awards.rules.context import EvaluationContext
from thidua.awards.rules.results import Citation, ConditionResult, LineStatus


class Condition:
    """One checkable condition. Subclasses set ``code``, ``label`` (Vietnamese, shown on each verdict line) and
    ``defaults`` (the parameters and their documented defaults), and implement ``check``, which returns the status
    and the facts used, in Vietnamese ("CSTĐCS 2017, 2018, 2019"). ``check`` must not query the database."""

    code: ClassVar[str]
    label: ClassVar[str]
    defaults: ClassVar[Mapping[str, Any]] = {}

    def check(self, ctx: EvaluationContext, params: Mapping[str, Any]) -> tuple[LineStatus, str]:
        raise NotImplementedError

    def evaluate(self, ctx: EvaluationContext, params: Mapping[str, Any], citation: Citation) -> ConditionResult:
        merged = {**self.defaults, **params}
        status, facts = self.check(ctx, merged)
        return ConditionResult(
            code=self.code,
            label=_(str(merged.get("label") or self.label)),
            status=status,
            facts=facts,
            citation=citation,
        )


_registry: dict[str, Condition] = {}


def condition_register(cls: type[Condition]) -> type[Condition]:
    """Class decorator: register one instance under ``cls.code`` (codes are unique)."""
    if cls.code in _registry:
        raise ValueError(f"Condition code {cls.code!r} is registered twice")
    _registry[cls.code] = cls()
    return cls


def condition_get(code: str) -> Condition:
    from thidua.awards.rules import conditions  # noqa: F401  (registers every condition)

    try:
        return _registry[code]
    except KeyError:
        raise LookupError(f"Unknown condition {code!r}") from None


def condition_codes() -> list[str]:
    from thidua.awards.rules import conditions  # noqa: F401

    return sorted(_registry)


@dataclass(frozen=True)
class ConditionSpec:
    """One condition of a rule set: its code, parameters and citation. ``configurable`` names the parameters a
    province may adjust (with a dated decision reference): those DOMAIN.md marks UNVERIFIED or leaves to provinces."""

    code: str
    citation: Citation
    params: Mapping[str, Any] | None = None
    configurable: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleSetSpec:
    """The conditions that make ``title_code`` in ``regime``, in force from ``valid_from`` (data, not code)."""

    key: str  # stable identifier with its version, e.g. "CSTDCS/B/1"
    title_code: str
    regime: str
    conditions: tuple[ConditionSpec, ...]
    # "individual" | "collective" for a form given to both (BK_TINH); "" when the title has one kind of subject.
    subject: str = ""


Evaluator = Callable[[EvaluationContext], ConditionResult]
