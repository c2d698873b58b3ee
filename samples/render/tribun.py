"""A regional daily of a news network: dated URLs, multi-page articles, AMP copies, news sitemap."""

from __future__ import annotations

import re
import zlib

from samples.content import Post, vocab
from samples.render.common import Response, clock, esc, indo_date, modified_of, page_numbers, sitemap_index, urlset
from samples.site import Route, Site, int_arg

NEWS_SITEMAP_SIZE = 1000  # Google News sitemaps hold at most 1,000 URLs
TRACKING = "?utm_source=terkini&utm_medium=internal&utm_campaign=baca_juga"


class TribunSite(Site):
    """Routes and templates of the regional daily."""

    def path_of(self, post: Post) -> str:
        """/<yyyy>/<mm>/<dd>/<slug>."""
        return f"/{post.published_at:%Y/%m/%d}/{post.slug}"

    def routes(self) -> list[Route]:
        """The daily's URL space."""
        return [
            (re.compile(r"/"), self.home),
            (re.compile(r"/indeks/?"), self.index),
            (re.compile(r"/sitemap\.xml"), self.sitemap_index),
            (re.compile(r"/sitemap_news\.xml"), self.news_sitemap),
            (re.compile(r"/sitemap-article-(\d+)\.xml"), self.article_sitemap),
            (re.compile(r"/(\d{4})/(\d{2})/(\d{2})/([a-z0-9-]+)"), self.article),
            (re.compile(r"/amp/(\d{4})/(\d{2})/(\d{2})/([a-z0-9-]+)"), self.amp),
        ]

    def robots(self) -> str:
        """robots.txt naming the news sitemap and the sitemap index."""
        lines = ["User-agent: *", "Disallow: /search", "Disallow: /api/", *(f"Disallow: {p}" for p in self.disallow)]
        return "\n".join([*lines, "", f"Sitemap: {self.url('/sitemap_news.xml')}", f"Sitemap: {self.url('/sitemap.xml')}"]) + "\n"

    def link(self, post: Post, tracked: bool = False) -> str:
        """Link to a post, with tracking parameters on some internal links."""
        return self.url(self.path_of(post)) + (TRACKING if tracked else "")

    def chunks(self, post: Post) -> list[list[str]]:
        """The article's paragraphs split over its pages."""
        count = max(1, min(post.pages, len(post.paragraphs)))
        size = -(-len(post.paragraphs) // count)
        return [list(post.paragraphs[i : i + size]) for i in range(0, len(post.paragraphs), size)]

    def shell(self, title: str, body: str, head: str = "") -> str:
        """Network page frame, repeated on every page of an article."""
        cfg, words = self.config, vocab()["tribun"]
        menu = "".join(f'<li><a href="{esc(self.url("/" if m == "Home" else "/indeks"))}">{esc(m)}</a></li>' for m in words["menu"])
        popular = "".join(f'<li><a href="{esc(self.link(p, i % 2 == 0))}">{esc(p.title)}</a></li>' for i, p in enumerate(self.posts[2:7]))
        extra = "".join(f'<li><a href="{esc(self.url(path))}">{esc(text)}</a></li>' for path, text in self.fault_links)
        year = self.posts[0].published_at.year if self.posts else 2024
        return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{esc(title)}</title>
{head}
<style>.hdr{{background:{cfg.colour}}}</style>
</head>
<body>
<div class="hdr"><a class="logo" href="{esc(self.url('/'))}">{esc(cfg.title)}</a><span>{esc(cfg.tagline)}</span></div>
<ul class="menu">{menu}</ul>
<div class="main"><div class="left">{body}</div>
<div class="right"><h3>{esc(words['popular'])}</h3><ol>{popular}{extra}</ol></div></div>
<div class="footer"><p>{esc(words['footer_links'])}</p><p>&copy; {year} {esc(cfg.extra.get('copyright', cfg.title))}. All Right Reserved</p></div>
</body>
</html>
"""

    def home(self, query: dict[str, str]) -> Response:
        """Front page of the latest news."""
        words = vocab()["tribun"]
        items = "".join(
            f'<li><h3><a href="{esc(self.link(p, i % 3 == 1))}">{esc(p.title)}</a></h3><time>{esc(indo_date(p.published_at))}</time></li>'
            for i, p in enumerate(self.posts[:10])
        )
        body = f'<h2>{esc(words["latest"])}</h2><ul class="lsi">{items}</ul><a href="{esc(self.url("/indeks?page=2"))}">{esc(words["index_title"])}</a>'
        return Response.html(self.shell(f"{self.config.title} - {self.config.tagline}", body))

    def index(self, query: dict[str, str]) -> Response:
        """Paginated news index."""
        page = int_arg(query.get("page"))
        shown, total = self.pages_of(self.posts, page or 1)
        if page is None or page > total:
            return self.not_found()

        def href(n: int) -> str:
            return self.url(f"/indeks?page={n}")

        items = "".join(
            f'<li><h3><a href="{esc(self.link(p))}">{esc(p.title)}</a></h3><time>{esc(indo_date(p.published_at))}</time></li>'
            for p in shown
        )
        nav = page_numbers(page, total, href)
        if page < total:
            nav += f' <a class="next" href="{esc(href(page + 1))}">Next</a>'
        body = f'<h2>{esc(vocab()["tribun"]["index_title"])}</h2><ul class="lsi">{items}</ul><div class="paging">{nav}</div>'
        return Response.html(self.shell(f"{vocab()['tribun']['index_title']} - {self.config.title}", body))

    def find(self, year: str, month: str, day: str, slug: str) -> Post | None:
        """The post at a dated path."""
        return self.by_path.get(f"/{year}/{month}/{day}/{slug}")

    def read_also(self, post: Post, n: int) -> str:
        """An inline 'Baca juga' paragraph pointing at another article."""
        others = [p for p in self.posts if p is not post]
        if not others:
            return ""
        other = others[(zlib.crc32(post.slug.encode()) + n) % len(others)]
        return f'<p class="baca-juga"><strong>{esc(vocab()["tribun"]["read_also"])} <a href="{esc(self.link(other, n % 2 == 0))}">{esc(other.title)}</a></strong></p>'

    def article(self, query: dict[str, str], year: str, month: str, day: str, slug: str) -> Response:
        """One page of an article (?page=N, or ?page=all)."""
        post = self.find(year, month, day, slug)
        if post is None:
            return self.not_found()
        chunks = self.chunks(post)
        if query.get("page") == "all":
            return self.post_page(post, self.article_html(post, [p for c in chunks for p in c], 0, len(chunks)))
        page = int_arg(query.get("page"))
        if page is None or page > len(chunks):
            return self.not_found()
        return self.post_page(post, self.article_html(post, chunks[page - 1], page, len(chunks)))

    def article_html(self, post: Post, paragraphs: list[str], page: int, pages: int) -> str:
        """Article page `page` of `pages` (0 for the single-page view)."""
        words, cfg = vocab()["tribun"], self.config
        main = self.url(self.path_of(post))
        here = main if page <= 1 else f"{main}?page={page}"
        when = post.published_at
        head = f"""<link rel="canonical" href="{esc(here)}">
<link rel="amphtml" href="{esc(self.url('/amp' + self.path_of(post)))}">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(post.title)}">
<meta property="og:url" content="{esc(main)}">
<meta property="article:published_time" content="{esc(post.published)}">
<meta property="article:modified_time" content="{esc(modified_of(post).isoformat())}">
<meta name="author" content="{esc(post.author)}">
<meta name="keywords" content="{esc(', '.join(post.tags))}">"""
        body_parts = []
        for i, text in enumerate(paragraphs):
            body_parts.append(f"<p>{esc(text)}</p>")
            if i % 3 == 2 and i < len(paragraphs) - 1:
                body_parts.append(self.read_also(post, i))
        last = page in (0, pages)
        caption = post.caption or post.title
        if last:
            body_parts.append(f"<p><em>{esc(caption)}</em></p>")  # the photo caption comes back in the body
            body_parts.append(f"<p><strong>{esc(cfg.extra.get('source_line', ''))}</strong></p>")
        paging = ""
        if pages > 1 and page:
            numbers = " ".join(
                f"<span class=\"active\">{n}</span>" if n == page
                else f'<a href="{esc(main if n == 1 else f"{main}?page={n}")}">{n}</a>' for n in range(1, pages + 1)
            )
            nxt = f'<a class="next" href="{esc(main)}?page={page + 1}">{esc(words["next_page"])}</a>' if page < pages else ""
            paging = (f'<div class="paging">{esc(words["page_label"])}: {numbers} {nxt} '
                      f'<a href="{esc(main)}?page=all">{esc(words["all_pages"])}</a></div>')
        tags = "".join(f"<a href=\"{esc(self.url('/tag/' + re.sub(r'[^a-z0-9]+', '-', t.lower())))}\">{esc(t)}</a> " for t in post.tags)
        byline = words["author_line"].format(author=post.author, editor=post.editor or "redaksi")
        body = f"""<div class="breadcrumb"><a href="{esc(self.url('/'))}">Home</a> › <a href="{esc(self.url('/indeks'))}">{esc(post.category)}</a></div>
<h1 id="arttitle">{esc(post.title)}</h1>
<div class="credit">{esc(byline)}</div>
<time class="grey">{esc(indo_date(when))} {esc(clock(when))}</time>
<div class="artimg"><img src="/foto/{esc(post.slug)}.jpg" alt="{esc(post.title)}"><div class="caption">{esc(caption)}</div></div>
<div class="side-article txt-article">
{''.join(body_parts)}
</div>
{paging}
<div class="tagcloud"><b>{esc(words['tags_label'])}:</b> {tags}</div>"""
        suffix = f" - {words['page_label']} {page}" if page > 1 else ""
        return self.shell(f"{post.title}{suffix} - {cfg.title}", body, head)

    def amp(self, query: dict[str, str], year: str, month: str, day: str, slug: str) -> Response:
        """The AMP copy: whole article on one page, canonical to the main URL."""
        post = self.find(year, month, day, slug)
        if post is None:
            return self.not_found()
        main = self.url(self.path_of(post))
        text = "".join(f"<p>{esc(p)}</p>" for p in post.paragraphs)
        html = f"""<!doctype html>
<html amp lang="id"><head><meta charset="utf-8"><title>{esc(post.title)} - {esc(self.config.title)}</title>
<link rel="canonical" href="{esc(main)}"><meta name="viewport" content="width=device-width">
<meta property="article:published_time" content="{esc(post.published)}">
<script async src="https://cdn.ampproject.org/v0.js"></script><style amp-boilerplate>body{{visibility:hidden}}</style></head>
<body><header><a href="{esc(self.url('/'))}">{esc(self.config.title)}</a></header>
<article><h1>{esc(post.title)}</h1><div class="credit">{esc(vocab()['tribun']['author_line'].format(author=post.author, editor=post.editor or 'redaksi'))}</div>
<time>{esc(indo_date(post.published_at))}</time>{text}</article></body></html>
"""
        return self.post_page(post, html)

    def sitemap_index(self, query: dict[str, str]) -> Response:
        """Sitemap index pointing at the news sitemap and the article sitemaps."""
        files = max(1, -(-len(self.posts) // 5000))
        locs = [(self.url("/sitemap_news.xml"), None)]
        locs += [(self.url(f"/sitemap-article-{n}.xml"), None) for n in range(1, files + 1)]
        return Response.xml(sitemap_index(locs))

    def article_sitemap(self, query: dict[str, str], number: str) -> Response:
        """All articles with lastmod."""
        shown, total = self.pages_of(self.posts, int(number), 5000)
        if not 1 <= int(number) <= total:
            return self.not_found()
        return Response.xml(urlset((self.link(p), modified_of(p).isoformat()) for p in shown))

    def news_sitemap(self, query: dict[str, str]) -> Response:
        """Google News sitemap of the newest articles."""
        rows = "".join(
            f"""<url><loc>{esc(self.link(p))}</loc><news:news><news:publication><news:name>{esc(self.config.title)}</news:name>
<news:language>id</news:language></news:publication><news:publication_date>{esc(p.published)}</news:publication_date>
<news:title>{esc(p.title)}</news:title></news:news></url>
"""
            for p in self.posts[:NEWS_SITEMAP_SIZE]
        )
        rows += "".join(f"<url><loc>{esc(self.url(path))}</loc></url>\n" for path, _ in self.fault_links)
        xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
               f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n{rows}</urlset>\n')
        return Response.xml(xml)
