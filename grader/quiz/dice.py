"""Per-student numbers: a deterministic source of draws, keyed by quiz, student and question.

`random.Random` would do, but its draws (not only its seeding) have changed between Python
versions; a student must get the same numbers all term, on any machine and any Python. So the
draws here come from SHA-256 in counter mode: the same key gives the same numbers forever.
"""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Sequence, TypeVar

T = TypeVar("T")


def student_key(student: str) -> str:
    """The form of a student id that seeds draws: `Alice`, ` alice ` and `ALICE` are the same
    student (ids are typed by hand, by students and by staff)."""
    return unicodedata.normalize("NFC", student).strip().casefold()


def variant_seed(quiz_id: str, student: str, question_id: str) -> bytes:
    """The seed of one student's numbers for one question of one quiz."""
    parts = (quiz_id, student_key(student), question_id)
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).digest()


class Dice:
    """Uniform draws from a seed; the same seed always gives the same sequence."""

    def __init__(self, seed: bytes) -> None:
        self._seed = seed
        self._counter = 0

    def _bits64(self) -> int:
        block = hashlib.sha256(self._seed + self._counter.to_bytes(8, "big")).digest()
        self._counter += 1
        return int.from_bytes(block[:8], "big")

    def integer(self, low: int, high: int) -> int:
        """An int in [low, high], both included, every one equally likely (rejection sampling)."""
        if high < low:
            raise ValueError(f"empty range [{low}, {high}]")
        size = high - low + 1
        limit = (1 << 64) - (1 << 64) % size
        while True:
            bits = self._bits64()
            if bits < limit:
                return low + bits % size

    def choice(self, items: Sequence[T]) -> T:
        return items[self.integer(0, len(items) - 1)]

    def decimal(self, low: float, high: float, places: int) -> float:
        """A number in [low, high] with `places` decimals (0.37 for places=2), shown as written."""
        scale = 10 ** places
        return round(self.integer(round(low * scale), round(high * scale)) / scale, places)

    def signed(self, low: float, high: float, places: int) -> float:
        """`decimal(low, high, places)` with a random sign."""
        value = self.decimal(low, high, places)
        return value if self.integer(0, 1) or value == 0 else -value
