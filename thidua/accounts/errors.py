from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from thidua.core.exceptions import ApplicationError


class AccountsErrorCode(StrEnum):
    ROLE_NOT_GRANTABLE = "role_not_grantable"
    ROLE_SCOPE_INVALID = "role_scope_invalid"
    ROLE_ALREADY_GRANTED = "role_already_granted"
    ROLE_ALREADY_REVOKED = "role_already_revoked"
    TOKEN_ALREADY_REVOKED = "token_already_revoked"  # noqa: S105


class AccountsError(ApplicationError):
    pass


class RoleNotGrantable(AccountsError):
    code = AccountsErrorCode.ROLE_NOT_GRANTABLE
    status_code = 403
    default_message = _("Bạn không có quyền cấp vai trò này trong phạm vi đã chọn.")


class RoleScopeInvalid(AccountsError):
    code = AccountsErrorCode.ROLE_SCOPE_INVALID
    status_code = 422
    default_message = _(
        "Phạm vi không phù hợp với vai trò: vai trò cấp tỉnh cấp trên tỉnh, thư ký khối cấp trên khối, các vai trò khác "
        "cấp trên đơn vị."
    )


class RoleAlreadyGranted(AccountsError):
    code = AccountsErrorCode.ROLE_ALREADY_GRANTED
    status_code = 409
    default_message = _("Người dùng đã có vai trò này trong phạm vi đã chọn.")


class RoleAlreadyRevoked(AccountsError):
    code = AccountsErrorCode.ROLE_ALREADY_REVOKED
    status_code = 409
    default_message = _("Vai trò này đã được thu hồi trước đó.")


class TokenAlreadyRevoked(AccountsError):
    code = AccountsErrorCode.TOKEN_ALREADY_REVOKED
    status_code = 409
    default_message = _("Khóa API này đã bị thu hồi.")
