#!/usr/bin/env python3
"""Generate the hostile-file corpus in this folder (run once; the output is committed).

Each case is a broken or hostile variant of one small valid project. The file
`expected.tsv` maps each file name to a fragment its load error must contain;
`tests/hostile.rs` checks both. Re-running this script rewrites the files.
"""
import copy
import hashlib
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
TEXT = ("Two aircraft struck a fuel convoy west of Al-Qa\u2019im late on Saturday, "
        "according to a local official. \U0001F4CD Four drivers were killed.")


def sha(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ann(aid, tag, exact, entity=None, claim=None):
    start = TEXT.index(exact)
    end = start + len(exact)
    a = {"id": aid, "article": "art-1", "tag": tag, "start": start, "end": end,
         "exact": exact, "prefix": TEXT[max(0, start - 32):start],
         "suffix": TEXT[end:end + 32], "entity": entity, "note": "",
         "created": "2026-11-24T09:05:00Z"}
    if claim is not None:
        a["claim"] = claim
    return a


def base():
    return {
        "format": "sitrep/project",
        "version": 1,
        "name": "Hostile corpus base",
        "created": "2026-11-24T09:00:00Z",
        "modified": "2026-11-24T09:40:12Z",
        "tags": [
            {"id": "actor", "label": "Actor", "color": "#e8a33d", "key": "a"},
            {"id": "location", "label": "Location", "color": "#3d9be8", "key": "l"},
            {"id": "claim", "label": "Claim", "color": "#b36be8", "key": "c"},
        ],
        "articles": [
            {"id": "art-1", "title": "Convoy struck", "source": "Wire", "url": None,
             "published": "2024-03-11", "imported_from": "convoy.txt",
             "text": TEXT, "text_sha256": sha(TEXT)},
        ],
        "entities": [
            {"id": "ent-1", "tag": "location", "name": "Al-Qa'im", "aliases": [],
             "lat": 34.37, "lon": 41.09, "note": ""},
            {"id": "ent-2", "tag": "actor", "name": "Local official", "aliases": [],
             "lat": None, "lon": None, "note": ""},
        ],
        "annotations": [
            ann("ann-1", "location", "Al-Qa\u2019im", entity="ent-1"),
            ann("ann-2", "claim", "Four drivers were killed",
                claim={"source": "ent-2", "status": "reported"}),
        ],
        "incidents": [
            {"id": "inc-1", "title": "Air strike on fuel convoy", "date": "2024-03-09",
             "date_precision": "day", "event_type": "Air/drone strike",
             "location": "ent-1", "actors": [{"entity": "ent-2", "role": "other"}],
             "fatalities": {"low": 4, "best": 4, "high": None},
             "evidence": ["ann-1", "ann-2"], "confidence": "medium", "notes": ""},
        ],
    }


def dumps(p):
    return (json.dumps(p, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


CASES = []


def case(name, fragment, data):
    """Register a case: `data` is bytes, or a function taking a fresh base project."""
    if callable(data):
        p = base()
        data(p)
        data = dumps(p)
    CASES.append((name, fragment, data))


valid = dumps(base())

# --- Encoding and syntax ---
case("empty.sitrep", "the file is empty", b"")
case("whitespace-only.sitrep", "the file is empty", b"  \n\t\n")
case("invalid-utf8.sitrep", "not UTF-8 text (invalid byte at offset 52)",
     valid[:52] + b"\xff\xfe" + valid[54:])
case("latin1-text.sitrep", "not UTF-8 text", valid.replace("Al-Qa\u2019im".encode(), b"Al-Qa\xe9im", 1))
case("utf16.sitrep", "not UTF-8 text (invalid byte at offset 0)",
     "\ufeff".encode("utf-16-le") + valid.decode().encode("utf-16-le"))
case("gzip.sitrep", "not UTF-8 text", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\x00" * 20)
case("truncated-half.sitrep", "cut short (truncated)", valid[: len(valid) // 2])
case("truncated-last-brace.sitrep", "cut short (truncated)", valid.rstrip()[:-1])
case("unterminated-string.sitrep", "cut short (truncated)",
     b'{"format": "sitrep/project", "version": 1, "name": "' + b"A" * 5000)
case("trailing-garbage.sitrep", "trailing characters", valid + b"{}\n")
case("two-documents.sitrep", "trailing characters", valid + valid)
case("nan-latitude.sitrep", "NaN is not a number JSON allows",
     valid.replace(b'"lat": 34.37', b'"lat": NaN'))
case("infinity-longitude.sitrep", "Infinity is not a number JSON allows",
     valid.replace(b'"lon": 41.09', b'"lon": Infinity'))
case("negative-infinity-offset.sitrep", "-Infinity is not a number JSON allows",
     valid.replace(b'"start": 42', b'"start": -Infinity', 1))
case("raw-control-char.sitrep", "control character",
     valid.replace(b'"Hostile corpus base"', b'"Hostile\x01corpus"'))
case("lone-surrogate.sitrep", "a string holds a broken \\u escape",
     valid.replace(b'"Hostile corpus base"', b'"Hostile \\ud800 corpus"'))
case("single-quotes.sitrep", "key must be a string", b"{'format': 'sitrep/project'}")
case("comment.sitrep", "comments are not allowed in JSON",
     b'{"format": "sitrep/project", // a comment\n"version": 1}')
case("deep-nesting.sitrep", "nested too deeply",
     valid.replace(b'"name": "Hostile corpus base"',
                   b'"name": "x", "deep": ' + b"[" * 100000 + b"]" * 100000, 1))
case("deep-nesting-objects.sitrep", "nested too deeply",
     valid.replace(b'"name": "Hostile corpus base"',
                   b'"name": "x", "deep": ' + b'{"a":' * 5000 + b"1" + b"}" * 5000, 1))

# --- Not a project ---
case("top-level-array.sitrep", "the file holds a JSON array", b"[1, 2, 3]\n")
case("top-level-number.sitrep", "the file holds a JSON number", b"42\n")
case("top-level-string.sitrep", "the file holds a JSON string", b'"sitrep/project"\n')
case("top-level-null.sitrep", "the file holds a bare JSON value", b"null\n")
case("html-page.sitrep", "expected value", b"<!doctype html><html><body>404</body></html>\n")
case("no-format.sitrep", "the format field is missing", lambda p: p.pop("format"))
case("wrong-format.sitrep", 'format is "label-studio"', lambda p: p.update(format="label-studio"))
case("incident-file.sitrep", "this is a Sitrep incident file",
     lambda p: p.update(format="sitrep/incident"))
case("newer-version.sitrep", "written by a newer Sitrep (file version 2",
     lambda p: p.update(version=2))
case("huge-version.sitrep", "file version 18446744073709551615",
     valid.replace(b'"version": 1', b'"version": 18446744073709551615'))
case("version-zero.sitrep", "0 is not a Sitrep file version", lambda p: p.update(version=0))
case("version-string.sitrep", 'version: expected a whole number, found "1"',
     lambda p: p.update(version="1"))
case("version-float.sitrep", "version: expected a whole number, found 1.5",
     lambda p: p.update(version=1.5))
case("version-missing.sitrep", "version: expected a whole number, found nothing",
     lambda p: p.pop("version"))

# --- Wrong types and shapes ---
case("articles-not-list.sitrep", "articles: invalid type: map, expected a sequence",
     lambda p: p.update(articles={}))
case("name-null.sitrep", "name: invalid type: null, expected a string",
     lambda p: p.update(name=None))
case("missing-text.sitrep", "missing field `text`", lambda p: p["articles"][0].pop("text"))
case("start-string.sitrep", 'annotations[0].start: invalid type: string "42"',
     lambda p: p["annotations"][0].update(start="42"))
case("duplicate-key.sitrep", "duplicate field `name`",
     valid.replace(b'"name": "Hostile corpus base",',
                   b'"name": "Hostile corpus base", "name": "again",', 1))
case("bad-date.sitrep", "articles[0].published", lambda p: p["articles"][0].update(published="2024-13-45"))
case("bad-timestamp.sitrep", "created: input contains invalid characters",
     lambda p: p.update(created="yesterday"))
case("bad-claim-status.sitrep", "unknown variant `rumoured`",
     lambda p: p["annotations"][1]["claim"].update(status="rumoured"))
case("negative-fatalities.sitrep", "fatalities.low: invalid value: integer `-4`",
     lambda p: p["incidents"][0]["fatalities"].update(low=-4))

# --- Offsets ---
case("negative-offset.sitrep", "annotations[0].start: invalid value: integer `-1`, expected usize",
     lambda p: p["annotations"][0].update(start=-1))
case("u64-max-offset.sitrep", "span 42..18446744073709551615 lies outside the text",
     valid.replace(b'"end": 50', b'"end": 18446744073709551615', 1))
case("offset-1e30.sitrep", "invalid type: floating point `1e+30`, expected usize",
     valid.replace(b'"end": 50', b'"end": 1e30', 1))
case("offset-beyond-u64.sitrep", "expected usize",
     valid.replace(b'"end": 50', b'"end": 123456789012345678901234567890', 1))
case("offset-fraction.sitrep", "invalid type: floating point `42.5`",
     valid.replace(b'"start": 42', b'"start": 42.5', 1))
case("start-after-end.sitrep", "start 50 is not before end 42",
     lambda p: p["annotations"][0].update(start=50, end=42))
case("empty-span.sitrep", "start 42 is not before end 42",
     lambda p: p["annotations"][0].update(end=42))
case("past-end-of-text.sitrep", "lies outside the text of article art-1",
     lambda p: p["annotations"][1].update(end=10_000))
case("utf16-offsets.sitrep", "does not match the text",
     # What a JavaScript tool writes: the emoji counted as two units shifts the span by one.
     lambda p: p["annotations"][1].update(start=p["annotations"][1]["start"] + 1,
                                         end=p["annotations"][1]["end"] + 1))
case("quote-mismatch.sitrep", "quote \"Al-Qaim\" does not match the text",
     lambda p: p["annotations"][0].update(exact="Al-Qaim"))
case("hash-mismatch.sitrep", "text_sha256 0000 does not match the text",
     lambda p: p["articles"][0].update(text_sha256="0000"))
case("carriage-return.sitrep", "the text contains a carriage return",
     lambda p: p["articles"][0].update(text=TEXT + "\r\n", text_sha256=sha(TEXT + "\r\n")))

# --- Duplicate ids, one per kind ---
def dup_tag(p):
    p["tags"].append(dict(p["tags"][0], key="z"))
case("duplicate-tag-id.sitrep", "tag actor: the id is used more than once", dup_tag)
case("duplicate-article-id.sitrep", "article art-1: the id is used more than once",
     lambda p: p["articles"].append(copy.deepcopy(p["articles"][0])))
case("duplicate-entity-id.sitrep", "entity ent-1: the id is used more than once",
     lambda p: p["entities"].append(copy.deepcopy(p["entities"][0])))
case("duplicate-annotation-id.sitrep", "annotation ann-1: the id is used more than once",
     lambda p: p["annotations"][1].update(id="ann-1"))
case("duplicate-incident-id.sitrep", "incident inc-1: the id is used more than once",
     lambda p: p["incidents"].append(copy.deepcopy(p["incidents"][0])))
case("duplicate-orphan-id.sitrep", "annotation ann-2: the id is used more than once",
     lambda p: p.update(orphans=[copy.deepcopy(p["annotations"][1])]))

# --- Dangling references, one per kind ---
case("dangling-annotation-article.sitrep", 'annotation ann-1: article "art-9" does not exist',
     lambda p: p["annotations"][0].update(article="art-9"))
case("dangling-annotation-tag.sitrep", 'annotation ann-1: tag "weapon" does not exist',
     lambda p: p["annotations"][0].update(tag="weapon"))
case("dangling-annotation-entity.sitrep", 'annotation ann-1: entity "ent-9" does not exist',
     lambda p: p["annotations"][0].update(entity="ent-9"))
case("dangling-claim-source.sitrep", 'annotation ann-2: claim source "ent-9" does not exist',
     lambda p: p["annotations"][1]["claim"].update(source="ent-9"))
case("dangling-entity-tag.sitrep", 'entity ent-1: tag "place" does not exist',
     lambda p: p["entities"][0].update(tag="place"))
case("dangling-incident-location.sitrep", 'incident inc-1: location "ent-9" does not exist',
     lambda p: p["incidents"][0].update(location="ent-9"))
case("dangling-incident-actor.sitrep", 'incident inc-1: actor "ent-9" does not exist',
     lambda p: p["incidents"][0]["actors"][0].update(entity="ent-9"))
case("dangling-incident-evidence.sitrep", 'incident inc-1: evidence "ann-9" does not exist',
     lambda p: p["incidents"][0].update(evidence=["ann-1", "ann-9"]))
def orphan_dangling(p):
    o = copy.deepcopy(p["annotations"][1])
    o.update(id="ann-3", article="art-9")
    p["orphans"] = [o]
case("dangling-orphan-article.sitrep", 'orphaned annotation ann-3: article "art-9" does not exist',
     orphan_dangling)

# --- Other rules ---
def drop_claim_tag(p):
    p["tags"] = p["tags"][:2]
    p["annotations"].pop(1)
    p["incidents"][0]["evidence"] = ["ann-1"]
case("missing-builtin-tag.sitrep", "tag claim: the built-in tag is missing", drop_claim_tag)
case("bad-colour.sitrep", 'colour "red" is not of the form #rrggbb',
     lambda p: p["tags"][0].update(color="red"))
case("latitude-1e30.sitrep", "entity ent-1: lat 1000000000000000000000000000000 is not a valid coordinate",
     lambda p: p["entities"][0].update(lat=1e30))
case("latitude-overflow.sitrep", "number out of range",
     valid.replace(b'"lat": 34.37', b'"lat": 1e400'))
case("fatalities-order.sitrep", "fatalities must satisfy low <= best <= high",
     lambda p: p["incidents"][0]["fatalities"].update(low=10, best=4))
case("many-problems.sitrep", "100 problems: annotation ann-1: the id is used more than once",
     lambda p: p["annotations"].extend(copy.deepcopy(p["annotations"][0]) for _ in range(100)))


def main():
    for name in os.listdir(HERE):
        if name.endswith(".sitrep"):
            os.remove(os.path.join(HERE, name))
    rows = ["# file\texpected fragment of the load error (generated by generate.py)"]
    seen = set()
    for name, fragment, data in CASES:
        assert name not in seen, name
        seen.add(name)
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
        rows.append(f"{name}\t{fragment}")
    with open(os.path.join(HERE, "expected.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    with open(os.path.join(HERE, "valid-base.json"), "wb") as f:
        f.write(valid)
    print(f"{len(CASES)} cases")


main()
