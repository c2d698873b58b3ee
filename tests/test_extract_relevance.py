"""Relevance (is_event) and event type: real negatives, hard negatives, naming of the event."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract import extract_article, extract_many
from records import Article


def _article(title: str, text: str, published: str | None = "2023-05-10") -> Article:
    return Article(url="https://contoh.example/x", title=title, text=text, published=published)


def test_real_unrelated_news_are_not_events(shared_dir: Path) -> None:
    rows = [json.loads(line) for line in (shared_dir / "realpages" / "index.jsonl").read_text().splitlines() if line]
    articles = [_article(r["gold"].get("title") or "", r["gold"]["content"], None)
                for r in rows if "content" in (r.get("gold") or {})]
    assert len(articles) >= 20
    flagged = [a.title for a, r in zip(articles, extract_many(articles), strict=True) if r.is_event]
    assert flagged == []


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Mengenal BKM dan Tugasnya",
         "Badan Keswadayaan Masyarakat (BKM) adalah lembaga warga di kelurahan. BKM bertugas"
         " menyusun program penanggulangan kemiskinan. Pelatihan bagi pengurus BKM dilakukan pemerintah"
         " secara berkala."),
        ("Opini: Sosialisasi untuk Kader PKK Perlu Diperbanyak",
         "Kader PKK sebaiknya lebih sering mendapat sosialisasi."
         " Menurut saya pelatihan perlu ditingkatkan agar kader memahami program."),
        ("Bupati Serahkan SK Pengurus Karang Taruna", "Bupati menyerahkan SK kepada pengurus Karang Taruna di Pendopo,"
         " Senin (8/5/2023). Bupati berharap pengurus aktif."),
        ("Ratusan Ketua RT Dilantik Wali Kota",
         "Wali Kota melantik 300 ketua RT dan RW di Balai Kota, Senin (8/5/2023)."
         " Ia berjanji memberikan pelatihan tahun depan."),
        ("Bimtek Aparatur Desa 2024 – Daftar Sekarang",
         "Bimtek pengelolaan BUMDes bagi kepala desa dan BPD, jadwal bimtek"
         " 12-14 Juni 2024 di Hotel Ibis. Biaya kontribusi Rp 4.500.000. Daftar sekarang, hubungi 0812 3456 7890."),
        ("Dinas PMD Akan Gelar Pelatihan LPM Bulan Depan", "Dinas PMD berencana menggelar pelatihan LPM pada Juni 2024."
         " Pelatihan akan dilaksanakan di aula kecamatan."),
        ("Talk Show Radio Bahas Peran Posyandu",
         "Dinkes menggelar talk show di radio tentang posyandu, Senin (8/5/2023)."),
        ("Banjir Rendam Permukiman Warga", "Banjir merendam 200 rumah di tiga RW, Senin (8/5/2023). Linmas membantu"
         " evakuasi warga ke balai desa."),
        ("Dialog Interaktif: Kadis PMD Bahas Peran BUMDes",
         "Kepala Dinas PMD menjadi narasumber di studio radio, Selasa (11/3/2025). Ia menyebut dinasnya telah beberapa"
         " kali memberikan pelatihan kepada pengurus BUMDes."),
        ("Anggota Dewan: Pelatihan Kader Harus Jadi Prioritas", "Anggota DPRD menilai pelatihan kader posyandu harus"
         " ditambah, katanya saat ditemui Kamis (27/7/2023)."),
        ("Pengumuman Pelatihan Kader Posyandu", "Diumumkan kepada kader Posyandu Desa Mekarsari bahwa pemerintah desa"
         " akan menyelenggarakan pelatihan kader Posyandu pada:\nTempat : Balai Desa Mekarsari"),
        ("Kejari Tetapkan Bendahara BUMDes Tersangka", "Kejaksaan Negeri menetapkan bendahara BUMDes sebagai tersangka"
         " penyelewengan dana pelatihan, Senin (8/5/2023), di kantor Kejari."),
    ],
)
def test_hard_negatives(title: str, text: str) -> None:
    assert not extract_article(_article(title, text)).is_event


@pytest.mark.parametrize(
    ("title", "text", "event_type"),
    [
        ("LPM Dapat Bimbingan Teknis",
         "Pengurus LPM mendapat bimbingan teknis di Aula Setda, Senin (8/5/2023).", "bimtek"),
        ("Bimtek Kader Posyandu", "Kader posyandu mengikuti pelatihan di aula, Senin (8/5/2023).", "bimtek"),
        ("Kabar Desa", "Kader posyandu mengikuti pelatihan di aula puskesmas, Senin (8/5/2023).", "pelatihan"),
        ("Rakor LPM dan BKM", "Rakor LPM dan BKM digelar di Ruang Rapat, Senin (8/5/2023).", "rakor"),
        ("Kabar Kota", "Rapat koordinasi pengurus RW digelar di Balai Kota, Senin (8/5/2023).", "rakor"),
        ("Sosialisasi Dana Kelurahan bagi LPM", "LPM mengikuti sosialisasi di aula, Senin (8/5/2023).", "sosialisasi"),
        ("Lokakarya PKK", "Kader PKK mengikuti lokakarya di Hotel Dafam, Senin (8/5/2023).", "workshop"),
        ("Pembinaan Karang Taruna",
         "Dinsos melaksanakan pembinaan Karang Taruna di aula, Senin (8/5/2023).", "pembinaan"),
        ("Kabar Desa", "Kader KPM mengikuti jambore kader di lapangan desa, Senin (8/5/2023), bersama pelatihan.",
         "pelatihan"),
    ],
)
def test_event_type(title: str, text: str, event_type: str) -> None:
    result = extract_article(_article(title, text))
    assert result.is_event
    assert result.events[0].event_type == event_type


def test_prosecutors_holding_a_session_for_village_bodies_report_an_event() -> None:
    article = _article("Kejari Sosialisasi Jaga Desa kepada BPD dan LPM", "Kejaksaan Negeri (Kejari) Kota Contoh"
                       " memberikan sosialisasi program Jaga Desa kepada pengurus LPM dan BPD, Selasa (9/5/2023), di"
                       " Aula Kantor Camat Sukamaju. Sebanyak 40 orang mengikuti sosialisasi.")
    assert extract_article(article).is_event


def test_positive_needs_institution_and_held_event() -> None:
    held = _article("Pelatihan Kader Posyandu", "Dinkes menggelar pelatihan kader posyandu di aula, Senin (8/5/2023).")
    no_institution = _article("Pelatihan Menjahit", "Disnaker menggelar pelatihan menjahit di aula, Senin (8/5/2023).")
    assert extract_article(held).is_event
    assert not extract_article(no_institution).is_event


def test_announced_event_is_a_second_event() -> None:
    text = ("Bagian Pemerintahan menggelar rapat koordinasi LPM di Ruang Rapat Wali Kota, Selasa (8/11/2022)."
            " Dalam rakor itu juga dijadwalkan pelatihan lanjutan pada 15 Desember 2022 di Hotel Santika Ambon.")
    result = extract_article(_article("Rakor LPM Kota Ambon", text, "2022-11-10"))
    main, later = result.events
    assert (main.event_type, main.start_date, main.is_main) == ("rakor", "2022-11-08", True)
    assert (later.event_type, later.start_date, later.venue, later.is_main) == (
        "pelatihan", "2022-12-15", "Hotel Santika Ambon", False)


def test_held_event_with_a_later_follow_up_is_no_announcement() -> None:
    text = ("Bagian Pemerintahan Setda menggelar pelatihan bagi pengurus LPM se-kota. Kegiatan tersebut berlangsung"
            " di Aula Kecamatan Tengah, Kamis (3/10/2024). Pelatihan lanjutan dijadwalkan pada 14 November 2024.")
    result = extract_article(_article("75 Pengurus LPM Ikuti Pelatihan", text, "2024-10-04"))
    assert result.is_event and result.events[0].start_date == "2024-10-03"


@pytest.mark.parametrize(
    ("text", "count"),
    [("WAMENA – Dinas Kesehatan melatih 40 kader Posyandu dari 20 kampung di Aula Puskesmas, Rabu (5/6/2024).", 40),
     ("Dinas Kesehatan menggelar pelatihan kader Posyandu di Aula Puskesmas, Rabu (5/6/2024). Kurang lebih 80 kader"
      " mengikuti kegiatan tersebut.", 80)],
)
def test_people_trained_or_taking_part_are_the_participants(text: str, count: int) -> None:
    result = extract_article(_article("Pelatihan Kader Posyandu", text, "2024-06-06"))
    assert result.is_event and result.events[0].participants == count


def test_verb_form_of_sosialisasi_names_the_event() -> None:
    text = ("Pemerintah Kelurahan Nae menggelar sosialisasi bagi pengurus LPM, RT dan RW di Aula Kantor Lurah,"
            " Selasa (4/11/2025).")
    result = extract_article(_article("Kelurahan Nae Sosialisasikan Tugas dan Fungsi LPM", text, "2025-11-05"))
    assert result.is_event and result.events[0].event_type == "sosialisasi"


def test_evidence_points_into_the_text() -> None:
    text = ("Kabar Desa\nDPMD Kabupaten Blora menggelar pelatihan KPM di Aula Kecamatan Cepu, Senin (8/5/2023)."
            " Pelatihan diikuti 45 kader.")
    event = extract_article(_article("Pelatihan KPM Blora", text)).events[0]
    for item in event.evidence:
        if item.start >= 0:
            assert text[item.start:item.end] == item.sentence
    fields = {item.field for item in event.evidence}
    assert {"event_type", "start_date", "venue", "participants", "organizer", "institutions"} <= fields
    assert event.participants_text == "diikuti 45 kader"


def test_institution_far_from_the_event_is_not_enough() -> None:
    text = ("Disperindag menggelar pelatihan pemasaran digital bagi pelaku UMKM di Aula Disperindag, Senin (8/5/2023)."
            " Pelatihan diikuti 60 pelaku usaha. Materi disampaikan praktisi. Peserta antusias. Ke depan pemerintah"
            " juga berharap ibu-ibu PKK ikut berjualan daring.")
    assert not extract_article(_article("Pelatihan Pemasaran Digital bagi UMKM", text)).is_event


def test_institutions_in_the_participants_sentence_count() -> None:
    text = ("Pelatihan administrasi digelar di Aula Kelurahan Sapuro, Senin (8/5/2023). Sebanyak 40 peserta hadir."
            " Peserta merupakan pengurus LPM dan ketua RT se-kelurahan.")
    result = extract_article(_article("Pelatihan Administrasi di Kelurahan Sapuro", text))
    assert result.is_event
    assert set(result.events[0].institutions) == {"LPM", "RT"}
