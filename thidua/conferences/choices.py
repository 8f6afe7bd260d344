from django.db import models
from django.utils.translation import gettext_lazy as _


class ConferenceStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chuẩn bị")
    IN_SESSION = "in_session", _("Đang họp")
    CLOSED = "closed", _("Đã bế mạc")


class VoteBasis(models.TextChoices):
    """Whose vote counts (DOMAIN R14, configurable per conference): each member unit once, or each delegate."""

    PER_UNIT = "per_unit", _("Mỗi đơn vị một phiếu")
    PER_DELEGATE = "per_delegate", _("Mỗi đại biểu một phiếu")


class QuorumRule(models.TextChoices):
    """How many of the roll must be present before a poll opens (DOMAIN R14: quorum configurable)."""

    MORE_THAN_HALF = "more_than_half", _("Quá nửa số thành viên")
    TWO_THIRDS = "two_thirds", _("Từ hai phần ba số thành viên")
    PERCENTAGE = "percentage", _("Từ một tỷ lệ số thành viên")


class PollStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chuẩn bị")
    OPEN = "open", _("Đang bỏ phiếu")
    CLOSED = "closed", _("Đã kết thúc bỏ phiếu")
    PUBLISHED = "published", _("Đã công bố kết quả")


class PollKind(models.TextChoices):
    CHOOSE = "choose", _("Chọn tối đa K trong danh sách")
    YES_NO_ABSTAIN = "yes_no_abstain", _("Đồng ý, không đồng ý, không ý kiến với từng người (đơn vị)")
    ELECTION = "election", _("Bầu Khối trưởng, Khối phó")


class PollOffice(models.TextChoices):
    """The office an election poll fills for next year (DOMAIN R15)."""

    NONE = "", _("Không")
    LEADER = "leader", _("Khối trưởng")
    DEPUTY = "deputy", _("Khối phó")


class MajorityRule(models.TextChoices):
    """When a candidate is elected (OpenSlides ``majority_method``); every rule but ``simple`` uses the base."""

    SIMPLE = "simple", _("Đa số tương đối (nhiều phiếu nhất)")
    MORE_THAN_HALF = "more_than_half", _("Quá nửa")
    TWO_THIRDS = "two_thirds", _("Từ hai phần ba trở lên")
    PERCENTAGE = "percentage", _("Từ một tỷ lệ trở lên")


class PercentageBase(models.TextChoices):
    """What 100% means (OpenSlides ``onehundred_percent_base``)."""

    ROLL = "roll", _("Tổng số thành viên có quyền biểu quyết")
    PRESENT = "present", _("Số thành viên có mặt")
    VALID = "valid", _("Số phiếu hợp lệ")


class ChoiceValue(models.TextChoices):
    CHOSEN = "chosen", _("Chọn")
    YES = "yes", _("Đồng ý")
    NO = "no", _("Không đồng ý")
    ABSTAIN = "abstain", _("Không ý kiến")


class BallotChannel(models.TextChoices):
    ONLINE = "online", _("Bỏ phiếu trực tuyến")
    PAPER = "paper", _("Phiếu giấy")


class PaperSheetStatus(models.TextChoices):
    """A printed, numbered paper ballot: outstanding until it is entered, spoiled or returned unused."""

    ISSUED = "issued", _("Đã in, chưa kiểm")
    CAST = "cast", _("Đã thu và kiểm")
    SPOILED = "spoiled", _("Phiếu hỏng")
    UNUSED = "unused", _("Không sử dụng")


class CandidateOutcomeStatus(models.TextChoices):
    ELECTED = "elected", _("Trúng cử")
    NOT_ELECTED = "not_elected", _("Không trúng cử")
    TIE = "tie", _("Bằng phiếu, phải bầu lại")


class RecordDocument(models.TextChoices):
    MINUTES = "minutes", _("Biên bản hội nghị")
    COUNT = "count", _("Biên bản kiểm phiếu")


class RecordSignatory(models.TextChoices):
    CHAIR = "chair", _("Chủ trì hội nghị")
    SECRETARY = "secretary", _("Thư ký hội nghị")
