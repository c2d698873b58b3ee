"""crawler.sources: loading and checking the sources file."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.sources import SourcesError, load_sources, parse_sources
from tests.conftest import ROOT

GOOD = """
# two sources
[[source]]
name = "warta"
url = "https://warta.example.id/"
region = "Kota Tegal"

[[source]]
name = "dinas"
url = "https://dinas.kota.example.go.id/"
allow = ['/berita/[^/]+\\.html$']
deny = ["/tag/"]
start_urls = ["https://dinas.kota.example.go.id/berita"]
max_pages = 40
"""


def test_good_file_gives_typed_sources(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(GOOD, encoding="utf-8")
    warta, dinas = load_sources(path)
    assert (warta.name, warta.url, warta.region) == ("warta", "https://warta.example.id/", "Kota Tegal")
    assert warta.allow == ()
    assert dinas.allow == ("/berita/[^/]+\\.html$",)
    assert dinas.deny == ("/tag/",)
    assert dinas.start_urls == ("https://dinas.kota.example.go.id/berita",)
    assert dinas.max_pages == 40


def test_project_sources_file_lists_the_five_seed_sites() -> None:
    sources = load_sources(ROOT / "crawler" / "sources.toml")
    hosts = {s.url for s in sources}
    assert hosts == {"https://pelopor.net/", "https://protokol.pekalongankota.go.id/",
                     "https://dpmppa.pekalongankota.go.id/", "https://jateng.tribunnews.com/", "https://dialektis.co/"}


BAD = [
    # (toml text, expected line, words expected in the message)
    ('[[source]]\nname = "a"\n', 1, ["'url' missing"]),
    ('[[source]]\nname = "a"\nurl = "https://a.id/"\n\n[[source]]\nurl = "https://b.id/"\n', 5, ["'name' missing"]),
    ('[[source]]\nname = "a"\nurl = "ftp://a.id/"\n', 3, ["http(s)"]),
    ('[[source]]\nname = "a"\nurl = "a.id"\n', 3, ["http(s)"]),
    ('[[source]]\nname = "a"\nurl = "https://a.id/"\n[[source]]\nname = "a"\nurl = "https://b.id/"\n', 5,
     ["duplicate", "'a'", ":2"]),
    ('[[source]]\nname = "a"\nurl = "https://a.id/"\nalow = ["/x/"]\n', 4, ["unknown key 'alow'"]),
    ('[[source]]\nname = "a"\nurl = "https://a.id/"\nallow = ["(unclosed"]\n', 4, ["regular expression"]),
    ('[[source]]\nname = "a"\nurl = "https://a.id/"\nmax_pages = 0\n', 4, ["positive integer"]),
    ('[[source]]\nname = ""\nurl = "https://a.id/"\n', 2, ["non-empty"]),
    ('[[source]]\nname = "a"\nurl = "https://a.id/"\nstart_urls = ["/relative"]\n', 4, ["start_urls"]),
    ('[[source]]\nname = "a"\nurl = "https://a.id/"\nregion = 5\n', 4, ["region"]),
]


@pytest.mark.parametrize(("text", "line", "words"), BAD)
def test_bad_sources_give_one_line_with_file_and_line(tmp_path: Path, text: str, line: int, words: list[str]) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourcesError) as info:
        load_sources(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}:{line}:")
    for word in words:
        assert word in message


@pytest.mark.parametrize(
    ("text", "words"),
    [("name = 'a'\n", ["no [[source]]"]), ("[[source]\nname=", ["not valid TOML"]), ("", ["no [[source]]"])],
)
def test_unusable_files(text: str, words: list[str]) -> None:
    with pytest.raises(SourcesError) as info:
        parse_sources(text, Path("x.toml"))
    assert all(w in str(info.value) for w in words)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match="not found"):
        load_sources(tmp_path / "nope.toml")


def test_sources_error_is_a_value_error() -> None:
    assert issubclass(SourcesError, ValueError)
