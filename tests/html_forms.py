"""Read the forms a page offers, as a browser would: method, action and every named control."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

# Controls a person types into; the rest (choices, ticks, hidden values) are picked or carried.
TEXT_TYPES = {"text", "search", "email", "url", "tel", "password", ""}
DATE_TYPES = {"date", "datetime-local", "month"}


@dataclass
class Control:
    name: str
    kind: str  # an <input> type, "textarea" or "select"
    value: str = ""
    options: list[str] = field(default_factory=list)
    required: bool = False
    checked: bool = False

    @property
    def typed(self) -> bool:
        return self.kind in TEXT_TYPES or self.kind == "textarea"


@dataclass
class Form:
    page: str  # the path the form was found on
    method: str
    action: str  # a path
    multipart: bool
    controls: list[Control] = field(default_factory=list)

    def baseline(self) -> dict[str, list[str]]:
        """What a browser sends untouched, with empty required boxes filled plausibly."""
        data: dict[str, list[str]] = {}
        for c in self.controls:
            if c.kind in {"submit", "button", "image", "reset", "file"}:
                continue
            if c.kind in {"checkbox", "radio"}:
                if c.checked:
                    data.setdefault(c.name, []).append(c.value or "on")
                continue
            if c.kind == "select":
                value = c.value if c.value else next((o for o in c.options if o), "")
                data.setdefault(c.name, []).append(value)
                continue
            data.setdefault(c.name, []).append(c.value or plausible(c))
        for c in self.controls:  # a radio group with nothing ticked: the first choice
            if c.kind == "radio" and c.name not in data:
                data[c.name] = [c.value]
        return data

    @property
    def signature(self) -> tuple[str, str, tuple[str, ...]]:
        return (self.method, self.action, tuple(sorted({c.name for c in self.controls})))


def plausible(control: Control) -> str:
    """A value an honest person would type into an empty box of this kind."""
    name = control.name.lower()
    if control.kind in TEXT_TYPES and name.endswith("name") and "user" not in name:
        return "张三"  # a formset's first party is needed even where the box is not marked
    if not control.required and control.kind != "textarea" and control.kind in TEXT_TYPES:
        return ""
    if control.kind == "number":
        return "1"
    if control.kind == "date":
        return "2026-11-02"
    if control.kind == "datetime-local":
        return "2026-11-02T09:30"
    if control.kind == "time":
        return "09:30"
    if "mobile" in name or control.kind == "tel":
        return "13912345678"
    if "id_number" in name:
        return "11010519491231002X"
    if control.kind == "email":
        return "resident@example.cn"
    if "password" in name:
        return "Xima-Fazhi-2026!"
    return "楼道堆物影响通行" if control.required or control.kind == "textarea" else ""


class _Parser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form: Form | None = None
        self._textarea: Control | None = None
        self._select: Control | None = None
        self._option: str | None = None
        self._option_selected = False

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: (v or "") for k, v in attrs_list}
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            action = urlsplit(urljoin(self.page, attrs.get("action") or self.page))
            self._form = Form(page=self.page, method=(attrs.get("method") or "get").lower(),
                              action=action.path + (f"?{action.query}" if action.query else ""),
                              multipart="multipart" in attrs.get("enctype", ""))
            self.forms.append(self._form)
        elif self._form is None or not attrs.get("name") and tag != "option":
            return
        elif tag == "input":
            self._form.controls.append(Control(
                name=attrs["name"], kind=attrs.get("type", "text").lower(),
                value=attrs.get("value", ""), required="required" in attrs,
                checked="checked" in attrs))
        elif tag == "textarea":
            self._textarea = Control(name=attrs["name"], kind="textarea",
                                     required="required" in attrs)
            self._form.controls.append(self._textarea)
        elif tag == "select":
            self._select = Control(name=attrs["name"], kind="select",
                                   required="required" in attrs)
            self._form.controls.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = attrs.get("value")
            self._option_selected = "selected" in attrs
            if self._option is not None:
                self._add_option(self._option)

    def _add_option(self, value: str) -> None:
        assert self._select is not None
        self._select.options.append(value)
        if self._option_selected and not self._select.value:
            self._select.value = value

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data
        elif self._select is not None and self._option == "" and data.strip():
            pass  # an option without a value attribute sends its text
        elif self._select is not None and self._option is None and data.strip():
            self._option = data.strip()
            self._add_option(self._option)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            if self._textarea is not None and self._textarea.value.startswith("\n"):
                self._textarea.value = self._textarea.value[1:]
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._option = None


def read_page(path: str, html: str) -> tuple[list[Form], list[str]]:
    """The forms on a page and the same-site paths it links to."""
    parser = _Parser(path)
    parser.feed(html)
    links = []
    for href in parser.links:
        target = urlsplit(urljoin(path, href))
        if target.scheme in {"", "http"} and target.netloc in {"", "testserver"}:
            links.append(target.path + (f"?{target.query}" if target.query else ""))
    return parser.forms, links
