"""The person picker: a ``<select>`` that holds only the chosen person, fed by a search box (htmx).

A province has tens of thousands of people, so a form cannot list them all. :class:`PersonSearchField` renders the
empty choice and the selected person only (one scoped query, and none when nothing is selected); typing two letters
or more in the search box asks ``people:person-options`` for at most 20 matching ``<option>`` elements, which replace
the select's options. Validation is the ``ModelChoiceField``'s: one lookup by pk through the queryset the view gives,
so a crafted pk outside the actor's scope is refused like a missing one.

Adopting it is one line: ``person = PersonSearchField(scope=..., required=False)`` and, in the view, the field's
queryset set to the people the form accepts.

Picker scopes are a declared extension API (STYLE S7): the endpoint only ever lists people that
``person_list_visible_to`` gives the actor, and a form whose queryset is narrower (e.g. the people whose facts the
actor reads) names a scope registered in ``AppConfig.ready()`` with :func:`person_picker_scope_register`, so the
search offers only people the form will accept. The scope function receives the signed-in user, never anything
from the request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from thidua.people.models import Person

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from thidua.accounts.scoping import Actor

PersonPickerScope = Callable[["Actor"], "QuerySet[Person]"]
_scopes: dict[str, PersonPickerScope] = {}


def person_picker_scope_register(name: str, scope: PersonPickerScope) -> None:
    """Name a scope (the people a form accepts, for an actor) that a picker may ask the endpoint to search within."""
    _scopes[name] = scope


def person_picker_scope_get(name: str) -> PersonPickerScope:
    """The registered scope; LookupError for an unknown name."""
    try:
        return _scopes[name]
    except KeyError:
        raise LookupError(f"Person picker scope {name!r} is not registered.") from None


def person_choice_label(full_name: str, unit_name: str) -> str:
    """The label of a person in the picker, "Họ tên — đơn vị" (the selected option and the search results alike)."""
    return f"{full_name} — {unit_name}" if unit_name else full_name


class PersonSearchSelect(forms.Select):
    """A select holding only the empty choice and the selected person, with a search box that loads the others."""

    template_name = "people/widgets/person_search_select.html"

    def __init__(self, attrs: dict[str, Any] | None = None, *, scope: str = "") -> None:
        super().__init__(attrs)
        self.scope = scope

    def _shown_choices(self, value: list[str]) -> Iterator[tuple[Any, Any]]:
        """The empty choice, then the selected person if the field's queryset holds them (one query, none when the
        field has just validated that person)."""
        choices: Any = self.choices
        field = getattr(choices, "field", None)
        if field is None:  # plain choices, not a model field's
            yield from (choice for choice in choices if choice[0] in ("", None) or str(choice[0]) in value)
            return
        if field.empty_label is not None:
            yield "", field.empty_label
        selected = [v for v in value if v]
        if not selected:
            return
        picked = getattr(field, "picked", None)
        if picked is not None and str(picked.pk) in selected:
            yield choices.choice(picked)
            return
        try:
            people = list(choices.queryset.filter(pk__in=selected)[:1])
        except (ValueError, TypeError, ValidationError):  # a malformed pk selects nobody
            return
        yield from (choices.choice(person) for person in people)

    def optgroups(self, name: str, value: list[str], attrs: dict[str, Any] | None = None) -> list[Any]:
        options = [
            self.create_option(name, option_value, label, str(option_value) in value, index, attrs=attrs)
            for index, (option_value, label) in enumerate(self._shown_choices(value))
        ]
        return [(None, options, 0)]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        query = f"?{urlencode({'scope': self.scope})}" if self.scope else ""
        context["widget"]["options_url"] = f"{reverse('people:person-options')}{query}"
        return context


class PersonSearchField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A person chosen through :class:`PersonSearchSelect`; the view sets ``queryset`` to the people it accepts.

    A pk outside that queryset is refused as "not found", whether the person is missing or out of reach (S12).
    """

    default_error_messages = {"invalid_choice": _("Không tìm thấy hoặc bạn không có quyền xem.")}

    def __init__(
        self,
        *,
        scope: str = "",
        queryset: QuerySet[Person] | None = None,
        widget: PersonSearchSelect | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            queryset=queryset if queryset is not None else Person.objects.none(),
            widget=widget or PersonSearchSelect(scope=scope),
            **kwargs,
        )

    def to_python(self, value: Any) -> Any:
        """The person, by one lookup through the queryset; kept so that re-rendering the form reads nobody again."""
        self.picked = super().to_python(value)
        return self.picked

    def label_from_instance(self, obj: Any) -> str:
        return person_choice_label(str(obj.full_name), getattr(obj, "current_unit_name", "") or "")
