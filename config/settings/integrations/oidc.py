"""OpenID Connect single sign-on (e.g. the province's identity provider). Off by default.

With USE_OIDC=true, OIDC_PROVIDER_ID, OIDC_SERVER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required;
OIDC_PROVIDER_NAME (the button's label) defaults to "SSO". Sign-in through OIDC connects to an existing Thi Đua account by e-mail; it never creates accounts unless
OIDC_ALLOW_SIGNUP=true, because roles are granted by the province office.
"""

from typing import Any

from config.env import env, env_required

USE_OIDC = env.bool("USE_OIDC", default=False)
OIDC_ALLOW_SIGNUP = env.bool("OIDC_ALLOW_SIGNUP", default=False)
SOCIALACCOUNT_PROVIDERS: dict[str, Any] = {}
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_ONLY = False

if USE_OIDC:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": env_required("OIDC_PROVIDER_ID"),
                "name": env.str("OIDC_PROVIDER_NAME", default="SSO"),
                "client_id": env_required("OIDC_CLIENT_ID"),
                "secret": env_required("OIDC_CLIENT_SECRET"),
                "settings": {"server_url": env_required("OIDC_SERVER_URL")},
            }
        ],
        "OAUTH_PKCE_ENABLED": True,
    }
