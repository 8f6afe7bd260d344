from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Users, roles granted in a scope (unit, bloc or province), sign-in and two-factor, API tokens."""

    name = "thidua.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản")

    def ready(self) -> None:
        from thidua.accounts import home, navigation  # noqa: F401  (register the app's panels and menu entries)
        from thidua.accounts.succession import accounts_succession_carry
        from thidua.organizations.succession import succession_handler_register

        succession_handler_register(accounts_succession_carry)
