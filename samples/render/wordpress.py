"""A WordPress news outlet with a JNews-like theme: bare-slug permalinks, feed, core sitemaps, REST API."""

from __future__ import annotations

import json
import math
import re
from datetime import datetime
from typing import Any

from samples.content import Post, vocab
from samples.render.common import (
    Response,
    clock,
    esc,
    indo_date,
    modified_of,
    page_numbers,
    paragraphs_html,
    rfc822,
    sitemap_index,
    urlset,
    utc_iso,
)
from samples.site import Route, Site, int_arg

SITEMAP_SIZE = 2000  # WordPress core puts at most 2,000 URLs in one sitemap file
RELATED_POSTS = 6  # a theme's related-posts block shows a handful, not the whole category


def slugify(text: str) -> str:
    """WordPress-like slug of a name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class WordPressSite(Site):
    """Routes and templates of the WordPress outlet."""

    def path_of(self, post: Post) -> str:
        """Bare slug permalink, no date in the URL."""
        return f"/{post.slug}/"

    def routes(self) -> list[Route]:
        """The WordPress URL space."""
        return [
            (re.compile(r"/"), self.home),
            (re.compile(r"/page/(\d+)/?"), self.home),
            (re.compile(r"/feed/?"), self.feed),
            (re.compile(r"/wp-sitemap\.xml"), self.sitemap_index),
            (re.compile(r"/wp-sitemap-posts-post-(\d+)\.xml"), self.sitemap_posts),
            (re.compile(r"/wp-sitemap-taxonomies-category-1\.xml"), self.sitemap_categories),
            (re.compile(r"/wp-json/?"), self.api_root),
            (re.compile(r"/wp-json/wp/v2/posts/?"), self.api_posts),
            (re.compile(r"/category/([a-z0-9-]+)/?(?:page/(\d+)/?)?"), self.category),
            (re.compile(r"/tag/([a-z0-9-]+)/?(?:page/(\d+)/?)?"), self.tag),
            (re.compile(r"/author/([a-z0-9-]+)/?(?:page/(\d+)/?)?"), self.author),
            (re.compile(r"/([a-z0-9-]+)(/?)"), self.article),
        ]

    def robots(self) -> str:
        """WordPress robots.txt with the core sitemap."""
        lines = ["User-agent: *", "Disallow: /wp-admin/", "Allow: /wp-admin/admin-ajax.php"]
        lines += [f"Disallow: {p}" for p in self.disallow]
        return "\n".join([*lines, "", f"Sitemap: {self.url('/wp-sitemap.xml')}"]) + "\n"

    # ---- page shell -------------------------------------------------------------------------
    def shell(self, title: str, body: str, head: str = "") -> str:
        """The theme around every page: header, menu, cookie banner, sidebar, footer."""
        cfg, words = self.config, vocab()["wordpress"]
        menu = "".join(
            f'<li><a href="{esc(self.url("/" if i == 0 else "/category/" + slugify(m) + "/"))}">{esc(m)}</a></li>'
            for i, m in enumerate(words["menu"])
        )
        popular = "".join(
            f'<li><a href="{esc(self.url(self.path_of(p)))}">{esc(p.title)}</a></li>' for p in self.posts[3:8]
        )
        picks = "".join(f'<li><a href="{esc(self.url(path))}">{esc(text)}</a></li>' for path, text in self.fault_links)
        picks_block = f'<div class="widget jeg_pilihan"><h3>{esc(words["picks"])}</h3><ul>{picks}</ul></div>' if picks else ""
        return f"""<!DOCTYPE html>
<html lang="id-ID">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="alternate" type="application/rss+xml" title="{esc(cfg.title)} &raquo; Feed" href="{esc(self.url('/feed/'))}">
<link rel="https://api.w.org/" href="{esc(self.url('/wp-json/'))}">
<meta name="generator" content="WordPress 6.4.3">
{head}
<style>.jeg_header{{background:{cfg.colour}}}</style>
</head>
<body class="wp-theme-jnews jnews">
<div class="jeg_ad jeg_ad_top"><span class="close_ads">{esc(words['close_ads'])}</span><img src="/wp-content/uploads/iklan-728x90.gif" alt="iklan"></div>
<header class="jeg_header"><div class="jeg_logo"><a href="{esc(self.url('/'))}">{esc(cfg.title)}</a><span>{esc(cfg.tagline)}</span></div>
<nav class="jeg_menu"><ul>{menu}</ul></nav>
<form class="jeg_search_form" action="{esc(self.url('/'))}" method="get"><input name="s" placeholder="{esc(words['search_label'])}"></form>
</header>
<div class="jeg_main"><div class="jeg_content">{body}</div>
<aside class="jeg_sidebar"><div class="widget"><h3>{esc(words['popular'])}</h3><ul>{popular}</ul></div>{picks_block}</aside></div>
<div id="cookie-notice" class="cookie-notice"><p>{esc(words['cookie'])}</p><a class="cn-button">{esc(words['cookie_ok'])}</a></div>
<footer class="jeg_footer"><p>{esc(words['footer'])}</p><p>&copy; {esc(cfg.title)}. All Rights Reserved.</p></footer>
</body>
</html>
"""

    def teaser(self, post: Post) -> str:
        """A post in a listing."""
        first = post.paragraphs[0] if post.paragraphs else ""
        excerpt = first if len(first) < 160 else first[:157].rsplit(" ", 1)[0] + " […]"
        return (
            f'<article class="jeg_post"><h3 class="jeg_post_title"><a href="{esc(self.url(self.path_of(post)))}">'
            f"{esc(post.title)}</a></h3><div class=\"jeg_meta_date\">{esc(indo_date(post.published_at, False))}</div>"
            f'<div class="jeg_post_excerpt"><p>{esc(excerpt)}</p></div></article>'
        )

    def listing(self, heading: str, items: list[Post], page: int, base: str, query: str = "") -> Response:
        """A paginated archive: home, category, tag, author or search."""
        shown, total = self.pages_of(items, page)
        if page > total:
            return self.not_found()

        def href(n: int) -> str:
            return self.url(base if n == 1 else f"{base}page/{n}/") + query

        nav = page_numbers(page, total, href)
        if page < total:
            nav += f' <a class="next page-numbers" href="{esc(href(page + 1))}">{esc(vocab()["wordpress"]["older"])}</a>'
        if page > 1:
            nav = f'<a class="prev page-numbers" href="{esc(href(page - 1))}">{esc(vocab()["wordpress"]["newer"])}</a> ' + nav
        body = f'<h1 class="jeg_archive_title">{esc(heading)}</h1>' + "".join(self.teaser(p) for p in shown)
        if not shown:
            body += f"<p>{esc(vocab()['wordpress']['no_result'])}</p>"
        body += f'<div class="jeg_navigation jeg_pagination">{nav}</div>'
        title = heading if page == 1 else f"{heading} – {vocab()['wordpress']['page']} {page}"
        return Response.html(self.shell(f"{title} – {self.config.title}", body))

    # ---- archives ---------------------------------------------------------------------------
    def home(self, query: dict[str, str], page: str | None = None) -> Response:
        """Latest posts, or search results when `s` is given."""
        number = int_arg(page)
        if number is None:
            return self.not_found()
        if query.get("p", "").isdigit():  # the shortlink WordPress puts in <guid>
            post = next((p for p in self.posts if self.post_id(p) == int(query["p"])), None)
            return redirect(self.url(self.path_of(post))) if post else self.not_found()
        if "s" in query:
            words = query["s"].lower().split()
            hits = [p for p in self.posts if all(w in (p.title + " " + p.text).lower() for w in words)]
            heading = f"{vocab()['wordpress']['search_result']} \u201c{query['s']}\u201d"
            return self.listing(heading, hits, number, "/", f"?s={query['s']}")
        return self.listing(self.config.title, self.posts, number, "/")

    def category(self, query: dict[str, str], slug: str, page: str | None = None) -> Response:
        """Category archive."""
        items = [p for p in self.posts if slugify(p.category) == slug]
        names = {slugify(c): c for c in self.config.extra.get("categories", [])}
        if not items and slug not in names:
            return self.not_found()
        return self.listing(names.get(slug, slug), items, int_arg(page) or 1, f"/category/{slug}/")

    def tag(self, query: dict[str, str], slug: str, page: str | None = None) -> Response:
        """Tag archive."""
        items = [p for p in self.posts if slug in {slugify(t) for t in p.tags}]
        if not items:
            return self.not_found()
        name = next(t for t in items[0].tags if slugify(t) == slug)
        return self.listing(name, items, int_arg(page) or 1, f"/tag/{slug}/")

    def author(self, query: dict[str, str], slug: str, page: str | None = None) -> Response:
        """Author archive."""
        items = [p for p in self.posts if slugify(p.author) == slug]
        if not items:
            return self.not_found()
        return self.listing(items[0].author, items, int_arg(page) or 1, f"/author/{slug}/")

    # ---- article ----------------------------------------------------------------------------
    def article(self, query: dict[str, str], slug: str, slash: str = "/") -> Response:
        """A single post page; WordPress redirects the permalink without its trailing slash."""
        post = self.by_path.get(f"/{slug}/")
        if post is None:
            return self.not_found()
        if not slash:
            return redirect(self.url(self.path_of(post)))
        return self.post_page(post, self.article_html(post))

    def article_html(self, post: Post, body_html: str | None = None) -> str:
        """The full single-post page."""
        cfg, words = self.config, vocab()["wordpress"]
        link, when = self.url(self.path_of(post)), post.published_at
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": post.title,
            "datePublished": post.published,
            "dateModified": modified_of(post).isoformat(),
            "author": {"@type": "Person", "name": post.author},
            "publisher": {"@type": "Organization", "name": cfg.title},
            "mainEntityOfPage": link,
        }
        head = f"""<link rel="canonical" href="{esc(link)}">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(post.title)}">
<meta property="og:url" content="{esc(link)}">
<meta property="og:site_name" content="{esc(cfg.title)}">
<meta property="article:published_time" content="{esc(post.published)}">
<meta property="article:modified_time" content="{esc(modified_of(post).isoformat())}">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>"""
        views = words["views"].format(total=120 + post.published_at.day * 17, today=post.published_at.month % 5 + 1)
        share = "".join(f'<a class="jeg_share_button" href="#">{esc(s)}</a>' for s in words["share"])
        related = "".join(
            f'<li><a href="{esc(self.url(self.path_of(p)))}">{esc(p.title)}</a></li>' for p in self.related(post)
        )
        tags = "".join(f'<a href="{esc(self.url("/tag/" + slugify(t) + "/"))}" rel="tag">{esc(t)}</a>' for t in post.tags)
        fields = "".join(f"<p><label>{esc(f)}</label><input></p>" for f in words["comment_fields"])
        content = body_html if body_html is not None else paragraphs_html(post.paragraphs)
        body = f"""<div class="jeg_breadcrumbs"><a href="{esc(self.url('/'))}">{esc(words['home'])}</a> › <a href="{esc(self.url('/category/' + slugify(post.category) + '/'))}">{esc(post.category)}</a></div>
<article class="post type-post status-publish">
<h1 class="jeg_post_title">{esc(post.title)}</h1>
<div class="jeg_meta_container"><div class="jeg_post_meta">{esc(cfg.extra.get('brand', cfg.title))} - <time datetime="{esc(post.published)}">{esc(indo_date(when, False))} - {esc(clock(when))}</time>
<span class="jeg_meta_author">{esc(words['by'])} <a href="{esc(self.url('/author/' + slugify(post.author) + '/'))}">{esc(post.author)}</a></span>
<span class="jeg_meta_views">{esc(views)}</span></div></div>
<div class="jeg_share_top">{share}</div>
<div class="jeg_ad jeg_ad_article"><span class="close_ads">{esc(words['close_ads'])}</span></div>
<div class="content-inner entry-content">
{content}
<p><strong>{esc(cfg.extra.get('telegram', ''))}</strong></p>
</div>
<div class="jeg_post_tags"><span>{esc(words['tags'])}</span> {tags}</div>
<div class="jeg_share_bottom">{share}</div>
</article>
<div class="jnews_related_post_container"><h3>{esc(words['related'])}</h3><ul>{related}</ul></div>
<div class="jnews_comment_container"><h3>{esc(words['discussion'])}</h3>
<div id="respond"><h3 id="reply-title">{esc(words['comment_title'])}</h3><p>{esc(words['comment_note'])}</p>
<form id="commentform">{fields}<button>{esc(words['comment_submit'])}</button></form></div></div>"""
        return self.shell(f"{post.title} – {cfg.title}", body, head)

    def related(self, post: Post) -> list[Post]:
        """The few posts of the same category next to this one, as a JNews related-posts block shows."""
        same = [p for p in self.posts if p.category == post.category]
        at = next((i for i, p in enumerate(same) if p is post), 0)
        return [p for p in same[max(0, at - RELATED_POSTS // 2): at + RELATED_POSTS // 2 + 1] if p is not post]

    # ---- feed and sitemaps ------------------------------------------------------------------
    def feed(self, query: dict[str, str]) -> Response:
        """RSS 2.0 of the ten newest posts."""
        items = "".join(
            f"""<item><title>{esc(p.title)}</title><link>{esc(self.url(self.path_of(p)))}</link>
<dc:creator><![CDATA[{p.author}]]></dc:creator><pubDate>{rfc822(p.published_at)}</pubDate>
<category><![CDATA[{p.category}]]></category><guid isPermaLink="false">{esc(self.url('/?p=' + str(self.post_id(p))))}</guid>
<description><![CDATA[{p.paragraphs[0] if p.paragraphs else ''}]]></description>
<content:encoded><![CDATA[{paragraphs_html(p.paragraphs)}]]></content:encoded></item>
"""
            for p in self.posts[:10]
        )
        last = rfc822(self.posts[0].published_at) if self.posts else ""
        xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>{esc(self.config.title)}</title><atom:link href="{esc(self.url('/feed/'))}" rel="self" type="application/rss+xml"/>
<link>{esc(self.url('/'))}</link><description>{esc(self.config.tagline)}</description><lastBuildDate>{last}</lastBuildDate>
<language>id-ID</language>
{items}</channel></rss>
"""
        return Response.xml(xml, "application/rss+xml")

    def sitemap_index(self, query: dict[str, str]) -> Response:
        """Core sitemap index."""
        files = max(1, math.ceil(len(self.posts) / SITEMAP_SIZE))
        locs = [(self.url(f"/wp-sitemap-posts-post-{n}.xml"), None) for n in range(1, files + 1)]
        locs.append((self.url("/wp-sitemap-taxonomies-category-1.xml"), None))
        return Response.xml(sitemap_index(locs))

    def sitemap_posts(self, query: dict[str, str], number: str) -> Response:
        """One posts sitemap, oldest first as WordPress lists them."""
        oldest_first = list(reversed(self.posts))
        shown, total = self.pages_of(oldest_first, int(number), SITEMAP_SIZE)
        if int(number) > total or int(number) < 1:
            return self.not_found()
        entries = [(self.url(self.path_of(p)), modified_of(p).isoformat()) for p in shown]
        if int(number) == total:
            entries += [(self.url(path), None) for path, _ in self.fault_links]
        return Response.xml(urlset(entries))

    def sitemap_categories(self, query: dict[str, str]) -> Response:
        """Category archive sitemap."""
        cats = self.config.extra.get("categories", [])
        return Response.xml(urlset((self.url(f"/category/{slugify(c)}/"), None) for c in cats))

    # ---- REST API ---------------------------------------------------------------------------
    def api_root(self, query: dict[str, str]) -> Response:
        """The REST API index."""
        if query.get("rest_route", "").strip("/") == "wp/v2/posts":
            return self.api_posts(query)
        data = {"name": self.config.title, "url": self.url("/"), "namespaces": ["oembed/1.0", "wp/v2"],
                "routes": {"/wp/v2/posts": {"namespace": "wp/v2", "methods": ["GET"]}}}
        return json_response(data)

    def api_post(self, post: Post) -> dict[str, Any]:
        """One post in the REST API shape."""
        published, modified = post.published_at, modified_of(post)
        return {
            "id": self.post_id(post),
            "date": published.replace(tzinfo=None).isoformat(timespec="seconds"),
            "date_gmt": utc_iso(published),
            "modified": modified.replace(tzinfo=None).isoformat(timespec="seconds"),
            "modified_gmt": utc_iso(modified),
            "slug": post.slug,
            "status": "publish",
            "type": "post",
            "link": self.url(self.path_of(post)),
            "title": {"rendered": esc(post.title)},
            "content": {"rendered": paragraphs_html(post.paragraphs), "protected": False},
            "excerpt": {"rendered": f"<p>{esc(post.paragraphs[0][:150]) if post.paragraphs else ''}</p>",
                        "protected": False},
            "author": 1 + sorted({p.author for p in self.posts}).index(post.author),
            "categories": [1 + self.config.extra.get("categories", []).index(post.category)]
            if post.category in self.config.extra.get("categories", []) else [1],
            "tags": [],
        }

    def api_posts(self, query: dict[str, str]) -> Response:
        """GET /wp/v2/posts with page, per_page, after, modified_after and _fields."""
        page, per_page = int_arg(query.get("page")), int_arg(query.get("per_page"), 10)
        if page is None or per_page is None or per_page > 100:
            return api_error("rest_invalid_param", "Invalid parameter(s): page, per_page", 400)
        items = self.posts
        for key, when in (("after", published_of), ("modified_after", modified_of)):
            if key in query:
                since = parse_api_time(query[key])
                if since is None:
                    return api_error("rest_invalid_param", f"Invalid parameter(s): {key}", 400)
                items = [p for p in items if when(p) > since]
        total = len(items)
        pages = math.ceil(total / per_page)
        if page > max(pages, 1):
            return api_error("rest_post_invalid_page_number",
                             "The page number requested is larger than the number of pages available.", 400)
        shown = items[(page - 1) * per_page : page * per_page]
        fields = [f for f in query.get("_fields", "").split(",") if f]
        data = [pick_fields(self.api_post(p), fields) for p in shown]
        response = json_response(data)
        response.headers.update({"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)})
        links = []
        base = self.url("/wp-json/wp/v2/posts")
        if page < pages:
            links.append(f'<{base}?page={page + 1}&per_page={per_page}>; rel="next"')
        if page > 1:
            links.append(f'<{base}?page={page - 1}&per_page={per_page}>; rel="prev"')
        if links:
            response.headers["Link"] = ", ".join(links)
        return response


def published_of(post: Post) -> datetime:
    """Publication time of a post."""
    return post.published_at


def parse_api_time(value: str) -> datetime | None:
    """An ISO 8601 `after` argument; naive values are read in the site's time zone (UTC+7)."""
    text = value.strip().replace("Z", "+00:00")
    if "T" in text:
        text = text.replace(" ", "+")  # an unescaped '+' of the offset arrives as a space
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    return dt if dt.tzinfo else datetime.fromisoformat(dt.isoformat() + "+07:00")


def pick_fields(data: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    """Apply `_fields`, with dotted names for nested keys (`title.rendered`)."""
    if not fields:
        return data
    out: dict[str, Any] = {}
    for name in fields:
        head, _, rest = name.partition(".")
        if head not in data:
            continue
        if rest and isinstance(data[head], dict):
            if rest in data[head]:
                out.setdefault(head, {})[rest] = data[head][rest]
        else:
            out[head] = data[head]
    return out


def redirect(location: str) -> Response:
    """A permanent redirect."""
    return Response(301, b"", {"Location": location, "Content-Type": "text/html; charset=UTF-8"})


def json_response(data: Any, status: int = 200) -> Response:
    """A JSON body as WordPress sends it."""
    return Response(status, json.dumps(data, ensure_ascii=False).encode("utf-8"),
                    {"Content-Type": "application/json; charset=UTF-8"})


def api_error(code: str, message: str, status: int) -> Response:
    """A REST API error object."""
    return json_response({"code": code, "message": message, "data": {"status": status}}, status)
