"""Compares two JSON files as values; prints the first difference as a JSON pointer.

Numbers compare by value (1 == 1.0), booleans never equal numbers, object key
order is ignored. Exit 0 when equal, 1 when different, 2 on unreadable input.
"""

import json
import sys


def pointer(path):
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in path) if path else "(root)"


def first_difference(expected, actual, path):
    if isinstance(expected, bool) or isinstance(actual, bool):
        same = type(expected) is type(actual) and expected == actual
        return None if same else (path, expected, actual)
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return None if expected == actual else (path, expected, actual)
    if type(expected) is not type(actual):
        return (path, expected, actual)
    if isinstance(expected, dict):
        for key in sorted(set(expected) | set(actual)):
            if key not in actual:
                return (path + [key], expected[key], "<missing>")
            if key not in expected:
                return (path + [key], "<absent>", actual[key])
            found = first_difference(expected[key], actual[key], path + [key])
            if found:
                return found
        return None
    if isinstance(expected, list):
        if len(expected) != len(actual):
            return (path, f"{len(expected)} items", f"{len(actual)} items")
        for index, (e, a) in enumerate(zip(expected, actual)):
            found = first_difference(e, a, path + [index])
            if found:
                return found
        return None
    return None if expected == actual else (path, expected, actual)


def main():
    try:
        with open(sys.argv[1], encoding="utf-8") as f:
            expected = json.load(f)
        with open(sys.argv[2], encoding="utf-8") as f:
            actual = json.load(f)
    except (OSError, ValueError, IndexError) as error:
        print(f"cannot compare: {error}")
        return 2
    found = first_difference(expected, actual, [])
    if found is None:
        return 0
    where, e, a = found
    print(f"differs at {pointer(where)}: expected {json.dumps(e, ensure_ascii=False)[:200]}, "
          f"got {json.dumps(a, ensure_ascii=False)[:200]}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
