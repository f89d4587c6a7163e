#!/usr/bin/env python3
"""Where a callgrind dump's instructions went: self cost per object file (JNA's libjnidispatch with
its bundled libffi, the JVM, libc, and "???", which is JIT-compiled Java code and the JVM's stubs),
then the costliest functions, each divided by the number of probes the dump holds.

    src/bench/callgrind_split.py DUMP PROBES [TOP]

callgrind.sh runs it on each dump. Stripped libraries show functions as addresses: in
libjnidispatch.so the ones just after ffi_prep_go_closure and ffi_prep_closure_loc are libffi's
argument classification (ffi_call and the closure's entry), the one after
Java_com_sun_jna_Native_close is JNA's dispatch_direct (nm -D gives the neighbours)."""
import collections
import re
import sys


def split(path):
    names = {"ob": {}, "fn": {}}
    ob = fn = None
    per_object = collections.Counter()
    per_function = collections.Counter()
    after_calls = False

    def name(kind, text):
        m = re.match(r"\((\d+)\)(?: (.*))?", text)
        if not m:
            return text
        number, given = m.groups()
        if given is not None:
            names[kind][number] = given
        return names[kind].get(number, number)

    summary = None
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("summary:"):
                summary = int(line.split()[1])
            elif line.startswith("ob="):
                ob = name("ob", line[3:])
            elif line.startswith("fn="):
                fn = name("fn", line[3:])
            elif line.startswith("cob="):
                name("ob", line[4:])
            elif line.startswith("cfn="):
                name("fn", line[4:])
            elif line.startswith("calls="):
                after_calls = True  # the next cost line is the call's inclusive cost: not self cost
            elif line and (line[0].isdigit() or line[0] in "+-*"):
                parts = line.split()
                if len(parts) < 2:
                    continue
                if after_calls:
                    after_calls = False
                    continue
                cost = int(parts[-1])
                per_object[ob] += cost
                per_function[(ob, fn)] += cost
    return per_object, per_function, summary


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    per_object, per_function, summary = split(sys.argv[1])
    probes = int(sys.argv[2])
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 12
    total = sum(per_object.values())
    # The shares come from the self costs summed here; the figures per probe are those shares of
    # callgrind's own summary line (the two sums differ by a few per cent: inlined and call lines).
    scale = (summary or total) / total / probes
    print(f"self cost per probe by object (shares of {int(total * scale)} instructions):")
    for ob, cost in per_object.most_common(6):
        if cost * scale >= 1:
            print(f"  {cost * scale:8.0f} {100 * cost / total:5.1f}%  {ob}")
    print("costliest functions per probe:")
    for (ob, fn), cost in per_function.most_common(top):
        print(f"  {cost * scale:8.0f} {100 * cost / total:5.1f}%  {fn}  [{(ob or '?').rsplit('/', 1)[-1]}]")


if __name__ == "__main__":
    main()
