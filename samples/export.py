"""Write samples/gold.jsonl and samples/articles.jsonl from the written content: `python -m samples.export`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from samples.content import DEMO_BASE_PORT, Post, all_posts, site_configs
from samples.server import build_site

SAMPLES_DIR = Path(__file__).resolve().parent
GOLD_PATH = SAMPLES_DIR / "gold.jsonl"
ARTICLES_PATH = SAMPLES_DIR / "articles.jsonl"


def demo_urls() -> dict[str, str]:
    """Article id -> URL of the article when the sites run on the demo ports."""
    urls = {}
    for i, config in enumerate(site_configs()):
        site = build_site(config)
        site.base_url = f"http://127.0.0.1:{DEMO_BASE_PORT + i}/"
        urls.update({p.id: site.url(site.path_of(p)) for p in site.posts})
    return urls


def article_rows() -> list[dict[str, Any]]:
    """Extract-input records (id, url, title, published, text), in content order."""
    urls = demo_urls()
    return [{"id": p.id, "url": urls[p.id], "title": p.title, "published": p.published, "text": p.text}
            for p in sorted_posts()]


def page_rows() -> list[dict[str, Any]]:
    """`parse` input records (id, url, html): each article's first page as served on the demo ports."""
    rows = []
    for i, config in enumerate(site_configs()):
        site = build_site(config)
        site.base_url = f"http://127.0.0.1:{DEMO_BASE_PORT + i}/"
        for post in site.posts:
            path = site.path_of(post)
            rows.append({"id": post.id, "url": site.url(path), "html": site.handle(path).body.decode("utf-8")})
    return sorted(rows, key=lambda row: row["id"])


def sorted_posts() -> list[Post]:
    """Every written article, by id."""
    return sorted(all_posts(), key=lambda p: p.id)


def gold_rows() -> list[dict[str, Any]]:
    """Gold answers in the eval/dev_gold.jsonl format, in content order."""
    return [p.gold for p in sorted_posts() if p.gold is not None]


def jsonl(rows: list[dict[str, Any]]) -> str:
    """Rows as JSON Lines text."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def main(argv: list[str] | None = None) -> int:
    """Regenerate (or with --check, verify) the two files."""
    parser = argparse.ArgumentParser(prog="python -m samples.export", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed files are out of date")
    parser.add_argument("--pages", type=Path, metavar="FILE", help="also write every article page as parse input")
    args = parser.parse_args(argv)
    if args.pages:
        args.pages.write_text(jsonl(page_rows()), encoding="utf-8")
    stale = []
    for path, rows in ((GOLD_PATH, gold_rows()), (ARTICLES_PATH, article_rows())):
        text = jsonl(rows)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path.name)
            if not args.check:
                path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print(f"out of date: {', '.join(stale)} (run python -m samples.export)")
        return 1
    print(f"{len(gold_rows())} gold answers, {len(article_rows())} articles" + (" (updated)" if stale else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
