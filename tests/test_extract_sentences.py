"""Our sentence splitter and the page furniture left out of the content sentences."""

from __future__ import annotations

import pytest

from extract.pipeline import get_nlp
from extract.text import sentences


def _split(text: str) -> list[str]:
    return [s.text for s in sentences(get_nlp()(text), None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dibuka Wali Kota, H.M Budi Hartono, SE. turut hadir Kepala Dinas.",
         ["Dibuka Wali Kota, H.M Budi Hartono, SE. turut hadir Kepala Dinas."]),
        ("Hadir Plt Kepala, Suyono, S.Sos, M.Si. Ia membuka acara.",
         ["Hadir Plt Kepala, Suyono, S.Sos, M.Si.", "Ia membuka acara."]),
        ("Pelatihan digelar Selasa (15/2/2022). Kegiatan diikuti 90 orang.",
         ["Pelatihan digelar Selasa (15/2/2022).", "Kegiatan diikuti 90 orang."]),
        ("Narasumber Drs. Budi Santoso dan H. Ahmad Yani memberi materi.",
         ["Narasumber Drs. Budi Santoso dan H. Ahmad Yani memberi materi."]),
        ("Dibuka Wali Kota Moh. Ramdhan Pomanto di Jl. Ahmad Yani.",
         ["Dibuka Wali Kota Moh. Ramdhan Pomanto di Jl. Ahmad Yani."]),
        ("KABARDESA.id – Kota Salatiga – Pelatihan LPM digelar.",
         ["KABARDESA.id – Kota Salatiga – Pelatihan LPM digelar."]),
        ("Judul berita\nParagraf pertama tanpa titik\nParagraf kedua.",
         ["Judul berita", "Paragraf pertama tanpa titik", "Paragraf kedua."]),
        ("“Kami siap,” kata Budi. “Terima kasih.” Acara selesai.",
         ["“Kami siap,” kata Budi.", "“Terima kasih.”", "Acara selesai."]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


def test_furniture_and_repeats_are_left_out() -> None:
    text = ("Harian Contoh - 17 Februari 2022 - 17:25 WIB\n"
            "Penulis: Arif | Editor: Sinta\n"
            "Pelatihan LPM digelar di aula.\n"
            "Baca juga: Pelatihan BKM Digelar Senin (14/2/2022)\n"
            "Pelatihan LPM digelar di aula.\n"
            "(Kominfo/Tim)\n"
            " 447 Pembaca,  3 Hari ini\n"
            "Tinggalkan Komentar\n")
    assert _split(text) == ["Pelatihan LPM digelar di aula."]


def test_offsets_point_into_the_text() -> None:
    text = "Judul\n\n  Kalimat pertama. Kalimat kedua!  \nKalimat ketiga"
    for sent in sentences(get_nlp()(text), None):
        assert text[sent.start:sent.end] == sent.text
