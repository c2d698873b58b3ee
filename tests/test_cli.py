"""The command line's contract: --help everywhere, one-line errors, bad input lines reported and skipped."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SUBCOMMANDS = ["crawl", "parse", "extract", "build", "serve", "nightly", "demo"]

EVENT_TEXT = (
    "KOTA MADIUN – Dinas Pemberdayaan Masyarakat dan Desa menggelar pelatihan bagi pengurus LPM se-Kota Madiun "
    "di Aula Kantor Kecamatan Taman, Rabu (8/3/2023). Kegiatan dibuka oleh Wali Kota Madiun, Drs. Budi Santoso, "
    "M.Si. Pelatihan diikuti sekitar 60 orang peserta dari 27 kelurahan."
)


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "pipeline.py"), "--log-dir", str(cwd / "logs"), *args],
                          cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help(command: str, tmp_path: Path) -> None:
    proc = run(command, "--help", cwd=tmp_path)
    assert proc.returncode == 0
    assert command in proc.stdout and "--help" in proc.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "--input", "missing.jsonl", "--output", "o.jsonl"], "missing.jsonl: no such file"),
        (["parse", "--input", "missing.jsonl", "--output", "o.jsonl"], "missing.jsonl: no such file"),
        (["crawl", "--sources", "none.toml"], "none.toml: no such sources file"),
        (["nightly", "--sources", "none.toml"], "none.toml: no such sources file"),
        (["build", "--db", "none.db"], "none.db: no database"),
        (["serve", "--db", "none.db"], "none.db: no database"),
        (["crawl", "--since", "yesterday"], "not a date"),
        (["serve", "--port", "99999"], "not a port"),
        (["extract"], "required"),
    ],
)
def test_bad_arguments_give_one_line_and_nonzero_exit(args: list[str], message: str, tmp_path: Path) -> None:
    proc = run(*args, cwd=tmp_path)
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert message in lines[0]
    assert "Traceback" not in proc.stderr


def test_broken_sources_file_names_the_problem(tmp_path: Path) -> None:
    (tmp_path / "s.toml").write_text('[[source]]\nname = "x"\n', encoding="utf-8")
    proc = run("crawl", "--sources", "s.toml", "--db", "w.db", cwd=tmp_path)
    assert proc.returncode != 0
    assert len(proc.stderr.strip().splitlines()) == 1 and "url" in proc.stderr


def test_extract_reports_bad_lines_and_processes_the_rest(tmp_path: Path) -> None:
    good = {"id": "ok1", "url": "http://x/1", "title": "Pelatihan LPM", "published": "2023-03-09", "text": EVENT_TEXT}
    huge = {"id": "huge", "title": "Panjang", "published": "2023-03-09", "text": ("kata biasa saja. " * 620_000)}
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({"url": "http://x/no-id", "text": "teks"}),
        json.dumps({"id": "no-text"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": "empty", "text": ""}),
        json.dumps(huge),
        json.dumps({**good, "id": "ok2"}),
    ]
    data = ("\n".join(lines) + "\n").encode() + b"\xff\xfe\x00binary\x00\n"
    (tmp_path / "in.jsonl").write_bytes(data)
    proc = run("extract", "--input", "in.jsonl", "--output", "out.jsonl", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [o.get("id") for o in out] == ["ok1", None, None, "no-text", None, "empty", "huge", "ok2", None]
    assert out[0]["is_event"] is True and out[-2]["is_event"] is True
    assert out[6]["is_event"] is False and "error" not in out[6]
    for number in (2, 3, 4, 6, 7, 10):
        assert f"in.jsonl:{number}:" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_extract_of_empty_file_writes_empty_output(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text("")
    proc = run("extract", "--input", "in.jsonl", "--output", "out.jsonl", cwd=tmp_path)
    assert proc.returncode == 0
    assert (tmp_path / "out.jsonl").read_text() == ""


def test_parse_reports_bad_lines_and_processes_the_rest(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Pelatihan Kader Posyandu Digelar - Warta Contoh</title>"
        '<meta property="og:type" content="article"><meta property="article:published_time" '
        'content="2023-05-04T09:00:00+07:00"></head><body><article><h1>Pelatihan Kader Posyandu Digelar</h1>'
        + "".join(f"<p>{EVENT_TEXT} Paragraf {i}.</p>" for i in range(4))
        + "</article></body></html>"
    )
    lines = [json.dumps({"id": "p1", "url": "http://x/p1", "html": page}), "nope", json.dumps({"id": "p2"}),
             json.dumps({"id": "p3", "url": "http://x/p3", "html": "<html><body></body></html>"})]
    (tmp_path / "pages.jsonl").write_text("\n".join(lines) + "\n")
    proc = run("parse", "--input", "pages.jsonl", "--output", "a.jsonl", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(x) for x in (tmp_path / "a.jsonl").read_text().splitlines()]
    assert [o["id"] for o in out] == ["p1", "p2", "p3"]
    assert out[0]["title"] == "Pelatihan Kader Posyandu Digelar"
    assert out[0]["published"].startswith("2023-05-04")
    assert "pengurus LPM" in out[0]["text"]
    assert out[2]["text"] == "" and out[2]["is_article"] is False
    assert "pages.jsonl:2:" in proc.stderr and "pages.jsonl:3:" in proc.stderr


def test_extract_reads_html_when_no_text_is_given(tmp_path: Path) -> None:
    page = f"<html><body><div>{EVENT_TEXT}</div></body></html>"
    lines = [json.dumps({"id": "h1", "html": page, "published": "2023-03-09"}),
             json.dumps({"id": "h2", "html": "<html><body></body></html>"})]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")
    proc = run("extract", "--input", "in.jsonl", "--output", "out.jsonl", cwd=tmp_path)
    assert proc.returncode == 0
    first, second = (json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines())
    assert first["url"] is None and first["is_event"] is True
    assert first["events"][0]["start_date"] == "2023-03-08"
    assert first["events"][0]["city"] == "Kota Madiun"
    assert second["error"] == "'html' holds no text"
    assert proc.stderr.strip() == "in.jsonl:2: 'html' holds no text"


def test_build_works_through_a_backlog_in_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    import extract
    import pipeline
    from records import Article
    from store.db import open_db, save_article

    rows = [json.loads(line) for line in (ROOT / "tests" / "data" / "eval_articles.jsonl").read_text().splitlines()
            if line.strip()][:7]
    db_path = tmp_path / "events.db"
    db = open_db(db_path)
    for row in rows:
        save_article(db, Article(url=f"https://contoh.example/{row['id']}", title=row["title"], text=row["text"],
                                 published=row.get("published"), source="contoh"))
    db.close()
    monkeypatch.setattr(pipeline, "BUILD_CHUNK", 3)
    monkeypatch.setattr("store.publish.public_path", lambda path: tmp_path / "public" / path.name)
    counts = pipeline.run_build(db_path)
    assert counts["articles"] == 7
    conn = sqlite3.connect(db_path)
    versions = {v for (v,) in conn.execute("select extractor_version from articles")}
    assert versions == {extract.VERSION}
    assert conn.execute("select count(*) from events").fetchone()[0] == counts["events"] > 0
    assert pipeline.run_build(db_path)["articles"] == 0  # nothing left pending
