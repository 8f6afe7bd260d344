"""Pages of scoring under /cham-diem/. Each views module owns its own patterns."""

from thidua.scoring.views import criteria, exports, results, rounds, sheets

app_name = "scoring"

urlpatterns = [
    *criteria.urlpatterns,
    *rounds.urlpatterns,
    *sheets.urlpatterns,
    *results.urlpatterns,
    *exports.urlpatterns,
]
