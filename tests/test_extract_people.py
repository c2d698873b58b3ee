"""Officials: role and name patterns, titles split off, nicknames merged, writers and programme names left out."""

from __future__ import annotations

import pytest

from extract import extract_article
from extract.officials import find_mentions, local_places, merge
from records import Article


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Acara dibuka oleh Wali Kota Salatiga, Drs. H. Robby Hernawan, M.Si, didampingi Sekda.",
         [("Robby Hernawan", "Wali Kota Salatiga")]),
        ("Kepala Dinsos Kota Blitar Sri Mulyani mengatakan pelatihan penting.",
         [("Sri Mulyani", "Kepala Dinsos Kota Blitar")]),
        ("Sementara Wakapolresta Kupang Kota, AKBP Ardian Wibowo, memaparkan peran RT.",
         [("Ardian Wibowo", "Wakapolresta Kupang Kota")]),
        # a one-word name with its titles is a full name, not a nickname of a colleague with a longer role
        ("Kepala Dinsos Kota Metro, Hj. Suhartini, S.Sos, dan Kepala Bidang Pemberdayaan Dinsos Kota Metro,"
         " Arif Budiman, SE, hadir.",
         [("Suhartini", "Kepala Dinsos Kota Metro"), ("Arif Budiman", "Kepala Bidang Pemberdayaan Dinsos Kota Metro")]),
        ("Hadir pula Asisten Pemerintahan dan Kesra Joko Santoso, SH, serta Camat Wonosari, Hartono.",
         [("Joko Santoso", "Asisten Pemerintahan dan Kesra"), ("Hartono", "Camat Wonosari")]),
        ("Budi Prakoso selaku Kepala Bidang Pemberdayaan Masyarakat membuka acara.",
         [("Budi Prakoso", "Kepala Bidang Pemberdayaan Masyarakat")]),
        ("Narasumber, Dewi Lestari (Kepala Seksi Kelembagaan DPMD), menyampaikan materi.",
         [("Dewi Lestari", "Kepala Seksi Kelembagaan DPMD")]),
        ("Kepala Desa Sukamaju, Warsito, menyambut baik kegiatan.", [("Warsito", "Kepala Desa Sukamaju")]),
        ("Bupati Gianyar I Made Mahayastra membuka kegiatan.", [("I Made Mahayastra", "Bupati Gianyar")]),
        ("Asisten I Setda Kota Bima, Ahmad Yani, memimpin rakor.", [("Ahmad Yani", "Asisten I Setda Kota Bima")]),
        ("Ketua TP PKK Kota Madiun, Ny. Ratna Santoso, membuka pelatihan.",
         [("Ratna Santoso", "Ketua TP PKK Kota Madiun")]),
        ("Kepala Dinas Kesehatan Kabupaten Kudus, dr. Andini Aridewi, hadir.",
         [("Andini Aridewi", "Kepala Dinas Kesehatan Kabupaten Kudus")]),
        ("Kepala BNNK Cimahi, AKBP Dedi Suhendar, mengajak pemuda.", [("Dedi Suhendar", "Kepala BNNK Cimahi")]),
        ("Rakor dihadiri oleh Bupati Kendal, Kepala Dispermades, para narasumber, dan anggota BPD.", []),
        ("“Ini sesuai dengan program Walikota Sulaiman-Hartati, peningkatan UKM,” tuturnya.", []),
        ("Pelatihan digelar di Aula Kantor Camat Koto Tangah dan Rumah Dinas Bupati Kompleks Setda.", []),
        ("Wali Kota menginginkan agar setiap kelurahan memiliki inovasi.", []),
    ],
)
def test_mentions(sentence: str, expected: list[tuple[str, str]]) -> None:
    found = [(m.name, m.role) for m in merge(find_mentions(sentence, 0))]
    assert [(o[0].replace("Ny. ", ""), o[1]) for o in found] == expected


def test_titles_are_split_off() -> None:
    (official,) = merge(find_mentions("dibuka Walikota Tegal, HA Dedy Yon Supriyono, SE, MM, didampingi", 0))
    assert official.name == "Dedy Yon Supriyono"
    assert set(official.titles) == {"HA", "SE", "MM"}


def test_nickname_with_role() -> None:
    (official,) = merge(find_mentions("Ajo, sapaan akrab Wali Kota Bukittinggi, mengatakan LPM penting.", 0))
    assert (official.name, official.role) == ("Ajo", "Wali Kota Bukittinggi")


def test_nickname_merges_into_full_name_by_role() -> None:
    mentions = find_mentions("Pelatihan dibuka Bupati Kendal, Dico Mahtado Ganinduto.", 0)
    mentions += find_mentions("Bupati Dico berharap kader aktif.", 1)
    (official,) = merge(mentions)
    assert official.name == "Dico Mahtado Ganinduto"
    assert official.role == "Bupati Kendal"
    assert "Dico" not in official.aliases or official.aliases == ("Dico",)


def test_writers_and_baca_juga_are_not_officials() -> None:
    text = ("Penulis: Arif Rahman | Editor: Kepala Redaksi Sutrisno\n"
            "KENDAL – Dinas PMD Kabupaten Kendal menggelar pelatihan BUMDes di Pendopo Tumenggung Bahurekso,"
            " Selasa (7/3/2023). Pelatihan dibuka Sekretaris Daerah Kendal, Sugiono.\n"
            "Baca juga: Wakil Bupati Kendal Windu Suko Basuki Tinjau Banjir\n(ARF/Red)")
    result = extract_article(Article(url="u", title="Pelatihan BUMDes Kendal", text=text, published="2023-03-08"))
    names = [o.name for o in result.events[0].officials]
    assert names == ["Sugiono"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Siti Aminah, Kepala DP3A Kota Tegal, mengatakan pelatihan penting.",
         [("Siti Aminah", "Kepala DP3A Kota Tegal")]),
        ("Plt. Kepala Dinsos Kota Tegal, Budi Hartono, hadir.", [("Budi Hartono", "Plt. Kepala Dinsos Kota Tegal")]),
        ("Menurut Budi Santoso, Kepala Dinas Pemberdayaan Masyarakat dan Desa (Dispermades) Kabupaten Batang, BPD"
         " penting.", [("Budi Santoso", "Kepala Dispermades Kabupaten Batang")]),
        ("Turut hadir Camat Manguharjo Anang Prasetyo SSTP MSi dan Kapolsek Manguharjo AKP Wijaya Kusuma.",
         [("Anang Prasetyo", "Camat Manguharjo"), ("Wijaya Kusuma", "Kapolsek Manguharjo")]),
        ("Panewu Wonosari, Bambang Wahyu Widayat, berharap BUMDes maju.",
         [("Bambang Wahyu Widayat", "Panewu Wonosari")]),
        ("Ketua TP PKK Minahasa Utara, Ny. Olvie Kumaat-Lumentut, SE, membuka kegiatan.",
         [("Olvie Kumaat-Lumentut", "Ketua TP PKK Minahasa Utara")]),
        ("Bupati Muaro Jambi, Hendra Siregar, yang dijadwalkan membuka pelatihan, batal hadir.", []),
        ("Sekda Kendal, Budi Santoso, mewakili Bupati Kendal, Dico Ganinduto, yang berhalangan hadir.",
         [("Budi Santoso", "Sekda Kendal")]),
        ("Wali Kota Blitar yang akrab disapa Dewo hadir memberikan arahan.", [("Dewo", "Wali Kota Blitar")]),
        ("Ibu-Ibu PKK Kelurahan Sukamaju hadir.", []),
        ("Kepala DPMD Bintan, Ir. Ahmad Riza Tanjung, M.M., mengatakan bimtek penting.",
         [("Ahmad Riza Tanjung", "Kepala DPMD Bintan")]),
        ("Sekretaris DPMD Bintan, Raja Nurhasanah, S.Sos, menambahkan.",
         [("Raja Nurhasanah", "Sekretaris DPMD Bintan")]),
        ("Sekitar 250 ketua RT dari Kecamatan Telanaipura, Danau Sipin, dan Alam Barajo hadir.", []),
        ("Kasi Intelijen Kejari Jambi Riko Hutabarat memberi materi.",
         [("Riko Hutabarat", "Kasi Intelijen Kejari Jambi")]),
        # village officials of other regions, health workers, army section officers
        ("Jagabaya Kalurahan Sidoarum, Suparjo, berharap regu Linmas siap.",
         [("Suparjo", "Jagabaya Kalurahan Sidoarum")]),
        ("Hadir Pembakal Desa Sungai Rangas, Ahmad Jaini, dan warga.",
         [("Ahmad Jaini", "Pembakal Desa Sungai Rangas")]),
        ("Materi disampaikan Bidan Desa Sukamaju, Rina Marlina, Amd.Keb.", [("Rina Marlina", "Bidan Desa Sukamaju")]),
        ("Materi disampaikan oleh perawat Puskesmas Kalumpang, Dewi Sartika, S.Kep.",
         [("Dewi Sartika", "perawat Puskesmas Kalumpang")]),
        ("Turut hadir Pasi Teritorial Kodim 0801/Pacitan, Kapten Inf Joko Susilo.",
         [("Joko Susilo", "Pasi Teritorial Kodim 0801/Pacitan")]),
        # a role with its short form in brackets is no name
        ("Penjabat (Pj) Wali Kota Contoh, Dr. Andi Saputra, M.Si, membuka rakor.",
         [("Andi Saputra", "Penjabat (Pj) Wali Kota Contoh")]),
        # a district's name after a whole region is a name again ('Bambang' is also a district of Mamasa)
        ("Asisten Perekonomian Sekretaris Kota Jakarta Pusat Bambang Irawan membuka workshop.",
         [("Bambang Irawan", "Asisten Perekonomian Sekretaris Kota Jakarta Pusat")]),
        # a surname that is also a word of a region's name ('Tanjung', 'Lawang') ends the name, not the role
        ("Asisten Pemerintahan Setdako Padang Yosefrizal Tanjung membuka pelatihan.",
         [("Yosefrizal Tanjung", "Asisten Pemerintahan Setdako Padang")]),
        ("Kepala Bagian Pemerintahan Setda Kota Makassar Muhammad Idris Lawang menuturkan.",
         [("Muhammad Idris Lawang", "Kepala Bagian Pemerintahan Setda Kota Makassar")]),
        # "Senada" opens a sentence: "in the same vein"
        ("Senada, Danramil 03/Sukajadi, Kapten Inf Budi Hartono, mengajak warga.",
         [("Budi Hartono", "Danramil 03/Sukajadi")]),
    ],
)
def test_more_role_shapes(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.name, m.role) for m in merge(find_mentions(sentence, 0))] == expected


def test_a_name_after_a_village_the_article_names_is_no_appositive_of_the_next_role() -> None:
    sentence = "Hadir Wali Nagari Sungai Sariak Dodi Hendra, Bhabinkamtibmas Aipda Rahmat serta warga."
    found = merge(find_mentions(sentence, 0, frozenset({"Sungai Sariak"})))
    assert [(m.name, m.role) for m in found] == [("Dodi Hendra", "Wali Nagari Sungai Sariak"),
                                                 ("Rahmat", "Bhabinkamtibmas")]


def test_people_named_only_as_a_source_of_instructions_are_left_out() -> None:
    found = merge(find_mentions("Pelatihan ini sesuai arahan Gubernur Jawa Tengah Ahmad Luthfi agar kader aktif.", 0))
    assert found == []


def test_a_district_of_two_words_after_a_role_ends_the_role() -> None:
    local = local_places("Kecamatan Sungai Kunjang menggelar rakor RT.")
    mentions = find_mentions("Hadir Kapolsek Sungai Kunjang AKP Indra Gunawan dan Danramil Sungai Kunjang Kapten Inf"
                             " Suprapto.", 0, local)
    assert [(m.name, m.role) for m in mentions] == [("Indra Gunawan", "Kapolsek Sungai Kunjang"),
                                                    ("Suprapto", "Danramil Sungai Kunjang")]
