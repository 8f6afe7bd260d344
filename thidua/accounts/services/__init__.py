from thidua.accounts.services.roles import role_grant, role_revoke
from thidua.accounts.services.tokens import api_token_authenticate, api_token_create, api_token_revoke
from thidua.accounts.services.users import user_create

__all__ = ["api_token_authenticate", "api_token_create", "api_token_revoke", "role_grant", "role_revoke", "user_create"]
