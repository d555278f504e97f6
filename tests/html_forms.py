"""A page's form read as a browser would post it when nobody touches it (tests only)."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

FormTest = Callable[[dict[str, str]], bool]  # is this <form> (its attributes) the one?


class FormReader(HTMLParser):
    """Collects the values of the forms ``wanted`` picks (the first one only, if ``first``)."""

    def __init__(self, wanted: FormTest, *, first: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.wanted = wanted
        self.first = first
        self.data: dict[str, list[str]] = {}
        self.inside = self.done = False
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form" and not self.done:
            self.inside = self.wanted(a)
        if not self.inside:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button"):
            if a.get("type") not in ("checkbox", "radio"):
                self._add(a["name"], a.get("value", ""))
            elif "checked" in a:
                self._add(a["name"], a.get("value", "on"))
        elif tag == "select":
            self.select = a.get("name")
        elif tag == "option" and self.select and "selected" in a:
            self._add(self.select, a.get("value", ""))
        elif tag == "textarea":
            self.textarea = a.get("name")
            self._add(self.textarea or "", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, self.first

    def handle_data(self, data: str) -> None:
        if self.textarea:
            text = self.data[self.textarea][-1] + data
            self.data[self.textarea][-1] = text.removeprefix("\n")

    def _add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)


def read_form(page: Any, wanted: FormTest, *, first: bool = False) -> dict[str, list[str]]:
    """The picked form of ``page`` (a response), without its CSRF token."""
    reader = FormReader(wanted, first=first)
    reader.feed(page.content.decode())
    return {name: values for name, values in reader.data.items() if name != "csrfmiddlewaretoken"}


def submit(client: Any, url: str, data: dict[str, list[str]], **changes: Any) -> Any:
    """POST a form read earlier, with what its user changed."""
    data = {**data, **{name: v if isinstance(v, list) else [v] for name, v in changes.items()}}
    return client.post(url, data)
