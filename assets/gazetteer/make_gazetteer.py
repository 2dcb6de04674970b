#!/usr/bin/env python3
"""Build Sitrep's gazetteer table (gazetteer.tsv) from GeoNames dumps.

Inputs (from https://download.geonames.org/export/dump/, CC BY 4.0), all in one folder:
  cities15000.txt       the places with 15,000 people or more (or a capital), geoname columns
  admin1CodesASCII.txt  "CC.A1" -> first-level division name
  admin2Codes.txt       "CC.A1.A2" -> second-level division name
  countryInfo.txt/.tsv  ISO alpha-2 -> alpha-3 (Sitrep's country table is keyed by alpha-3)
  extra/*.txt           optional: more geoname rows (a country dump such as SY.txt); only the
                        populated places (feature class P) are taken from them

Usage: python3 make_gazetteer.py DUMP_FOLDER > gazetteer.tsv

Output, tab-separated, one place a line, sorted by geonameid, after a header line:
  geonameid name asciiname alternates fclass fcode country3 admin1 admin2 lat lon population
Alternate names are ";"-separated. Only Latin-script and Arabic-script alternates are kept,
because analysts write place names in one of those two and the others would triple the size;
duplicates of the name or ASCII name, bare codes (airport and postal codes, all digits or
upper case without a vowel-bearing word) and links are dropped too.
"""

import glob
import os
import sys
import unicodedata

# The columns of a GeoNames "geoname" row (readme.txt of the dump).
GEONAMEID, NAME, ASCIINAME, ALTERNATES, LAT, LON, FCLASS, FCODE, CC, CC2, A1, A2, A3, A4, POP = range(15)


def script_ok(name):
    """True when every letter of the name is Latin or Arabic (the two scripts kept)."""
    scripts = set()
    for ch in name:
        if not ch.isalpha():
            continue
        uname = unicodedata.name(ch, "")
        if uname.startswith("LATIN"):
            scripts.add("latin")
        elif uname.startswith("ARABIC"):
            scripts.add("arabic")
        else:
            return False
    return len(scripts) == 1


def is_code(name):
    """Airport codes (LAX), postal and numeric codes: not names anyone writes in a report."""
    if any(ch.isdigit() for ch in name):
        return True
    if "http" in name or "/" in name:
        return True
    return len(name) <= 4 and name.isupper()


def read_pairs(path, key_col, value_col):
    table = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) > max(key_col, value_col):
                table[cols[key_col]] = cols[value_col]
    return table


def alternates(cols):
    seen = {cols[NAME].casefold(), cols[ASCIINAME].casefold()}
    kept = []
    for alt in cols[ALTERNATES].split(","):
        alt = alt.strip().replace(";", " ")
        if not alt or is_code(alt) or not script_ok(alt):
            continue
        if alt.casefold() in seen:
            continue
        seen.add(alt.casefold())
        kept.append(alt)
    return ";".join(kept)


def rows(path, only_populated):
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15 or not cols[GEONAMEID].isdigit():
                continue
            if only_populated and cols[FCLASS] != "P":
                continue
            yield cols


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "."
    admin1 = read_pairs(os.path.join(folder, "admin1CodesASCII.txt"), 0, 1)
    admin2 = read_pairs(os.path.join(folder, "admin2Codes.txt"), 0, 1)
    info = next(p for p in (os.path.join(folder, n) for n in ("countryInfo.txt", "countryInfo.tsv"))
                if os.path.exists(p))
    alpha3 = read_pairs(info, 0, 1)

    places = {}
    for cols in rows(os.path.join(folder, "cities15000.txt"), False):
        places[int(cols[GEONAMEID])] = cols
    for extra in sorted(glob.glob(os.path.join(folder, "extra", "*.txt"))):
        for cols in rows(extra, True):
            places.setdefault(int(cols[GEONAMEID]), cols)

    out = sys.stdout
    out.write("geonameid\tname\tasciiname\talternates\tfclass\tfcode\tcountry3\tadmin1\tadmin2"
              "\tlat\tlon\tpopulation\n")
    for gid in sorted(places):
        cols = places[gid]
        cc = cols[CC]
        a1 = admin1.get(f"{cc}.{cols[A1]}", cols[A1])
        a2 = admin2.get(f"{cc}.{cols[A1]}.{cols[A2]}", cols[A2])
        # Coordinates to 5 decimals (about a metre), as GeoNames gives them.
        fields = [str(gid), cols[NAME], cols[ASCIINAME], alternates(cols), cols[FCLASS],
                  cols[FCODE], alpha3.get(cc, cc), a1, a2, cols[LAT], cols[LON],
                  cols[POP] or "0"]
        out.write("\t".join(f.replace("\t", " ") for f in fields) + "\n")


if __name__ == "__main__":
    main()
