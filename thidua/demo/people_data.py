"""Deterministic Vietnamese names for the demo's people (a few hundred, spread over the units)."""

from __future__ import annotations

import random
from collections.abc import Iterator

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE_FEMALE = ["Thị", "Thị Thu", "Thị Minh", "Ngọc", "Thị Kim", "Thị Thanh", "Thị Mỹ"]
MIDDLE_MALE = ["Văn", "Hữu", "Minh", "Đức", "Quang", "Công", "Thanh", "Ngọc"]
GIVEN_FEMALE = ["Hà", "Lan", "Hoa", "Hương", "Trang", "Linh", "Nhung", "Thảo", "Uyên", "Vy", "Yến", "Duyên", "Hạnh"]
GIVEN_MALE = ["Dũng", "Hùng", "Minh", "Nam", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Trung", "Vinh", "Khoa", "Bảo"]
POSITIONS = ["Chuyên viên", "Chuyên viên chính", "Phó Trưởng phòng", "Trưởng phòng", "Kế toán", "Văn thư", "Phóng viên"]


def demo_people(count: int, *, seed: int = 2020) -> Iterator[tuple[str, str, int, str]]:
    """Yield (full name, gender, birth year, position), the same every run."""
    rng = random.Random(seed)  # noqa: S311  (demo data, not security)
    for _ in range(count):
        female = rng.random() < 0.55
        middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
        given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
        yield (
            f"{rng.choice(FAMILY)} {middle} {given}",
            "female" if female else "male",
            rng.randint(1965, 1998),
            rng.choice(POSITIONS),
        )
