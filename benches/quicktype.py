#!/usr/bin/env python3
"""dtogen against quicktype, TypeScript only, in the same run.

    python3 benches/quicktype.py DTOGEN QUICKTYPE [runs]

For the built-in schema and synthetic schemas of 100, 250 and 500
definitions (the shapes of benches/generate.rs: objects with nullable refs,
lists, maps, enums, inline objects, tagged and untagged unions), runs each
tool `runs` times, alternating, as a user would (a fresh process writing its
output), and prints the median wall time of each and the ratio. quicktype
reads every definition (`schema.json#/$defs/`); a run where it fails (it
overflows its stack on larger cyclic schemas) prints its error instead.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def synthetic(count):
    defs = {}
    for index in range(count):
        nxt = f"Type{(index + 1) % count}"
        other = f"Type{(index * 7 + 3) % count}"
        props = {
            "id": {"type": "integer", "format": "int64", "description": "The id."},
            "name": {"type": "string"},
            "score": {"type": ["number", "null"]},
            "created": {"type": "string", "format": "date-time"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
            "next": {"anyOf": [{"$ref": f"#/$defs/{nxt}"}, {"type": "null"}]},
            "others": {"type": "array", "items": {"$ref": f"#/$defs/{other}"}},
            "status": {"type": "string", "enum": ["active", "inactive", "pending"]},
            "detail": {"type": "object", "properties": {"note": {"type": "string"}, "count": {"type": "integer", "format": "int32"}}},
        }
        if index % 10 == 0:
            props["choice"] = {"oneOf": [
                {"type": "object", "properties": {"kind": {"const": "a"}, "a": {"type": "string"}}, "required": ["kind"]},
                {"type": "object", "properties": {"kind": {"const": "b"}, "b": {"type": "boolean"}}, "required": ["kind"]},
            ]}
            props["stop"] = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
        defs[f"Type{index}"] = {
            "type": "object",
            "description": f"Synthetic type number {index}.",
            "properties": props,
            "required": ["id", "name"],
        }
    return {"title": "Synthetic", "$defs": defs}


def wall(command):
    """Seconds the command took, or its last error line when it failed."""
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit {done.returncode}"]
        return lines[-1]
    return time.perf_counter() - start


def main():
    dtogen, quicktype = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    work = tempfile.mkdtemp(prefix="dtogen-vs-quicktype-")
    cases = [("built-in DTOs", os.path.join(root, "schema", "ai-server.schema.json"))]
    for count in (100, 250, 500):
        path = os.path.join(work, f"synthetic-{count}.schema.json")
        with open(path, "w") as out:
            json.dump(synthetic(count), out)
        cases.append((f"synthetic {count} defs", path))
    print(f"TypeScript, median wall time of {runs} runs each (alternating), whole process")
    print(f"{'schema':<22} {'dtogen ms':>10} {'quicktype ms':>13} {'quicktype / dtogen':>19}")
    for label, path in cases:
        ours, theirs = [], []
        for run in range(runs):
            out = os.path.join(work, f"out-{run}")
            ours.append(wall([dtogen, "--lang", "typescript", "--schema", path, "--out", out]))
            theirs.append(wall([quicktype, "--lang", "typescript", "--src-lang", "schema",
                                path + "#/$defs/", "-o", os.path.join(work, "quicktype.ts")]))
            if isinstance(ours[-1], str) or isinstance(theirs[-1], str):
                break
        if isinstance(ours[-1], str):
            sys.exit(f"dtogen failed on {label}: {ours[-1]}")
        a = statistics.median(ours) * 1000
        if isinstance(theirs[-1], str):
            print(f"{label:<22} {a:>10.1f} {'fails':>13}   quicktype: {theirs[-1][:60]}")
            continue
        b = statistics.median(theirs) * 1000
        print(f"{label:<22} {a:>10.1f} {b:>13.1f} {b / a:>18.0f}x")


if __name__ == "__main__":
    main()
