"""The gazetteer of Indonesian cities (kota) and regencies (kabupaten), their provinces and coordinates."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from . import lexicon
from .lexicon import VOCAB_DIR

KOTA, KAB = "Kota", "Kabupaten"
@dataclass(frozen=True)
class Region:
    """One kota or kabupaten."""

    code: str
    kind: str
    name: str
    province: str
    lat: float | None
    lon: float | None

    @property
    def full(self) -> str:
        """'Kota Pekalongan'."""
        return f"{self.kind} {self.name}"


@cache
def kind_cues() -> dict[str, str]:
    """Words right before a place name that tell its kind ('pemkot' -> Kota, 'bupati' -> Kabupaten)."""
    return dict(lexicon.load("places")["regions"]["kind_cues"])


@cache
def not_region_after() -> frozenset[str]:
    """Words right before a place name that make it a district, a street or a building instead."""
    return frozenset(lexicon.load("places")["regions"]["not_region_after"])


@cache
def _province_data() -> dict[str, dict]:
    """vocab/provinces.json: the gazetteer's province names to rename, and each province's aliases."""
    return json.loads((VOCAB_DIR / "provinces.json").read_text(encoding="utf-8"))


@cache
def regions() -> tuple[Region, ...]:
    """Every kota and kabupaten of the bundled gazetteer."""
    # the province as the news and BPS write it where the gazetteer's name differs ('DKI Jakarta')
    renamed = _province_data()["gazetteer_names"]
    with open(VOCAB_DIR / "regions.csv", encoding="utf-8") as handle:
        return tuple(
            Region(r["code"], r["kind"], r["name"], renamed.get(r["province"], r["province"]),
                   float(r["lat"]) if r["lat"] else None, float(r["lon"]) if r["lon"] else None)
            for r in csv.DictReader(handle)
        )


_KEY_WORDS = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """Comparison key of a place name (cached: the same words are asked about in every article)."""
    return " ".join(_KEY_WORDS.findall(name.lower().replace("-", " ")))


@cache
def by_name() -> dict[str, tuple[Region, ...]]:
    """Name key (or another spelling's) -> the regions of that name (a Kota and a Kabupaten may share one)."""
    table: dict[str, list[Region]] = {}
    for region in regions():
        table.setdefault(key(region.name), []).append(region)
    for other, name in other_spellings().items():
        if key(other) != key(name):
            table.setdefault(key(other), []).extend(table.get(key(name), []))
    return {k: tuple(dict.fromkeys(v)) for k, v in table.items()}


@cache
def other_spellings() -> dict[str, str]:
    """Spellings of region names in the news that differ from the gazetteer's ('Palangkaraya')."""
    return dict(lexicon.load("places")["regions"]["other_spellings"])


@cache
def by_code() -> dict[str, Region]:
    """Kemendagri code -> region."""
    return {r.code: r for r in regions()}


@cache
def kecamatan() -> dict[str, tuple[str, ...]]:
    """District name key -> codes of the regions that have a district of that name."""
    table: dict[str, list[str]] = {}
    with open(VOCAB_DIR / "kecamatan.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            table.setdefault(key(row["name"]), []).append(row["regency_code"])
    return {k: tuple(v) for k, v in table.items()}


@cache
def provinces() -> dict[str, str]:
    """Province name or alias key -> full province name."""
    aliases = _province_data()["aliases"]
    table = {key(name): name for name in aliases}
    for name, alts in aliases.items():
        for alt in alts:
            table[key(alt)] = name
    return table


def find(name: str, kind: str | None = None) -> Region | None:
    """The region of that name and kind; without a kind only when the name is unambiguous."""
    found = by_name().get(key(name), ())
    if kind:
        found = tuple(r for r in found if r.kind == kind)
    return found[0] if len(found) == 1 else None


def parse_city(city: str) -> Region | None:
    """'Kota Pekalongan', 'Kab. Batang', 'Kabupaten Batang' or an unambiguous bare name -> region."""
    match = re.match(r"\s*(kota|kabupaten|kab\.?)\s+(.+)", city, re.I)
    if match:
        return find(match.group(2), KOTA if match.group(1).lower() == "kota" else KAB)
    return find(city)


def locate(city: str) -> tuple[float, float] | None:
    """Coordinates of a kota/kabupaten for the map, or None when unknown."""
    if not isinstance(city, str) or not city.strip():
        return None
    region = parse_city(city)
    if region is None or region.lat is None or region.lon is None:
        return None
    return (region.lat, region.lon)


def district_region(words: list[str]) -> Region | None:
    """The region of the district named by the leading words ('Tembalang ...'), when unambiguous."""
    for size in range(min(4, len(words)), 0, -1):
        codes = kecamatan().get(key(" ".join(words[:size])), ())
        if len(set(codes)) == 1:
            return by_code().get(codes[0])
    return None


def provinces_forms() -> list[str]:
    """Every province name and alias as written (for the phrase matcher)."""
    aliases = _province_data()["aliases"]
    return sorted({*aliases, *[a for alts in aliases.values() for a in alts]})
