"""The base of every sample site: its posts, their paths, and request routing."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from datetime import UTC
from email.utils import format_datetime
from urllib.parse import parse_qs, urlsplit

from samples.content import Post, SiteConfig, vocab
from samples.render.common import Response, modified_of

Route = tuple[re.Pattern[str], Callable[..., Response]]


class Site:
    """A site serving its posts; subclasses add the routes and templates of one kind of CMS."""

    per_page = 10

    def __init__(self, config: SiteConfig, posts: list[Post]) -> None:
        self.config = config
        self.base_url = "http://127.0.0.1/"
        self.posts: list[Post] = []
        self.by_path: dict[str, Post] = {}
        self.fault_links: list[tuple[str, str]] = []  # (path, anchor text) linked only when faults are on
        self.disallow: list[str] = []
        self.add(posts)

    @property
    def name(self) -> str:
        """The site's short id."""
        return self.config.name

    def add(self, posts: list[Post]) -> None:
        """Publish posts, keeping the newest-first order."""
        self.posts = sorted([*self.posts, *posts], key=lambda p: (p.published_at, p.slug), reverse=True)
        self.by_path.update({self.path_of(p): p for p in posts})

    def url(self, path: str) -> str:
        """Absolute URL of a site path."""
        return self.base_url.rstrip("/") + path

    def path_of(self, post: Post) -> str:
        """The permalink path of a post."""
        raise NotImplementedError

    def post_id(self, post: Post) -> int:
        """A stable numeric id, independent of what else is published."""
        return zlib.crc32(f"{post.site}/{post.slug}".encode()) % 900_000 + 1000

    def routes(self) -> list[Route]:
        """(regex on the path, handler taking the match groups and the query) pairs."""
        raise NotImplementedError

    def robots(self) -> str:
        """robots.txt text."""
        lines = ["User-agent: *", "Disallow: /admin/", *(f"Disallow: {p}" for p in self.disallow)]
        return "\n".join(lines) + "\n"

    def handle(self, raw_path: str) -> Response:
        """Answer one GET request for a path with its query string."""
        parts = urlsplit(raw_path)
        path = re.sub(r"/{2,}", "/", parts.path) or "/"
        query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        if path == "/robots.txt":
            return Response.text(self.robots())
        for pattern, handler in self.routes():
            match = pattern.fullmatch(path)
            if match:
                return handler(query, *match.groups())
        return self.not_found()

    def post_page(self, post: Post, text: str) -> Response:
        """An article page, with Last-Modified from the post's modification time."""
        response = Response.html(text)
        response.headers["Last-Modified"] = format_datetime(modified_of(post).astimezone(UTC), usegmt=True)
        return response

    def not_found(self) -> Response:
        """The site's 404 page."""
        words = vocab()["not_found"]
        return Response.html(f"<!DOCTYPE html><html><head><title>{words} – {self.config.title}</title>"
                             f"</head><body><h1>404</h1><p>{words}.</p></body></html>", 404)

    def pages_of(self, items: list[Post], page: int, per_page: int | None = None) -> tuple[list[Post], int]:
        """The slice of items on a 1-based page, and the number of pages."""
        size = per_page or self.per_page
        total = max(1, -(-len(items) // size))
        return items[(page - 1) * size : page * size], total


def int_arg(value: str | None, default: int = 1) -> int | None:
    """Parse a positive integer query argument; None when it is malformed."""
    if value is None or value == "":
        return default
    return int(value) if value.isdigit() and int(value) > 0 else None
