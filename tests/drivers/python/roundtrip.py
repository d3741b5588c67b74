"""Round-trip driver for the generated Python package.

    python3 roundtrip.py <package src dir> <TypeName> <file.json>   prints the re-encoded JSON
    python3 roundtrip.py <package src dir> --batch                  stdin: TYPE<TAB>IN<TAB>OUT per line

Decodes each file with the type's generated decoder (``DECODERS``), encodes the
value again (``to_dict`` for dataclasses) and writes the JSON.
"""

import importlib
import json
import os
import sys


def load_package(src):
    names = [n for n in sorted(os.listdir(src)) if os.path.isfile(os.path.join(src, n, "__init__.py"))]
    if len(names) != 1:
        sys.exit(f"error: expected one package under {src}, found {names}")
    sys.path.insert(0, src)
    return importlib.import_module(names[0]), importlib.import_module(names[0] + "._json")


def roundtrip(package, runtime, type_name, path):
    decode = package.DECODERS.get(type_name)
    if decode is None:
        raise KeyError(f"unknown type {type_name}")
    with open(path, encoding="utf-8") as file:
        value = decode(json.load(file), "$")
    return json.dumps(runtime.encode(value), ensure_ascii=False, indent=2) + "\n"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    package, runtime = load_package(sys.argv[1])
    if sys.argv[2] == "--batch":
        failed = 0
        for line in sys.stdin:
            if not line.strip():
                continue
            type_name, source, target = line.rstrip("\n").split("\t")
            try:
                text = roundtrip(package, runtime, type_name, source)
            except Exception as error:  # report every failing vector, keep going
                failed += 1
                print(f"{type_name} {source}: {error}", file=sys.stderr)
                continue
            with open(target, "w", encoding="utf-8") as file:
                file.write(text)
        return 1 if failed else 0
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    try:
        sys.stdout.write(roundtrip(package, runtime, sys.argv[2], sys.argv[3]))
    except Exception as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
