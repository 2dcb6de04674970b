#!/usr/bin/env python3
"""Reduce Natural Earth's admin-0 countries (GeoJSON) to the small text file the map draws.

Usage: python3 make_borders.py ne_110m_admin_0_countries.geojson > countries_110m.txt

The output is plain text, one country after another:

    C<TAB>ISO code<TAB>name
    lon lat lon lat ...        (one ring per line, outer rings and holes alike)

Coordinates keep three decimals (about 100 m, finer than the 1:110m data itself) and a point
equal to the one before it after rounding is dropped, so the file stays small. Lines starting
with '#' are comments.
"""

import json
import sys

DECIMALS = 3


def iso_code(props):
    """ISO 3166-1 alpha-3, falling back to the codes Natural Earth fills when ISO has none
    (France and Norway have -99 in ISO_A3 at this scale)."""
    for key in ("ISO_A3", "ISO_A3_EH", "ADM0_A3"):
        code = props.get(key)
        if code and code != "-99":
            return code
    return "---"


def rings_of(geometry):
    """Every ring of a Polygon or MultiPolygon, as lists of [lon, lat]."""
    kind = geometry["type"]
    if kind == "Polygon":
        return list(geometry["coordinates"])
    if kind == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def compact(ring):
    """The ring rounded, without repeats; None when fewer than three points are left."""
    out = []
    for lon, lat, *_ in ring:
        point = (round(lon, DECIMALS), round(lat, DECIMALS))
        if not out or out[-1] != point:
            out.append(point)
    return out if len(out) >= 3 else None


def number(x):
    """A coordinate as short as it can be written: no trailing zeros, no '-0'."""
    text = f"{x:.{DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def main(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    out = sys.stdout
    out.write("# Country borders: Natural Earth 1:110m admin-0 countries (public domain),\n")
    out.write("# reduced by assets/borders/make_borders.py. See assets/borders/NOTE.md.\n")
    for feature in data["features"]:
        props = feature["properties"]
        name = (props.get("NAME") or props.get("ADMIN") or "").replace("\t", " ")
        rings = [r for r in map(compact, rings_of(feature["geometry"])) if r]
        if not rings:
            continue
        out.write(f"C\t{iso_code(props)}\t{name}\n")
        for ring in rings:
            out.write(" ".join(f"{number(lon)} {number(lat)}" for lon, lat in ring))
            out.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
