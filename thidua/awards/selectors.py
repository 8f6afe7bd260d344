"""Reads of the titles catalogue (danh mục danh hiệu thi đua, hình thức khen thưởng)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from thidua.awards.choices import TitleSubject
from thidua.awards.models import Title


def title_list_in_force(*, on: dt.date, subject: str | None = None) -> QuerySet[Title]:
    """Titles and award forms in force on ``on``; with ``subject``, those a collective or an individual may receive
    (an entry for both subjects is offered to each)."""
    titles = Title.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    )
    if subject is not None and subject != TitleSubject.BOTH:
        titles = titles.filter(subject__in=[subject, TitleSubject.BOTH])
    return titles
