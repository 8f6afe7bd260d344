from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from thidua.core.exceptions import ApplicationError


class MovementsErrorCode(StrEnum):
    MOVEMENT_NOT_LAUNCHABLE = "movement_not_launchable"
    MOVEMENT_NOT_MANAGEABLE = "movement_not_manageable"
    MOVEMENT_UNIT_OUTSIDE_BLOC = "movement_unit_outside_bloc"
    MOVEMENT_REVIEW_TOO_EARLY = "movement_review_too_early"
    MOVEMENT_CLOSED = "movement_closed"
    MOVEMENT_REVIEW_EXISTS = "movement_review_exists"
    MOVEMENT_PERIOD_INVALID = "movement_period_invalid"


class MovementsError(ApplicationError):
    pass


class MovementNotLaunchable(MovementsError):
    """The province office launches the province's; the bloc secretariat its bloc's; a unit's head or officer its."""

    code = MovementsErrorCode.MOVEMENT_NOT_LAUNCHABLE
    status_code = 403
    default_message = _("Bạn không có quyền phát động phong trào thi đua cho đơn vị hoặc khối này.")


class MovementNotManageable(MovementsError):
    code = MovementsErrorCode.MOVEMENT_NOT_MANAGEABLE
    status_code = 403
    default_message = _("Bạn không có quyền sơ kết, tổng kết phong trào thi đua này.")


class MovementUnitOutsideBloc(MovementsError):
    code = MovementsErrorCode.MOVEMENT_UNIT_OUTSIDE_BLOC
    status_code = 422
    default_message = _("Đơn vị phát động không thuộc tỉnh của khối thi đua.")


class MovementPeriodInvalid(MovementsError):
    """The dates conflict with each other: 409 like every refusal that depends on more than one value."""

    code = MovementsErrorCode.MOVEMENT_PERIOD_INVALID
    status_code = 409
    default_message = _("Ngày kết thúc phải sau ngày bắt đầu.")


class MovementReviewTooEarly(MovementsError):
    """A review conflicts with the movement's dates (its launch, its mid-term review)."""

    code = MovementsErrorCode.MOVEMENT_REVIEW_TOO_EARLY
    status_code = 409
    default_message = _("Không thể sơ kết, tổng kết trước ngày phát động hoặc trước lần sơ kết.")


class MovementClosed(MovementsError):
    code = MovementsErrorCode.MOVEMENT_CLOSED
    status_code = 409
    default_message = _("Phong trào đã được tổng kết.")


class MovementReviewExists(MovementsError):
    code = MovementsErrorCode.MOVEMENT_REVIEW_EXISTS
    status_code = 409
    default_message = _("Phong trào đã được sơ kết.")
