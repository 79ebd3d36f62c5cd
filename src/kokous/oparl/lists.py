"""External object lists (OParl 1.1 § 2.5): pages of ``data`` with ``pagination`` and
``links``, each page a file of its own (``meetings.json``, ``meetings-2.json``, …)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .urls import PAGE_SIZE, page_name


def page_count(count: int) -> int:
    return max(1, math.ceil(count / PAGE_SIZE))


def page_url(first: str, number: int) -> str:
    head, _, name = first.rpartition("/")
    return f"{head}/{page_name(name, number)}"


def page(first: str, data: list, number: int, pages: int, total: int) -> dict[str, object]:
    """One page of the list whose first page is at ``first``."""
    links = {"first": first, "self": page_url(first, number), "last": page_url(first, pages)}
    if number > 1:
        links["prev"] = page_url(first, number - 1)
    if number < pages:
        links["next"] = page_url(first, number + 1)
    return {
        "data": data,
        "pagination": {
            "totalElements": total,
            "elementsPerPage": PAGE_SIZE if pages > 1 else len(data),
            "currentPage": number,
            "totalPages": pages,
        },
        "links": links,
    }


def pages(first: str, objects: Sequence[dict]) -> list[tuple[str, dict[str, object]]]:
    """Every page of a list, as ``(url, page)``; an empty list is one empty page."""
    count = page_count(len(objects))
    return [
        (
            page_url(first, n),
            page(first, list(objects[(n - 1) * PAGE_SIZE : n * PAGE_SIZE]), n, count, len(objects)),
        )
        for n in range(1, count + 1)
    ]
