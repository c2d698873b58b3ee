"""crawler.dedup: the same press release on two sites is linked, different articles are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.dedup import (
    MAX_DISTANCE,
    NEAR_DISTANCE,
    DuplicateIndex,
    containment,
    fingerprint_of,
    hamming,
    reprint_share,
    simhash,
)

RELEASE = (
    "Pemerintah Kota Madiun melalui Dinas Pemberdayaan Masyarakat dan Kelurahan menggelar bimbingan teknis "
    "bagi pengurus Lembaga Pemberdayaan Masyarakat (LPM) se-Kota Madiun di Aula Bappeda, Kamis (14/3/2024). "
    "Kegiatan yang diikuti sekitar 80 peserta itu dibuka oleh Sekretaris Daerah Kota Madiun.\n\n"
    "Dalam sambutannya, Sekda menyampaikan bahwa LPM merupakan mitra pemerintah kelurahan dalam menyusun "
    "rencana pembangunan partisipatif. Karena itu para pengurus perlu memahami tata cara musyawarah "
    "perencanaan pembangunan, penyusunan proposal kegiatan, serta pelaporan penggunaan dana kelurahan.\n\n"
    "Kepala Dinas menambahkan, bimbingan teknis digelar selama dua hari dengan narasumber dari Inspektorat "
    "dan Bagian Hukum Setda. Materi yang diberikan antara lain pengelolaan keuangan, administrasi organisasi, "
    "dan peran LPM dalam pengawasan program padat karya di tingkat rukun warga.\n\n"
    "Ia berharap seusai kegiatan ini pengurus LPM mampu menularkan pengetahuan kepada pengurus RT dan RW "
    "di wilayah masing-masing sehingga program kelurahan berjalan lebih tertib dan transparan."
)

# The same release as a second outlet ran it: own dateline, one word changed, own closing line.
REPRINT = (
    "MADIUN, KABARKOTA - " + RELEASE.replace("sekitar 80 peserta", "kurang lebih 80 peserta")
    + "\n\nBaca berita lainnya di kanal Daerah."
)

OTHER_TRAINING = (
    "Dinas Sosial Kabupaten Ngawi mengadakan pelatihan bagi kader Posyandu dan pengurus PKK dari sembilan "
    "belas kecamatan di Pendopo Wedya Graha, Selasa (9/4/2024). Pelatihan berfokus pada pencatatan tumbuh "
    "kembang balita dan pencegahan stunting melalui pemberian makanan tambahan berbahan pangan lokal.\n\n"
    "Bupati yang membuka acara meminta para kader aktif mendatangi rumah warga yang jarang hadir di "
    "Posyandu. Menurutnya data yang akurat menjadi dasar intervensi gizi yang tepat sasaran, terutama di "
    "desa-desa yang jauh dari puskesmas. Para peserta juga diajak praktik menimbang dan mengukur balita."
)


TEMPLATE = (
    "Pemerintah Kota {city} melalui Dinas Pemberdayaan Masyarakat menggelar pelatihan bagi pengurus {inst} "
    "se-Kota {city} di {venue}, {day}. Kegiatan yang diikuti sekitar {n} peserta itu dibuka oleh {who}.\n\n"
    "Dalam sambutannya, {who} menyampaikan bahwa {inst} merupakan mitra pemerintah kelurahan dalam menyusun "
    "rencana pembangunan partisipatif. Karena itu para pengurus perlu memahami tata cara musyawarah "
    "perencanaan pembangunan, penyusunan proposal kegiatan, serta pelaporan penggunaan dana kelurahan.\n\n"
    "Kepala Dinas menambahkan, pelatihan digelar selama {days} hari dengan narasumber dari Inspektorat dan "
    "Bagian Hukum Setda Kota {city}. Ia berharap pengurus {inst} mampu menularkan pengetahuan kepada pengurus "
    "RT dan RW di wilayah masing-masing sehingga program kelurahan berjalan lebih tertib dan transparan."
)
EVENT_A = TEMPLATE.format(city="Blitar", inst="LPM", venue="Aula Bappeda", day="Senin (4/3/2024)", n=60,
                          who="Wali Kota Blitar", days="dua")
EVENT_B = TEMPLATE.format(city="Kediri", inst="BKM", venue="Gedung Serbaguna", day="Rabu (17/7/2024)", n=45,
                          who="Sekda Kota Kediri", days="tiga")


def test_reprint_of_a_release_is_close_but_beyond_the_strict_threshold() -> None:
    distance = hamming(simhash(RELEASE), simhash(REPRINT))
    assert MAX_DISTANCE < distance <= NEAR_DISTANCE  # why the containment check exists
    assert containment(RELEASE, REPRINT) >= 0.95


def test_different_training_news_is_far() -> None:
    assert hamming(simhash(RELEASE), simhash(OTHER_TRAINING)) > NEAR_DISTANCE


def test_templated_reports_of_two_events_are_not_linked() -> None:
    index = DuplicateIndex()
    texts = {"https://a.id/blitar/": EVENT_A}
    index.add("https://a.id/blitar/", "a", "ha", fingerprint_of(EVENT_A))
    assert index.find("https://b.id/kediri/", "hb", fingerprint_of(EVENT_B), EVENT_B, texts.get) is None


def test_simhash_is_stable_and_64_bit() -> None:
    value = simhash(RELEASE)
    assert value == simhash(RELEASE)
    assert 0 <= value < 2**64
    assert simhash(RELEASE) == simhash(RELEASE.replace("\n\n", "  "))  # layout does not matter


def test_short_texts_get_no_fingerprint() -> None:
    assert fingerprint_of("Rapat RT ditunda.") is None
    assert fingerprint_of(RELEASE) == simhash(RELEASE)


def test_index_links_near_and_exact_duplicates_to_the_first_copy() -> None:
    index = DuplicateIndex()
    first = "https://dinas.example.go.id/berita/bimtek-lpm.html"
    index.add(first, "dinas", "h1", fingerprint_of(RELEASE))
    near = index.find("https://kabarkota.example.id/bimtek-lpm-madiun/", "h2", fingerprint_of(REPRINT), REPRINT,
                      {first: RELEASE}.get)
    assert near is not None
    assert (near.url, near.source) == ("https://dinas.example.go.id/berita/bimtek-lpm.html", "dinas")
    assert near.reason.startswith("near")
    exact = index.find("https://mirror.example.id/x", "h1", None)
    assert exact is not None and exact.reason.startswith("exact") and exact.distance == 0
    assert index.find("https://ngawi.example.id/pelatihan-posyandu/", "h3", fingerprint_of(OTHER_TRAINING),
                      OTHER_TRAINING, {first: RELEASE}.get) is None
    # without the texts to confirm, a pair beyond the strict threshold is not linked
    assert index.find("https://kabarkota.example.id/bimtek-lpm-madiun/", "h2", fingerprint_of(REPRINT)) is None


def test_an_article_is_not_its_own_duplicate() -> None:
    index = DuplicateIndex()
    index.add("https://a.id/x/", "a", "h1", fingerprint_of(RELEASE))
    assert index.find("https://a.id/x/", "h1", fingerprint_of(RELEASE)) is None


@pytest.mark.parametrize("flips", [1, 2, 3])
def test_band_index_finds_every_fingerprint_within_the_threshold(flips: int) -> None:
    base = fingerprint_of(RELEASE)
    assert base is not None
    index = DuplicateIndex()
    index.add("https://a.id/x/", "a", None, base)
    for start in range(0, 64 - flips, 7):
        variant = base
        for bit in range(start, start + flips):
            variant ^= 1 << bit
        found = index.find("https://b.id/y/", None, variant)
        assert found is not None and found.distance == flips


def test_ledger_links_the_reprint_on_another_site_in_the_database(tmp_path: Path) -> None:
    import sqlite3

    from crawler.pipelines import Ledger
    from records import Article, Source
    from store.db import open_db, start_run

    db = tmp_path / "c.db"
    run_id = start_run(open_db(db))
    sources = [Source(name="dinas", url="https://dinas.example.go.id/"),
               Source(name="kabar", url="https://kabarkota.example.id/")]
    ledger = Ledger(db, run_id, sources)
    first = Article(url="https://dinas.example.go.id/berita/bimtek-lpm.html", title="Bimtek LPM", text=RELEASE,
                    source="dinas")
    reprint = Article(url="https://kabarkota.example.id/bimtek-lpm-madiun/", title="LPM Ikuti Bimtek", text=REPRINT,
                      source="kabar")
    other = Article(url="https://kabarkota.example.id/posyandu-ngawi/", title="Kader Dilatih", text=OTHER_TRAINING,
                    source="kabar")
    assert [ledger.store_article(a) for a in (first, reprint, other)] == ["new", "new", "new"]
    ledger.commit()
    conn = sqlite3.connect(db)
    links = dict(conn.execute("select url, duplicate_of from articles").fetchall())
    assert links == {first.url: None, reprint.url: first.url, other.url: None}
    (reason,) = conn.execute("select reason from article_duplicates where url = ?", [reprint.url]).fetchone()
    assert reason.startswith("near: SimHash distance")
    assert ledger.stats["kabar"].duplicates == 1 and ledger.stats["kabar"].new_articles == 2

    # a later run starts from the database: the same text under a third address is an exact duplicate
    again = Ledger(db, start_run(open_db(db)), sources)
    mirror = Article(url="https://dinas.example.go.id/berita/bimtek-lpm-salinan.html", title="Bimtek LPM",
                     text=RELEASE, source="dinas")
    assert again.store_article(mirror) == "new"
    again.commit()
    row = conn.execute("select a.duplicate_of, d.reason from articles a join article_duplicates d using (url) "
                       "where url = ?", [mirror.url]).fetchone()
    assert row[0] == first.url and row[1].startswith("exact")


def test_ledger_commits_articles_in_groups_and_uses_hashes_from_the_workers(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from crawler import pipelines
    from crawler.dedup import article_prints
    from crawler.pipelines import Ledger
    from records import Article, Source
    from store.db import open_db, start_run

    monkeypatch.setattr(pipelines, "COMMIT_EVERY", 3)
    db = tmp_path / "c.db"
    ledger = Ledger(db, start_run(open_db(db)), [Source(name="dinas", url="https://dinas.example.go.id/")])
    texts = [RELEASE, OTHER_TRAINING, RELEASE.replace("Madiun", "Magetan") + " Tambahan kalimat penutup."]
    articles = [Article(url=f"https://dinas.example.go.id/berita/{i}.html", title=f"Judul {i}", text=text,
                        source="dinas") for i, text in enumerate(texts)]
    reader = sqlite3.connect(db)

    def stored() -> int:
        return reader.execute("select count(*) from articles").fetchone()[0]

    ledger.remember_prints(articles[0], article_prints(articles[0]))
    assert ledger.store_article(articles[0]) == "new"
    assert ledger.prints == {}  # the worker's hashes were used, and dropped
    ledger.store_article(articles[1])
    assert stored() == 0  # not yet durable: a run killed now fetches both again
    ledger.store_article(articles[2])
    assert stored() == 3  # the third article completes a group
    (simhash,) = reader.execute("select simhash from articles where url = ?", [articles[0].url]).fetchone()
    assert simhash == f"{article_prints(articles[0])[1]:016x}"
    extra = Article(url="https://dinas.example.go.id/berita/x.html", title="X", text=OTHER_TRAINING + " Lagi.",
                    source="dinas")
    ledger.store_article(extra)
    ledger.write_stats()  # the end of the run commits what is left
    assert stored() == 4


# A longer release, and the same under a second outlet's own lead (a hook instead of the opening paragraph).
LONG_RELEASE = RELEASE + (
    "\n\nPada hari kedua, peserta dibagi dalam empat kelompok untuk berlatih menyusun daftar usulan kegiatan "
    "berdasarkan hasil penggalian gagasan di tingkat rukun warga. Setiap kelompok didampingi fasilitator dari "
    "Bappeda yang memeriksa kesesuaian usulan dengan prioritas pembangunan kota tahun berikutnya.\n\n"
    "Sejumlah peserta mengaku baru pertama kali mendapat penjelasan rinci tentang alur pelaporan dana "
    "kelurahan. Mereka berharap kegiatan serupa digelar rutin agar pengurus baru tidak kesulitan menjalankan "
    "tugasnya, terutama saat menyusun laporan pertanggungjawaban di akhir tahun anggaran."
)
REWRITTEN_LEAD = (
    "MADIUN, KABARKOTA - Puluhan pengurus LPM di Kota Madiun kini punya bekal baru untuk menyusun rencana "
    "pembangunan kelurahan. Mereka baru saja menuntaskan bimbingan teknis dari pemerintah kota.\n\n"
    + LONG_RELEASE.split("\n\n", 1)[1] + "\n\nPewarta kami mencatat kegiatan serupa akan digelar tiap tahun."
)


def test_a_reprint_with_its_own_lead_is_linked_and_templated_reports_are_not() -> None:
    assert MAX_DISTANCE < hamming(simhash(LONG_RELEASE), simhash(REWRITTEN_LEAD)) <= NEAR_DISTANCE
    assert containment(LONG_RELEASE, REWRITTEN_LEAD) < 0.95  # the whole texts alone would not be linked
    assert reprint_share(LONG_RELEASE, REWRITTEN_LEAD) >= 0.95
    assert reprint_share(EVENT_A, EVENT_B) < 0.9
    index = DuplicateIndex()
    index.add("https://a.id/x/", "a", None, fingerprint_of(LONG_RELEASE))
    found = index.find("https://b.id/y/", None, fingerprint_of(REWRITTEN_LEAD), REWRITTEN_LEAD,
                       lambda url: LONG_RELEASE if url == "https://a.id/x/" else None)
    assert found is not None and found.url == "https://a.id/x/"
