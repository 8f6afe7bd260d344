from thidua.awards.tests.catalogue import title_catalogue  # noqa: F401
