#!/usr/bin/env python3
"""Checks that every #include runs downward (README, "Where things are").

The layers, top to bottom: app/ -> studies/ -> model/ -> sim/. Inside a layer, folders are ordered
too (a folder may include itself and the folders listed after it). Prints each upward include
and exits 1 if there is one.
"""
import pathlib
import re
import sys

# Top to bottom: a file may include its own folder and anything below it in this list.
ORDER = [
    "app/commands", "app/report", "app/batch", "app/outputs", "app/cli", "app/text",
    "studies/optimisation", "studies/sweep", "studies/sensitivity", "studies/calibration",
    "studies/comparison", "studies/mean_field",
    "model/offices", "model/replay", "model/run", "model/channels", "model/uptake",
    "model/population", "model/scenario", "model/domain",
    "sim/mpi", "sim", "sim/io",
]
# Studies are siblings: none includes another, except through the comparison machinery
# (variant_set) that sweep and optimisation share.
SIBLINGS_ALLOWED = {("studies/sweep", "studies/comparison"), ("studies/optimisation", "studies/comparison")}


def folder_of(path: str) -> str:
    return str(pathlib.PurePosixPath(path).parent)


def rank(folder: str) -> int:
    return ORDER.index(folder) if folder in ORDER else -1


def main() -> int:
    root = pathlib.Path(__file__).resolve().parent.parent
    include = re.compile(r'^#include "((?:app|studies|model|sim)/[^"]+)"', re.M)
    problems = []
    for layer in ("app", "studies", "model", "sim"):
        for f in sorted((root / layer).rglob("*.[ch]pp")):
            rel = f.relative_to(root).as_posix()
            here = folder_of(rel)
            if rank(here) < 0:
                problems.append(f"{rel}: folder {here} is not in scripts/check_layers.py's ORDER")
                continue
            for target in include.findall(f.read_text(encoding="utf-8")):
                there = folder_of(target)
                if rank(there) < 0:
                    problems.append(f"{rel}: includes {target}, in no known folder")
                elif rank(there) < rank(here):
                    problems.append(f"{rel}: includes {target}, which is above it")
                elif (here.startswith("studies/") and there.startswith("studies/") and here != there
                      and (here, there) not in SIBLINGS_ALLOWED):
                    problems.append(f"{rel}: includes {target}, a sibling study")
    # tests/<layer> tests that layer: it may include the layer and those below, never above.
    layers = ["app", "studies", "model", "sim"]
    for i, layer in enumerate(layers):
        for f in sorted((root / "tests" / layer).rglob("*.[ch]pp")):
            rel = f.relative_to(root).as_posix()
            for target in include.findall(f.read_text(encoding="utf-8")):
                if layers.index(target.split("/")[0]) < i:
                    problems.append(f"{rel}: includes {target}, above the layer it tests")
    for p in problems:
        print(p)
    print(f"{len(problems)} upward include(s)" if problems else "every include runs downward")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
