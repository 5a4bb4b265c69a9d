#!/usr/bin/env python3
"""Lists the pairs of files under src/ that import each other.

A file imports another when a `use` item or an inline path (`crate::`, `super::`, `self::`, a
child module's name) resolves to it. A folder's mod.rs and the files below it are not a pair.
Usage: scripts/import_cycles.py [PREFIX]   (PREFIX filters the pairs, e.g. src/tui)
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SRC = os.path.join(ROOT, "src")


def module_of(path):
    rel = os.path.relpath(path, SRC)[:-3].split(os.sep)
    if rel[-1] in ("mod", "lib", "main"):
        rel = rel[:-1]
    return tuple(rel)


def files():
    out = {}
    for d, _, names in os.walk(SRC):
        for n in names:
            if n.endswith(".rs"):
                p = os.path.join(d, n)
                m = module_of(p)
                if m in out and n in ("main.rs",):
                    continue
                out[m] = p
    return out


def strip(text):
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r'"(\\.|[^"\\])*"', '""', text)


def expand(tree):
    """`a::{b, c::{d}}` into ["a::b", "a::c::d"]."""
    tree = tree.strip()
    i = tree.find("{")
    if i < 0:
        return [re.sub(r"\s+as\s+\w+$", "", tree)]
    prefix, body = tree[:i], tree[i + 1 : tree.rfind("}")]
    parts, depth, cur = [], 0, ""
    for ch in body:
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        depth += ch == "{"
        depth -= ch == "}"
        cur += ch
    parts.append(cur)
    out = []
    for p in parts:
        if p.strip():
            out.extend(prefix + x for x in expand(p))
    return out


def resolve(segs, here, is_dir_mod, mods):
    """Module path a `::`-path points into, or None for an outside crate."""
    base = list(here)
    if segs[0] == "crate":
        base, segs = [], segs[1:]
    elif segs[0] in ("super", "self"):
        while segs and segs[0] in ("super", "self"):
            if segs[0] == "super":
                base = base[:-1]
            segs = segs[1:]
    elif tuple(here) + (segs[0],) in mods:
        pass  # a child module by its bare name
    else:
        return None
    best = tuple(base)
    cur = list(base)
    for s in segs:
        cur.append(s)
        if tuple(cur) in mods:
            best = tuple(cur)
        else:
            break
    return best


def imports(path, here, mods):
    text = strip(open(path, encoding="utf-8").read())
    paths = []
    for m in re.finditer(r"\buse\s+([^;]+);", text):
        paths.extend(expand(m.group(1)))
    paths.extend(m.group(0) for m in re.finditer(r"\b(?:crate|super|self|\w+)(?:::\w+)+", text))
    out = set()
    for p in paths:
        segs = [s for s in re.split(r"\s*::\s*", p.strip()) if s]
        if not segs or segs[0] == "*":
            continue
        target = resolve(segs, here, None, mods)
        if target is not None and target != tuple(here):
            out.add(target)
    return out


def main():
    prefix = sys.argv[1] if len(sys.argv) > 1 else "src"
    mods = files()
    deps = {m: imports(p, m, mods) for m, p in mods.items()}
    pairs = []
    for a in sorted(mods):
        for b in sorted(deps[a]):
            if a < b and a in deps.get(b, ()):
                if a == b[: len(a)] or b == a[: len(b)]:
                    continue  # a folder's mod.rs and its own descendants
                pa, pb = (os.path.relpath(mods[x], ROOT) for x in (a, b))
                if pa.startswith(prefix) or pb.startswith(prefix):
                    pairs.append((pa, pb))
    for pa, pb in pairs:
        print(f"{pa} <-> {pb}")
    print(f"{len(pairs)} pairs", file=sys.stderr)


if __name__ == "__main__":
    main()
