"""A regency portal: listings at /articles?category=berita&page=N, an Atom feed, numeric posting dates."""

from __future__ import annotations

import re

from samples.content import Post, vocab
from samples.render.common import Response, clock, esc, modified_of, page_numbers
from samples.site import Route, Site, int_arg

CATEGORY = "berita"


class RegencySite(Site):
    """Routes and templates of the regency portal."""

    per_page = 4

    def path_of(self, post: Post) -> str:
        """Article path under /articles/."""
        return f"/articles/{post.slug}"

    def routes(self) -> list[Route]:
        """The portal's URL space."""
        return [
            (re.compile(r"/"), self.home),
            (re.compile(r"/articles/?"), self.listing),
            (re.compile(r"/articles/([a-z0-9-]+)/?"), self.article),
            (re.compile(r"/feed\.atom"), self.feed),
            (re.compile(r"/halaman/(profil|visi-misi)"), self.static),
        ]

    def listing_href(self, page: int) -> str:
        """URL of a page of the news listing."""
        return self.url(f"/articles?category={CATEGORY}&page={page}")

    def posted(self, post: Post) -> str:
        """'Diposting: 02/05/2024 10:15 WIB'."""
        when = post.published_at
        return vocab()["regency"]["posted"].format(date=f"{when:%d/%m/%Y}", time=clock(when))

    def shell(self, title: str, body: str) -> str:
        """Portal frame: top bar, menu, sidebar, footer."""
        cfg, words = self.config, vocab()["regency"]
        hrefs = [self.url("/"), self.url("/halaman/profil"), self.listing_href(1), self.url("/halaman/visi-misi")]
        menu = "".join(f'<a class="nav-link" href="{esc(href)}">{esc(text)}</a>'
                       for text, href in zip(words["menu"], hrefs, strict=True))
        others = "".join(f'<li><a href="{esc(self.url(self.path_of(p)))}">{esc(p.title)}</a></li>' for p in self.posts[:4])
        return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="alternate" type="application/atom+xml" title="{esc(cfg.title)}" href="{esc(self.url('/feed.atom'))}">
<style>.topbar{{background:{cfg.colour}}}</style>
</head>
<body>
<div class="topbar"><span>{esc(cfg.brand)}</span> <span>{esc(cfg.tagline)}</span></div>
<nav class="navbar">{menu}</nav>
<main class="container"><section class="content">{body}</section>
<aside class="sidebar"><h5>{esc(words['others'])}</h5><ul>{others}</ul></aside></main>
<footer><p>{esc(words['footer'].format(title=cfg.title))}</p></footer>
</body>
</html>
"""

    def card(self, post: Post) -> str:
        """A post in a listing."""
        return (f'<div class="card"><a href="{esc(self.url(self.path_of(post)))}"><h5 class="card-title">{esc(post.title)}</h5></a>'
                f'<small>{esc(self.posted(post))}</small></div>')

    def home(self, query: dict[str, str]) -> Response:
        """Front page with the newest news."""
        words = vocab()["regency"]
        body = (f"<h4>{esc(words['latest'])}</h4>" + "".join(self.card(p) for p in self.posts[:4])
                + f'<a href="{esc(self.listing_href(1))}">{esc(words["all_news"])}</a>')
        return Response.html(self.shell(self.config.title, body))

    def listing(self, query: dict[str, str]) -> Response:
        """News listing; other categories are empty."""
        words = vocab()["regency"]
        page = int_arg(query.get("page"))
        items = self.posts if query.get("category", CATEGORY) == CATEGORY else []
        shown, total = self.pages_of(items, page or 1)
        if page is None or page > total:
            return self.not_found()
        nav = page_numbers(page, total, self.listing_href)
        if page < total:
            nav += f' <a rel="next" href="{esc(self.listing_href(page + 1))}">{esc(words["next"])}</a>'
        body = f"<h4>{esc(words['news'])}</h4>" + "".join(self.card(p) for p in shown) + f'<nav class="pages">{nav}</nav>'
        return Response.html(self.shell(f"{words['news']} | {self.config.title}", body))

    def article(self, query: dict[str, str], slug: str) -> Response:
        """An article page with the posting date in numbers."""
        post = self.by_path.get(f"/articles/{slug}")
        if post is None:
            return self.not_found()
        words = vocab()["regency"]
        tags = " ".join(f'<span class="badge">{esc(t)}</span>' for t in post.tags)
        paragraphs = "".join(f"<p>{esc(p)}</p>" for p in post.paragraphs)
        body = f"""<nav class="breadcrumb"><a href="{esc(self.url('/'))}">{esc(words['menu'][0])}</a> / <a href="{esc(self.listing_href(1))}">{esc(words['news'])}</a></nav>
<article><h2 class="post-title">{esc(post.title)}</h2>
<div class="post-meta"><span class="post-date">{esc(self.posted(post))}</span> <span class="post-author">{esc(words['by'])} {esc(post.author)}</span></div>
<figure><img src="/storage/articles/{esc(post.slug)}.jpg" alt=""><figcaption>{esc(post.caption)}</figcaption></figure>
<div class="post-body">{paragraphs}</div>
<div class="post-tags">{tags}</div>
<div class="share">{esc(words['share'])}</div></article>"""
        return self.post_page(post, self.shell(f"{post.title} | {self.config.title}", body))

    def feed(self, query: dict[str, str]) -> Response:
        """Atom feed of the ten newest articles."""
        entries = "".join(
            f"""<entry><title>{esc(p.title)}</title><link rel="alternate" href="{esc(self.url(self.path_of(p)))}"/>
<id>{esc(self.url(self.path_of(p)))}</id><published>{p.published}</published><updated>{modified_of(p).isoformat()}</updated>
<author><name>{esc(p.author)}</name></author><summary>{esc(p.paragraphs[0] if p.paragraphs else '')}</summary></entry>
"""
            for p in self.posts[:10]
        )
        updated = modified_of(self.posts[0]).isoformat() if self.posts else "2024-01-01T00:00:00+07:00"
        xml = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{esc(self.config.title)}</title>
<link rel="self" href="{esc(self.url('/feed.atom'))}"/><link rel="alternate" href="{esc(self.url('/'))}"/>
<id>{esc(self.url('/'))}</id><updated>{updated}</updated>
{entries}</feed>
"""
        return Response.xml(xml, "application/atom+xml")

    def static(self, query: dict[str, str], name: str) -> Response:
        """Profile pages (not articles)."""
        text = vocab()["regency"]["profile_text"]
        return Response.html(self.shell(f"{name} | {self.config.title}", f"<h4>{esc(name)}</h4><p>{esc(text)}</p>"))
