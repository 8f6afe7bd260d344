from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    """Criteria and scoring (tiêu chí, chấm điểm) of a bloc's year: self-assessment, checking, ranking."""

    name = "thidua.scoring"
    label = "scoring"
    verbose_name = _("Chấm điểm thi đua")

    def ready(self) -> None:
        from thidua.emulation.year_board import year_board_provider_register
        from thidua.scoring import audit, home, navigation  # noqa: F401
        from thidua.scoring.year_board import scoring_year_board

        year_board_provider_register(scoring_year_board)
