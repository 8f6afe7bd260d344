"""Sign-in (django-allauth): username + password, throttled; TOTP two-factor; no public sign-up."""

from config.env import env

ACCOUNT_ADAPTER = "thidua.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "thidua.accounts.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = False
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_SESSION_REMEMBER = None
# Login throttling against password guessing: per client address and per account name.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("LOGIN_FAILED_RATE_LIMIT", default="10/10m/ip,5/15m/key"),
    "login": "30/m/ip",
}
# Behind a reverse proxy, the number of proxies whose X-Forwarded-For entries to trust: login throttling and the
# audit trail then see the real client address instead of the proxy's.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Thi Đua"
MFA_RECOVERY_CODE_COUNT = 10
