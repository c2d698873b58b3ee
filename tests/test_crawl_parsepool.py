"""crawler.parsepool: page analysis in worker processes, and the cheap split-page pre-test."""

from __future__ import annotations

import asyncio

import pytest

from crawler.parsepool import ParsePool, analyse_page, may_continue, single_page_url

URL = "https://harian.example.com/2024/05/01/rakor-rt-rw-se-kota"


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (f'<a href="{URL}?page=2">2</a>', True),
        ('<a href="/2024/05/01/rakor-rt-rw-se-kota?page=3">3</a>', True),
        ('<a href="rakor-rt-rw-se-kota?utm=x&amp;page=2">2</a>', True),
        ('<a href="rakor-rt-rw-se-kota?utm=x&page=2">2</a>', True),
        ('<a href="?page=2">Selanjutnya</a>', True),
        ('<a href="/2024/05/01/rakor-rt-rw-se-kota/2/">2</a>', True),
        ('<a href="/2024/05/01/rakor-rt-rw-se-kota-lanjutan">lanjut</a>', False),
        ('<a href="/indeks?page=2">Indeks</a>', False),
        ('<a href="/2024/05/01/rakor-rt-rw-se-kota">Rakor</a>', False),
    ],
)
def test_may_continue(link: str, expected: bool) -> None:
    assert may_continue(f"<html><body><p>Teks.</p>{link}</body></html>", URL) is expected


def test_pool_gives_the_same_analysis_as_in_process() -> None:
    paragraphs = "".join(f"<p>Paragraf {i}: pengurus LPM dan BKM mengikuti pelatihan penyusunan rencana kerja "
                         f"kelurahan bersama pendamping dari dinas pemberdayaan masyarakat kota.</p>" for i in range(8))
    html = (f"<html><head><title>Pengurus LPM Ikuti Pelatihan</title></head><body><article><h1>Pengurus LPM Ikuti "
            f"Pelatihan</h1>{paragraphs}<a href='{URL}?page=2'>2</a></article></body></html>")
    here = analyse_page(html, URL, None)
    pool = ParsePool(1)
    try:
        there = asyncio.run(pool.run(analyse_page, html, URL, None))
    finally:
        pool.close()
    assert there == here
    assert here.article is not None and here.continuations == (f"{URL}?page=2",)
    assert asyncio.run(ParsePool(0).run(len, "abc")) == 3


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (f'<a href="{URL}?page=all">Tampilkan semua</a>', f"{URL}?page=all"),
        ('<a href="/2024/05/01/rakor-rt-rw-se-kota?utm_source=x&amp;page=semua">Semua</a>', f"{URL}?page=semua"),
        ('<a href="/2024/05/01/rapat-lain?page=all">lain</a>', None),
        (f'<a href="{URL}?page=2">2</a>', None),
    ],
)
def test_single_page_url(link: str, expected: str | None) -> None:
    assert single_page_url(f"<html><body>{link}</body></html>", URL) == expected


def _fail(text: str) -> str:
    """A task that raises, as a parser might on a bad page."""
    raise ValueError(f"cannot read {text}")


def test_pool_runs_many_tasks_on_every_worker_and_passes_errors_back() -> None:
    import os

    async def scenario(pool: ParsePool) -> tuple[list[int], set[int]]:
        sizes = await asyncio.gather(*(pool.run(len, "x" * n) for n in range(40)))
        pids = set(await asyncio.gather(*(pool.run(os.getpid) for _ in range(40))))
        with pytest.raises(ValueError, match="cannot read halaman"):
            await pool.run(_fail, "halaman")
        return list(sizes), pids

    pool = ParsePool(2)
    try:
        sizes, pids = asyncio.run(scenario(pool))
    finally:
        pool.close()
    assert sizes == list(range(40))
    assert os.getpid() not in pids and len(pids) >= 1
    assert all(not w.process.is_alive() for w in pool.workers) and pool.workers == []


def test_a_dead_worker_costs_no_task_and_the_crawler_parses_in_process_when_none_is_left() -> None:
    import os

    async def scenario(pool: ParsePool) -> tuple[int, list[int], int]:
        first = await pool.run(os.getpid)
        # each task kills its worker (as a crash in a C library would) and is run again in the crawler process
        died = await asyncio.gather(*(pool.run(_exit_now_or_pid, k) for k in range(2)))
        after = await pool.run(os.getpid)
        return first, died, after

    pool = ParsePool(2)
    try:
        first, died, after = asyncio.run(scenario(pool))
    finally:
        pool.close()
    assert first != os.getpid()
    assert died == [os.getpid(), os.getpid()]  # both workers died on these tasks; each ran here instead
    assert after == os.getpid() and pool.size == 0


def _exit_now_or_pid(_: int) -> int:
    """Kill the worker process when run in one; in the crawler process (the fallback), return its pid."""
    import multiprocessing
    import os

    if multiprocessing.current_process().name == "pantau-parse":
        os._exit(3)
    return os.getpid()


def test_workers_leave_when_the_crawler_is_killed() -> None:
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    script = (
        "import asyncio, os, sys, time\n"
        "from crawler.parsepool import ParsePool\n"
        "pool = ParsePool(1)\n"
        "print(asyncio.run(pool.run(os.getpid)), flush=True)\n"
        "time.sleep(60)\n"
    )
    root = Path(__file__).resolve().parent.parent
    crawler = subprocess.Popen([sys.executable, "-c", script], cwd=root, stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(root)})
    worker = int(crawler.stdout.readline())
    assert worker != crawler.pid
    crawler.send_signal(signal.SIGKILL)
    crawler.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _running(worker):
        time.sleep(0.1)
    assert not _running(worker)


def _running(pid: int) -> bool:
    """Whether a process exists and has not exited (a zombie awaiting its reaper has)."""
    from pathlib import Path

    stat = Path(f"/proc/{pid}/stat")
    try:
        return not stat.read_text().rsplit(") ", 1)[1].startswith("Z")
    except (FileNotFoundError, ProcessLookupError):
        return False


def test_a_task_that_cannot_be_pickled_runs_in_process_and_the_pool_goes_on() -> None:
    async def scenario(pool: ParsePool) -> list[object]:
        # the worker is busy with the first task, so the unpicklable one is sent from the reply callback
        tasks = [pool.run(_slow_len, "abcd"), pool.run(lambda text: text.upper(), "lpm"), pool.run(len, "rakor")]
        return await asyncio.wait_for(asyncio.gather(*tasks), timeout=60)

    pool = ParsePool(1)
    try:
        assert asyncio.run(scenario(pool)) == [4, "LPM", 5]
        assert asyncio.run(pool.run(len, "bkm")) == 3
    finally:
        pool.close()


def _slow_len(text: str) -> int:
    """len() after a pause, to keep a worker busy."""
    import time

    time.sleep(0.3)
    return len(text)
