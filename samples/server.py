"""Serve the bundled sample sites on 127.0.0.1, one port per site: `python -m samples.server`."""

from __future__ import annotations

import argparse
import hashlib
import sys
import threading
import time
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from samples import faults as fault_data
from samples.content import SiteConfig, site_configs, site_posts, vocab
from samples.generate import extra_posts, generated_post
from samples.render.common import Response
from samples.render.govcms import GovSite
from samples.render.regency import RegencySite
from samples.render.tribun import TribunSite
from samples.render.wordpress import WordPressSite
from samples.site import Site

KINDS: dict[str, type[Site]] = {"wordpress": WordPressSite, "govcms": GovSite, "tribun": TribunSite,
                                "regency": RegencySite}
WP_SITE = "warta-pesisir"
EMPTY_SITE_START = "2024-01-01T08:00:00+07:00"  # first date of articles added to a site with none


def build_site(config: SiteConfig) -> Site:
    """A site of the config's kind with its written posts."""
    return KINDS[config.kind](config, list(site_posts(config.name)))


class QuietServer(ThreadingHTTPServer):
    """A threading server that takes a client hanging up (timeouts, kills) in its stride."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SampleSites:
    """The sample sites served in background threads; use as a context manager."""

    def __init__(self, *, host: str = "127.0.0.1", base_port: int = 0, faults: bool = False,
                 extra_articles: int = 0, delay: float = 0.0) -> None:
        self.host, self.base_port, self.faults, self.delay = host, base_port, faults, delay
        self.sites: dict[str, Site] = {cfg.name: build_site(cfg) for cfg in site_configs()}
        self.base_urls: dict[str, str] = {}
        self.requests: list[tuple[str, str]] = []
        self._servers: list[ThreadingHTTPServer] = []
        self._lock = threading.Lock()
        self._gone = threading.Event()
        self._failed_once: set[tuple[str, str]] = set()
        self._added: dict[str, int] = {}
        if extra_articles:
            self.sites[WP_SITE].add(extra_posts(WP_SITE, extra_articles))
        if faults:
            site = self.sites[fault_data.FAULT_SITE]
            site.add(fault_data.fault_posts())
            label = vocab()["faults"]["link_text"]
            site.fault_links = [(path, f"{label} {i + 1}") for i, path in enumerate(fault_data.FAULTS)]
            site.disallow = [fault_data.ROBOTS_DISALLOW]

    def __enter__(self) -> SampleSites:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> SampleSites:
        """Bind one port per site and serve in daemon threads."""
        try:
            for i, (name, site) in enumerate(self.sites.items()):
                port = self.base_port + i if self.base_port else 0
                server = QuietServer((self.host, port), self._handler(name))
                server.daemon_threads = True
                self._servers.append(server)
                self.base_urls[name] = f"http://{self.host}:{server.server_address[1]}/"
                site.base_url = self.base_urls[name]
                threading.Thread(target=server.serve_forever, name=f"sample-{name}", daemon=True).start()
        except OSError:
            self.stop()
            raise
        return self

    def vanish(self) -> None:
        """Make every site disappear at once: open connections are dropped, new ones refused."""
        self._gone.set()
        self.stop()

    def stop(self) -> None:
        """Stop every server and free the ports."""
        for server in self._servers:
            server.shutdown()
            server.server_close()
        self._servers.clear()

    def reset_requests(self) -> None:
        """Forget the recorded requests."""
        with self._lock:
            self.requests.clear()

    def write_sources(self, path: Path) -> Path:
        """Write a sources TOML (CONTRACT.md §2) listing the running sites."""
        if not self.base_urls:
            raise RuntimeError("start the sample sites before writing their sources file")
        blocks = [
            f'[[source]]\nname = "{name}"\nurl = "{self.base_urls[name]}"\nregion = "{site.config.region}"\n'
            for name, site in self.sites.items()
        ]
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(blocks), encoding="utf-8")
        return path

    def add_articles(self, site: str, n: int) -> list[str]:
        """Publish n new generated articles on a site, newer than all it has; return their URLs."""
        if site not in self.sites:
            raise KeyError(f"unknown sample site {site!r}; known: {', '.join(self.sites)}")
        target = self.sites[site]
        with self._lock:
            start = self._added.get(site, 0)
            self._added[site] = start + n
            newest = max((p.published_at for p in target.posts), default=datetime.fromisoformat(EMPTY_SITE_START))
            posts = [generated_post(site, start + i, newest + timedelta(hours=2 * (i + 1)), "baru") for i in range(n)]
            target.add(posts)
        return [target.url(target.path_of(p)) for p in posts]

    # ---- request handling -------------------------------------------------------------------
    def respond(self, name: str, raw_path: str) -> Response:
        """The response for one request to one site (faults first, then the site's routes)."""
        with self._lock:
            self.requests.append((name, raw_path))
        site = self.sites[name]
        path = urlsplit(raw_path).path
        kind = fault_data.FAULTS.get(path) if self.faults and name == fault_data.FAULT_SITE else None
        if kind is None:
            return site.handle(raw_path)
        with self._lock:
            first = (name, path) not in self._failed_once
            self._failed_once.add((name, path))
        normal = site.handle(raw_path)
        page = normal.body.decode("utf-8") if normal.status == 200 else None
        response = fault_data.fault_response(kind, path, first, page) or normal
        if kind == "slow":
            response.delay = fault_data.SLOW_SECONDS
        return response

    def _handler(self, name: str) -> type[BaseHTTPRequestHandler]:
        """A request handler class bound to one site."""
        sites = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            server_version = "SampleSites/1.0"

            def do_GET(self) -> None:
                self._send(head=False)

            def do_HEAD(self) -> None:
                self._send(head=True)

            def _send(self, head: bool) -> None:
                if sites._gone.is_set():  # kept-alive connections die with the site
                    self.close_connection = True
                    self.connection.close()
                    return
                response = sites.respond(name, self.path)
                pause = response.delay + sites.delay
                if pause:
                    time.sleep(pause)
                body = response.body
                etag = '"' + hashlib.md5(body).hexdigest()[:16] + '"' if response.status == 200 and body else None
                if etag and not response.truncate and self._unchanged(etag, response.headers.get("Last-Modified")):
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(response.status)
                for key, value in response.headers.items():
                    self.send_header(key, value)
                if etag:
                    self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                if response.truncate:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                    body = body[: len(body) // 2]
                self.end_headers()
                if not head:
                    try:
                        self.wfile.write(body)
                    except (BrokenPipeError, ConnectionResetError):
                        self.close_connection = True

            def _unchanged(self, etag: str, last_modified: str | None) -> bool:
                """Whether the client's validators show it already holds this response."""
                if "If-None-Match" in self.headers:
                    return self.headers["If-None-Match"] == etag
                since = self.headers.get("If-Modified-Since")
                if not since or not last_modified:
                    return False
                try:
                    return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(since)
                except (TypeError, ValueError):
                    return False

            def log_message(self, format: str, *args: object) -> None:
                """Stay quiet; requests are recorded in SampleSites.requests."""

        return Handler


def main(argv: list[str] | None = None) -> int:
    """Serve until Ctrl-C, printing each site's URL."""
    parser = argparse.ArgumentParser(prog="python -m samples.server", description=__doc__)
    parser.add_argument("--base-port", type=int, default=8101, help="port of the first site (0: any free ports)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--faults", action="store_true", help="link and serve the fault pages")
    parser.add_argument("--extra-articles", type=int, default=0, help="generated articles added to the WordPress site")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds added to every response")
    args = parser.parse_args(argv)
    sites = SampleSites(host=args.host, base_port=args.base_port, faults=args.faults,
                        extra_articles=args.extra_articles, delay=args.delay)
    try:
        sites.start()
    except OSError as exc:
        print(f"cannot serve the sample sites: {exc}", file=sys.stderr)
        return 1
    for name, url in sites.base_urls.items():
        print(f"{name:16} {url}  ({len(sites.sites[name].posts)} articles)")
    print(f"serving since {datetime.now():%H:%M:%S}; Ctrl-C to stop", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        sites.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
