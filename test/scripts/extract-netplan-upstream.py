#!/usr/bin/env python3
"""Extracts the YAML inputs of netplan's generator tests into fixture folders.

netplan's own test suite (tests/generator/*.py of the netplan.io source) feeds
YAML to `netplan generate` through `self.generate(yaml, confs={...})`. These
inputs are facts about what netplan accepts and rejects; this script copies
them (and nothing else) into one folder per call:

    <out>/<test file>-<test name>[-n]/a.yaml   (+ <conf>.yaml of confs=)

Python's own parser reads the test files (their string literals use every
Python quoting form), so this helper is Python, not TypeScript. Calls whose
YAML is not a constant (built from variables at run time) are skipped, as are
calls with extra command-line arguments. Identical inputs are kept once.

Usage: extract-netplan-upstream.py <netplan source dir> <out dir>
  where the source dir holds tests/generator (a `git archive 0.106` of
  canonical/netplan, or `apt-get source netplan.io` on Debian 12).
"""

import ast
import hashlib
import os
import sys


class NotConstant(Exception):
    pass


def value(node):
    """The value of a constant expression: literals, '...' % (...), '...'.format(...), textwrap.dedent('...')."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.Tuple, ast.List)):
        return [value(e) for e in node.elts]
    if isinstance(node, ast.Dict):
        return {value(k): value(v) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        left, right = value(node.left), value(node.right)
        return left % (tuple(right) if isinstance(right, list) else right)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return value(node.left) + value(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr == "format" and not node.keywords:
            return value(node.func.value).format(*[value(a) for a in node.args])
        if node.func.attr == "dedent" and len(node.args) == 1:
            import textwrap

            return textwrap.dedent(value(node.args[0]))
    raise NotConstant()


def generate_calls(tree):
    """(test name, call) for every self.generate(...) call inside a test method."""
    for cls in tree.body:
        if not isinstance(cls, ast.ClassDef):
            continue
        for fn in cls.body:
            if not isinstance(fn, ast.FunctionDef) or not fn.name.startswith("test"):
                continue
            for node in ast.walk(fn):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "generate"
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "self"
                ):
                    yield fn.name, node


def main():
    src, out = sys.argv[1], sys.argv[2]
    gen = os.path.join(src, "tests", "generator")
    seen = set()
    written = skipped = 0
    for name in sorted(os.listdir(gen)):
        if not name.startswith("test_") or not name.endswith(".py"):
            continue
        with open(os.path.join(gen, name), encoding="utf-8") as f:
            tree = ast.parse(f.read())
        per_test = {}
        for test, call in generate_calls(tree):
            kw = {k.arg: k.value for k in call.keywords}
            if "extra_args" in kw or not call.args:
                skipped += 1
                continue
            try:
                yaml = value(call.args[0])
                confs = value(kw["confs"]) if "confs" in kw else {}
            except (NotConstant, TypeError, ValueError, KeyError, IndexError):
                skipped += 1
                continue
            if not isinstance(yaml, str) or not isinstance(confs, dict):
                skipped += 1
                continue
            files = {"a": yaml, **confs}
            key = hashlib.sha256(repr(sorted(files.items())).encode()).hexdigest()
            if key in seen:
                continue
            seen.add(key)
            n = per_test.get(test, 0)
            per_test[test] = n + 1
            folder = f"{name[len('test_'):-3]}-{test[len('test_'):]}" + (f"-{n + 1}" if n else "")
            os.makedirs(os.path.join(out, folder), exist_ok=True)
            for conf, text in files.items():
                with open(os.path.join(out, folder, f"{conf}.yaml"), "w", encoding="utf-8") as f:
                    f.write(text)
            written += 1
    print(f"{written} inputs written to {out}, {skipped} calls skipped (not constant or extra arguments)")


if __name__ == "__main__":
    main()
