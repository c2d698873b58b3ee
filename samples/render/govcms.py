"""A city-government CMS (portal and agency subdomains): /berita/<slug>.html, no sitemap, no feed."""

from __future__ import annotations

import re
import zlib

from samples.content import Post, vocab
from samples.render.common import Response, esc, indo_date
from samples.site import Route, Site, int_arg


class GovSite(Site):
    """Routes and templates of the government CMS; `listing` picks ?page=N or /berita/index?hal=N."""

    per_page = 6

    def path_of(self, post: Post) -> str:
        """Article path with the .html suffix."""
        return f"/berita/{post.slug}.html"

    def routes(self) -> list[Route]:
        """The CMS URL space."""
        return [
            (re.compile(r"/"), self.home),
            (re.compile(r"/(?:index\.php/?)?berita/?"), self.listing),
            (re.compile(r"/berita/index/?"), self.listing),
            (re.compile(r"/berita/([A-Za-z0-9-]+)\.html"), self.article),
            (re.compile(r"/(profil|kontak)/?"), self.static),
        ]

    def link(self, post: Post) -> str:
        """Link to a post; the CMS writes some of them with a double slash after the host."""
        path = self.path_of(post)
        if zlib.crc32(post.slug.encode()) % 2:
            return self.base_url.rstrip("/") + "/" + path  # the quirk: http://host//berita/...
        return self.url(path)

    def listing_href(self, page: int) -> str:
        """URL of a listing page."""
        if self.config.extra.get("listing") == "hal":
            return self.url(f"/berita/index?hal={page}")
        return self.url("/berita" if page == 1 else f"/berita?page={page}")

    def shell(self, title: str, body: str) -> str:
        """Government portal frame: banner, menu, sidebar of latest news, visitor counter, footer."""
        cfg, words = self.config, vocab()["govcms"]
        menu = "".join(
            f'<li><a href="{esc(self.url(href))}">{esc(m)}</a></li>'
            for m, href in zip(words["menu"], ["/", "/profil", "/berita", "/berita", "/kontak", "/", "/kontak"],
                               strict=True)
        )
        latest = "".join(
            f'<li><a href="{esc(self.link(p))}">{esc(p.title)}</a><br><small>{esc(indo_date(p.published_at))}</small></li>'
            for p in self.posts[:5]
        )
        extra = "".join(f'<li><a href="{esc(self.url(path))}">{esc(text)}</a></li>' for path, text in self.fault_links)
        visitors = words["visitors"].format(today=37, total=158_204)
        year = self.posts[0].published_at.year if self.posts else 2024
        return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{esc(title)}</title>
<meta name="description" content="{esc(cfg.tagline)}">
<style>#banner{{background:{cfg.colour};color:#fff}}</style>
</head>
<body>
<div id="banner"><img src="/assets/img/logo.png" alt="logo"><h2>{esc(cfg.title)}</h2><p>{esc(cfg.tagline)}</p></div>
<div id="navbar"><ul class="nav">{menu}</ul></div>
<div class="container"><div class="row">
<div class="col-md-8" id="konten">{body}</div>
<div class="col-md-4" id="sidebar"><div class="panel"><div class="panel-heading">{esc(words['latest'])}</div><ul>{latest}{extra}</ul></div>
<div class="panel"><div class="panel-heading">{esc(words['agenda'])}</div><p>-</p></div>
<div class="panel counter">{esc(visitors)}</div></div>
</div></div>
<div id="footer"><p>{esc(cfg.brand)}</p><p>{esc(words['address'])}</p><p>{esc(words['footer'].format(year=year, title=cfg.title))}</p></div>
</body>
</html>
"""

    def home(self, query: dict[str, str]) -> Response:
        """Front page: newest items and a link to the news index."""
        words = vocab()["govcms"]
        items = "".join(
            f'<div class="berita-item"><h4><a href="{esc(self.link(p))}">{esc(p.title)}</a></h4>'
            f"<span class=\"tgl\">{esc(indo_date(p.published_at))}</span>"
            f'<p>{esc(p.paragraphs[0][:140]) if p.paragraphs else ""}… <a href="{esc(self.link(p))}">{esc(words["read_more"])}</a></p></div>'
            for p in self.posts[:6]
        )
        body = f'<h3>{esc(words["latest"])}</h3>{items}<p><a href="{esc(self.listing_href(2))}">{esc(words["next"])}</a></p>'
        return Response.html(self.shell(self.config.title, body))

    def listing(self, query: dict[str, str]) -> Response:
        """News index with numbered pages and a 'Selanjutnya »' link."""
        words = vocab()["govcms"]
        page = int_arg(query.get("hal") or query.get("page"))
        shown, total = self.pages_of(self.posts, page or 0) if page else ([], 0)
        if page is None or page > total:
            return self.not_found()
        numbers = " ".join(
            f"<li class=\"active\"><span>{n}</span></li>" if n == page else f'<li><a href="{esc(self.listing_href(n))}">{n}</a></li>'
            for n in range(1, total + 1)
        )
        prev_link = f'<li><a href="{esc(self.listing_href(page - 1))}">{esc(words["prev"])}</a></li>' if page > 1 else ""
        next_link = f'<li><a href="{esc(self.listing_href(page + 1))}">{esc(words["next"])}</a></li>' if page < total else ""
        items = "".join(
            f'<div class="media"><img src="/uploads/thumb/{esc(p.slug)}.jpg" alt=""><div class="media-body">'
            f'<h4><a href="{esc(self.link(p))}">{esc(p.title)}</a></h4><span class="tgl">{esc(indo_date(p.published_at))}</span></div></div>'
            for p in shown
        )
        body = f'<h3>{esc(words["news"])}</h3>{items}<ul class="pagination">{prev_link}{numbers}{next_link}</ul>'
        return Response.html(self.shell(f"{words['news']} - {self.config.title}", body))

    def article(self, query: dict[str, str], slug: str) -> Response:
        """An article: title repeated as the first body line, date in words only, byline at the end."""
        post = self.by_path.get(f"/berita/{slug}.html")
        if post is None:
            return self.not_found()
        return self.post_page(post, self.article_html(post))

    def article_html(self, post: Post) -> str:
        """The article page."""
        words = vocab()["govcms"]
        paragraphs = list(post.paragraphs)
        if len(paragraphs) > 2 and zlib.crc32(post.slug.encode()) % 3 == 0:
            paragraphs.insert(2, paragraphs[1])  # the CMS sometimes saves a paragraph twice
        body_html = "".join(f"<p>{esc(p)}</p>" for p in paragraphs)
        body = f"""<div class="detail-berita">
<h2 class="judul">{esc(post.title)}</h2>
<div class="info"><i class="fa fa-calendar"></i> {esc(indo_date(post.published_at))} &nbsp; <i class="fa fa-user"></i> admin &nbsp; <i class="fa fa-eye"></i> {esc(words['views'].format(count=80 + len(post.slug)))}</div>
<img class="img-responsive" src="/uploads/berita/{esc(post.slug)}.jpg" alt="{esc(post.title)}">
<div class="isi">
<p><strong>{esc(post.title)}</strong></p>
{body_html}
<p>{esc(self.config.extra.get('byline', ''))}</p>
</div>
<div class="share">{esc(words['share'])} <a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a></div>
</div>"""
        return self.shell(f"{post.title} - {self.config.title}", body)

    def static(self, query: dict[str, str], name: str) -> Response:
        """Profile and contact pages (not articles)."""
        words = vocab()["govcms"]
        text = words["profile_text"] if name == "profil" else words["address"]
        return Response.html(self.shell(f"{name.title()} - {self.config.title}", f"<h3>{esc(name.title())}</h3><p>{esc(text)}</p>"))
