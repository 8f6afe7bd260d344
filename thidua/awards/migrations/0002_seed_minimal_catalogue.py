"""Seed the minimal titles catalogue of DOMAIN §3.2 (issue 4), in force in all three legal regimes.

The entries existed under Luật TĐKT 2003/2013 (NĐ 91/2017) as under Luật TĐKT 06/2022/QH15 (NĐ 98/2023, NĐ 152/2025),
so both validity bounds stay open; the awards issue dates the rule sets, not the catalogue entries.
"""

from django.db import migrations

LAW_2022 = "Luật Thi đua, khen thưởng 06/2022/QH15"

CATALOGUE = [
    # code, name, subject, kind, order, legal basis
    ("LDTT", "Lao động tiên tiến", "individual", "title", 10, f"{LAW_2022}, Điều 24; Luật TĐKT 2003, Điều 24"),
    ("CSTDCS", "Chiến sĩ thi đua cơ sở", "individual", "title", 20, f"{LAW_2022}, Điều 23; NĐ 91/2017, Điều 9"),
    ("CSTD_TINH", "Chiến sĩ thi đua tỉnh", "individual", "title", 30, f"{LAW_2022}, Điều 22; NĐ 152/2025"),
    ("CSTD_TQ", "Chiến sĩ thi đua toàn quốc", "individual", "title", 40, f"{LAW_2022}, Điều 21; NĐ 152/2025"),
    ("TTLDTT", "Tập thể lao động tiên tiến", "collective", "title", 50, f"{LAW_2022}, Điều 28; NĐ 152/2025"),
    ("TTLDXS", "Tập thể lao động xuất sắc", "collective", "title", 60, f"{LAW_2022}, Điều 27; NĐ 152/2025"),
    ("CO_TINH", "Cờ thi đua của Ủy ban nhân dân tỉnh", "collective", "title", 70, f"{LAW_2022}, Điều 26; NĐ 152/2025"),
    ("CO_CP", "Cờ thi đua của Chính phủ", "collective", "title", 80, f"{LAW_2022}, Điều 25; NĐ 152/2025"),
    ("GK", "Giấy khen", "both", "award", 90, f"{LAW_2022}, Điều 75; NĐ 152/2025"),
    ("BK_TINH", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "both", "award", 100, f"{LAW_2022}, Điều 74; NĐ 152/2025"),
    ("BK_TTG", "Bằng khen của Thủ tướng Chính phủ", "both", "award", 110, f"{LAW_2022}, Điều 71; NĐ 152/2025"),
]


def seed(apps, schema_editor):
    title_model = apps.get_model("awards", "Title")
    for code, name, subject, kind, order, legal_basis in CATALOGUE:
        title_model.objects.update_or_create(
            code=code,
            defaults={"name": name, "subject": subject, "kind": kind, "order": order, "legal_basis": legal_basis},
        )


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_title_catalogue")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
