"""The repair history of a run, read back from its events: every drafted version of the script,
what validation said about it, the diff to the version before, and which version ran.

    history = repair_history(events)      # RepairHistory(attempts=[Attempt(1, …), Attempt(2, …)], ran=2)

A `CodeDrafted` event starts an attempt, the next `ValidationResult` closes it; the attempt
that was current when `execute` delivered a result (`ResultReady`) is the one that ran.
"""

from __future__ import annotations

import difflib
from typing import Iterable, Literal

from pydantic import BaseModel, Field

from tools.events import CodeDrafted, Event, ResultReady, ValidationResult
from tools.models import ValidationIssue


class DiffLine(BaseModel):
    kind: Literal["hunk", "context", "added", "removed"]
    text: str
    old: int | None = None  # line number in the previous version
    new: int | None = None  # line number in this version


class Attempt(BaseModel):
    number: int  # 1, 2, ... in the order they were drafted
    code: str
    status: Literal["valid", "rejected", "unchecked"] = "unchecked"
    issues: list[ValidationIssue] = Field(default_factory=list)  # what validation (or the sandbox) said
    explanation: list[str] = Field(default_factory=list)  # the model's own, one sentence per step
    ran: bool = False
    diff: list[DiffLine] = Field(default_factory=list)  # against the attempt before (empty for the first)

    @property
    def added(self) -> int:
        return sum(1 for d in self.diff if d.kind == "added")

    @property
    def removed(self) -> int:
        return sum(1 for d in self.diff if d.kind == "removed")


class RepairHistory(BaseModel):
    attempts: list[Attempt] = Field(default_factory=list)
    ran: int | None = None  # the number of the attempt whose graph was executed

    @property
    def repairs(self) -> int:
        return max(0, len(self.attempts) - 1)

    def final(self) -> Attempt | None:
        """The attempt that ran, else the last one."""
        if self.ran is not None:
            return self.attempts[self.ran - 1]
        return self.attempts[-1] if self.attempts else None


def code_diff(before: str, after: str, context: int = 3) -> list[DiffLine]:
    """A unified diff of two versions as typed lines with their numbers on both sides."""
    out: list[DiffLine] = []
    a, b = before.splitlines(), after.splitlines()
    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context):
        first, last = group[0], group[-1]
        out.append(
            DiffLine(
                kind="hunk", text=f"@@ -{first[1] + 1},{last[2] - first[1]} +{first[3] + 1},{last[4] - first[3]} @@"
            )
        )
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += [DiffLine(kind="context", text=a[i], old=i + 1, new=j1 + (i - i1) + 1) for i in range(i1, i2)]
                continue
            out += [DiffLine(kind="removed", text=a[i], old=i + 1) for i in range(i1, i2)]
            out += [DiffLine(kind="added", text=b[j], new=j + 1) for j in range(j1, j2)]
    return out


def unified_text(diff: list[DiffLine]) -> str:
    mark = {"hunk": "", "context": " ", "added": "+", "removed": "-"}
    return "\n".join(mark[d.kind] + d.text for d in diff)


def repair_history(events: Iterable[Event]) -> RepairHistory:
    attempts: list[Attempt] = []
    open_attempt: Attempt | None = None
    ran: int | None = None
    for event in events:
        if isinstance(event, CodeDrafted):
            open_attempt = Attempt(number=len(attempts) + 1, code=event.code, explanation=list(event.explanation))
            attempts.append(open_attempt)
        elif isinstance(event, ValidationResult) and open_attempt is not None:
            open_attempt.status = "valid" if event.valid else "rejected"
            open_attempt.issues = list(event.errors)
            open_attempt = None
        elif isinstance(event, ResultReady) and attempts:
            ran = attempts[-1].number
    for prev, cur in zip(attempts, attempts[1:], strict=False):
        cur.diff = code_diff(prev.code, cur.code)
    if ran is not None:
        attempts[ran - 1].ran = True
    return RepairHistory(attempts=attempts, ran=ran)
