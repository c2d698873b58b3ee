"""The agency that held the event: 'melalui DPMPPA', 'X menggelar ...', 'diselenggarakan oleh X', 'dari X'."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import lexicon, places


@dataclass(frozen=True)
class Organizer:
    """Short name (acronym with region when given) and the long form when the text spells it out."""

    name: str
    long: str | None
    start: int


_VERBS = r"(?:menggelar|gelar|menyosialisasikan|mensosialisasikan|sosialisasikan|melatih|latih|membina|bina|mengadakan|adakan|menyelenggarakan|selenggarakan|melaksanakan|laksanakan|membekali|" \
         r"memberikan|kembali\s+menggelar|sukses\s+menggelar|resmi\s+menggelar|bekali|menginisiasi)\b"
# A place set off by commas after a body's name: ", Kecamatan Lowokwaru,", ", Jawa Tengah,".
_PLACE_APPOSITION = (r"(?:(?:Kecamatan|Kabupaten|Kota|Provinsi|Kab\.)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?|"
                     r"(?:Jawa|Sumatera|Sumatra|Kalimantan|Sulawesi|Nusa\s+Tenggara|Papua|Maluku)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|"
                     r"Aceh|Riau|Jambi|Bengkulu|Lampung|Banten|Bali|Gorontalo|DKI\s+Jakarta|D\.?I\.?\s*Yogyakarta|"
                     r"Kepulauan\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)")
_BEFORE = r"(?:melalui|digelar\s+oleh|diselenggarakan\s+oleh|diadakan\s+oleh|dilaksanakan\s+oleh|diinisiasi\s+oleh|" \
          r"yang\s+diinisiasi\s+oleh|diprakarsai\s+oleh|difasilitasi\s+oleh|oleh|dari)"


@cache
def _agency_start() -> re.Pattern[str]:
    """Where an agency name may begin."""
    data = lexicon.load("places")["agencies"]
    heads = lexicon.alternation(data["heads"] + data["acronyms"])
    return re.compile(rf"\b(?:{heads})\b|\b[A-Z][A-Z0-9]{{2,}}(?:-[A-Z0-9]+)?\b")


_WORD = re.compile(r"\(?[A-Z][\w.&'’-]*\)?|\(?[A-Z0-9]{2,}[\w-]*\)?|dan|&|serta|,")
_REGION = re.compile(r"(?:Kota|Kabupaten|Kab\.|Provinsi|Prov\.|Kecamatan|Kelurahan|Desa)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?")


_PAREN = re.compile(r"\s*\(\s*([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2})\s*\)")


def _acronym_like(text: str) -> bool:
    """'DPMPPA', 'Dinsos-PM', 'Dinas PMPD', 'Dinpermasdes': a parenthesised short name."""
    return len(text) <= 25 and (sum(c.isupper() for c in text) >= 2 or " " not in text)


def _extend(sentence: str, start: int) -> tuple[int, str | None]:
    """End of an agency name starting at `start`, and its '(ACRONYM)' when the text gives one."""
    pos = start
    end = start
    acronym = None
    while True:
        paren = _PAREN.match(sentence, pos)
        if paren and end > start:
            if not _acronym_like(paren.group(1)):
                break
            acronym = paren.group(1)
            pos = end = paren.end()
            continue
        m = re.match(r"\s*([A-Z][\w.&'’-]*|dan\b|&|serta\b|,)", sentence[pos:])
        if not m:
            break
        word = m.group(1)
        if word in (",", "dan", "&", "serta"):
            rest = sentence[pos + m.end():]
            ahead = re.match(r"\s*[A-Z][\w-]*(?:\s*,?\s+(?:[A-Z][\w-]*|dan|&))*\s*\(([A-Z][\w\s-]*)\)", rest)
            if word == "," and not ahead:
                break
            if word != "," and not re.match(r"\s*[A-Z]", rest):
                break
            pos += m.end()
            continue
        if word.lower().rstrip(".") in _STOP_WORDS and not re.search(r"(Penggerak|TP)\s*$", sentence[start:pos]):
            break
        pos += m.end()
        end = pos
    return end, acronym


_STOP_WORDS = {"selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "senin", "tahun", "pada", "di", "se",
               "lpm", "bkm", "pkk", "rt", "rw", "kpm", "lkk"}


def _region_after(sentence: str, end: int) -> tuple[str | None, int]:
    """'Kota Pekalongan' right after an agency name (already part of it or following), or 'setempat'."""
    m = re.match(r"\s*(setempat)\b", sentence[end:])
    if m:
        return "setempat", end + m.end()
    return None, end


def _clean(name: str) -> str:
    """Trim punctuation and trailing joiners."""
    name = re.sub(r"\s+", " ", name).strip(" ,.;:")
    return re.sub(r"\s+(dan|serta|&)$", "", name)


def _build(sentence: str, start: int, local_region: str | None) -> Organizer | None:
    """Organizer from an agency name at `start`."""
    end, acronym = _extend(sentence, start)
    if end <= start:
        return None
    text = _clean(sentence[start:end])
    if acronym:
        text = _clean(text.replace(f"({acronym})", " "))
    region_match = re.search(r"\s((?:Kota|Kabupaten|Kab\.|Provinsi|Prov\.)\s+.+)$", text)
    region = region_match.group(1) if region_match else None
    setempat, _ = _region_after(sentence, end)
    if setempat and local_region and not region:
        region = local_region
    head = text[:region_match.start()] if region_match else text
    if head.strip().lower() in {"pemerintah", "kota", "kabupaten", "provinsi"} or len(head) < 3:
        return None
    if places.key(head) in places.by_name() or places.key(head) in places.provinces():
        return None
    short = acronym or head
    name = f"{short} {region}" if region else short
    long_form = f"{head} {region}" if acronym and region else (head if acronym else None)
    return Organizer(_clean(name), _clean(long_form) if long_form else None, start)


def _is_government(sentence: str, start: int) -> bool:
    """'Pemerintah Kota X'/'Pemkot X' as the organiser, when no agency is named."""
    return bool(re.match(r"(Pemerintah\s+(Kota|Kabupaten|Provinsi)|Pem(kot|kab|prov))\b", sentence[start:]))


def _local_region(sentence: str) -> str | None:
    """The region 'setempat' refers to: 'Pemerintah Kota X' / 'Pemkab X' in the same sentence."""
    gov = re.search(r"\b(?:Pemerintah\s+(Kota|Kabupaten|Provinsi)|Pem(kot|kab|prov))\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)",
                    sentence)
    if not gov:
        return None
    kind = gov.group(1) or {"kot": "Kota", "kab": "Kabupaten", "prov": "Provinsi"}[gov.group(2)]
    return f"{kind} {gov.group(3)}"


def find_organizer(sentence: str, local_region: str | None = None) -> Organizer | None:
    """The organiser named in one sentence, by cue strength; 'setempat' takes the sentence's government region."""
    local_region = _local_region(sentence) or local_region
    starts = [m.start() for m in _agency_start().finditer(sentence)
              if not re.search(r"\([^)]*$", sentence[max(0, m.start() - 25):m.start()])]
    if not starts:
        return None
    # 'melalui X' after a government subject, then 'X menggelar', then 'oleh X', then 'dari X'
    for cue in (r"melalui", None,
                r"(?:digelar|diselenggarakan|diadakan|dilaksanakan|diinisiasi|diprakarsai|difasilitasi)(?:\s+oleh)?",
                r"(?:mendapat(?:kan)?|menerima|memperoleh)\s+[\w\s]{3,40}?\s+dari", r"oleh"):
        for start in starts:
            if cue is None:
                end, _ = _extend(sentence, start)
                after = sentence[end:]
                after = re.sub(r"^\s*setempat\b", "", after)
                # an apposition between the body and its verb: 'Kelurahan X, Kecamatan Y, menggelar'
                after = re.sub(rf"^\s*,\s*{_PLACE_APPOSITION}\s*,", "", after)
                partner = re.match(r"\s*(?:bersama(?:\s+dengan)?|bekerja\s*sama\s+dengan)\s+(?=[A-Z])", after)
                if partner:  # 'X bersama Y menggelar': X holds it
                    p_start = end + len(sentence[end:]) - len(after) + partner.end()
                    after = sentence[_extend(sentence, p_start)[0]:]
                if re.match(rf"\s*(?:{_VERBS})", after) and not _is_government(sentence, start):
                    org = _build(sentence, start, local_region)
                    if org:
                        return org
                continue
            before = sentence[max(0, start - 60):start]
            if re.search(rf"\b{cue}\s*$", before):
                org = _build(sentence, start, local_region)
                if org and not _is_government(sentence, start):
                    return org
    return _government(sentence, starts)


def _government(sentence: str, starts: list[int]) -> Organizer | None:
    """'Pemerintah Kota Bekasi menggelar ...' when no agency is named as the organiser."""
    for start in starts:
        if not _is_government(sentence, start):
            continue
        m = re.match(r"(Pemerintah\s+(?:Kota|Kabupaten|Provinsi)|Pem(?:kot|kab|prov))\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)"
                     rf"(?:\s*,\s*{_PLACE_APPOSITION}\s*,)?\s+{_VERBS}", sentence[start:])
        if m:
            name = f"{m.group(1)} {m.group(2)}"
            return Organizer(name, None, start)
    return None
