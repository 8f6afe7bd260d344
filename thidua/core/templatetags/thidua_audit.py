from django import template

from thidua.core.audit import audit_action_label as _label

register = template.Library()


@register.filter
def audit_action_label(action: str) -> str:
    """The Vietnamese label of an audit action code (``accounts.role_granted`` → "Cấp vai trò")."""
    return _label(action)
