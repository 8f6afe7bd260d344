"""The English catalogue is complete: no user-facing string is left untranslated or fuzzy."""

from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]


def _unfinished(path: Path) -> list[str]:
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    strings = [m for m in catalogue if m.id]
    return [str(m.id) for m in strings if m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string])]


def test_english_catalogue_has_no_untranslated_or_fuzzy_entry():
    assert _unfinished(ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po") == []


def test_vietnamese_catalogue_of_third_party_pages_is_complete():
    assert _unfinished(ROOT / "locale_vendor" / "vi" / "LC_MESSAGES" / "django.po") == []
