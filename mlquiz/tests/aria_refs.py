"""ARIA id references in server-rendered HTML: every id an attribute names must be on the page.

A help text or an error a screen reader should announce with a field is tied to it by
``aria-describedby="ID"``; with a wrong id the field is announced without it, and axe-core only
lists such a reference as "needs review", so the tests check it themselves.
"""

from __future__ import annotations

from html.parser import HTMLParser

ID_REFERENCES = ("aria-describedby", "aria-labelledby", "aria-controls", "aria-errormessage", "for")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.references: list[tuple[str, str, str]] = []  # (tag, attribute, id)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name in ID_REFERENCES and value:
                for ref in value.split() if name != "for" else [value]:
                    self.references.append((tag, name, ref))


def dangling_id_references(html: str) -> list[str]:
    """``<tag attribute="id">`` for every reference to an id the page does not have."""
    collector = _Collector()
    collector.feed(html)
    return [
        f'<{tag} {name}="{ref}">'
        for tag, name, ref in collector.references
        if ref not in collector.ids
    ]
