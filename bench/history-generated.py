#!/usr/bin/env python3
"""A git repository with a generated history of N revisions of one spec
(default 100), then `vapi-spec history` on it, timed.

    python3 bench/history-generated.py [N] [SPEC]

SPEC (default: Vapi's 120, ../shared/corpus/vapi) is the first revision.
Each later commit makes a few edits a real API sees: an endpoint added or
removed, a property's type changed, an enum value added or removed, a
description reworded, a property made required. One revision is broken
JSON, and the file is renamed halfway. The repository is bench/scratch/
history-N; the page bench/scratch/history-N.html.
"""
import json
import os
import random
import subprocess
import sys
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100
SPEC = sys.argv[2] if len(sys.argv) > 2 else "../shared/corpus/vapi/120_20260306T160330_73d8b709df.json"
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
REPO = os.path.join(ROOT, "bench", "scratch", f"history-{N}")
rng = random.Random(7)


def git(*args, env=None):
    subprocess.run(["git", "-c", "user.name=Gen", "-c", "user.email=gen@gen.test",
                    "-c", "commit.gpgsign=false", *args], cwd=REPO, check=True,
                   stdout=subprocess.DEVNULL, env=env)


def schemas(doc):
    return [s for s in doc.get("components", {}).get("schemas", {}).values()
            if isinstance(s, dict) and isinstance(s.get("properties"), dict)]


def edit(doc, i):
    what = rng.choice(["add", "remove", "type", "enum+", "enum-", "words", "required"])
    paths = doc["paths"]
    if what == "add":
        paths[f"/generated/{i}"] = {"get": {"operationId": f"generated{i}", "responses": {"200": {"description": "ok"}}}}
        return f"Add GET /generated/{i}"
    if what == "remove" and paths:
        key = rng.choice(sorted(paths))
        del paths[key]
        return f"Remove {key}"
    props = [(s, k, v) for s in schemas(doc) for k, v in s["properties"].items() if isinstance(v, dict)]
    if not props:
        return "Nothing"
    s, k, v = rng.choice(props)
    if what == "type" and v.get("type") in ("string", "number", "integer", "boolean"):
        v["type"] = rng.choice([t for t in ("string", "number", "integer", "boolean") if t != v["type"]])
        return f"Change the type of {k}"
    if what.startswith("enum"):
        enums = [(p, e) for _, _, p in props for e in [p.get("enum")] if isinstance(e, list) and e]
        if enums:
            p, e = rng.choice(enums)
            if what == "enum+":
                e.append(f"value-{i}")
            else:
                e.pop()
            return f"Edit an enum ({what})"
    if what == "required":
        s.setdefault("required", [])
        if k not in s["required"]:
            s["required"].append(k)
            return f"Require {k}"
    v["description"] = f"Reworded in revision {i}."
    return f"Reword {k}"


def main():
    subprocess.run(["rm", "-rf", REPO], check=True)
    os.makedirs(REPO)
    git("init", "-q")
    with open(SPEC) as f:
        doc = json.load(f)
    name = "openapi.json"
    for i in range(N):
        subject = "First revision" if i == 0 else "; ".join(edit(doc, i) for _ in range(rng.randint(1, 4)))
        if i == N // 2:
            os.makedirs(os.path.join(REPO, "api"), exist_ok=True)
            git("mv", name, "api/openapi.json")
            name = "api/openapi.json"
            subject = "Move the spec into api/"
        text = json.dumps(doc, indent=2)
        if i == N // 3:
            text = text[: len(text) // 2]
            subject = "A broken save"
        with open(os.path.join(REPO, name), "w") as f:
            f.write(text)
        git("add", "-A")
        env = dict(os.environ, GIT_AUTHOR_DATE=f"{1767225600 + i * 86400} +0000",
                   GIT_COMMITTER_DATE=f"{1767225600 + i * 86400} +0000")
        git("commit", "-q", "-m", subject, env=env)
    binary = os.path.join(ROOT, "target", "release", "vapi-spec")
    out = os.path.join(ROOT, "bench", "scratch", f"history-{N}.html")
    start = time.time()
    r = subprocess.run(["/usr/bin/time", "-f", "%e s wall, %U s user, %M KB peak", binary, "history",
                        os.path.join(REPO, name), "-o", out, "--no-config"], capture_output=True, text=True)
    print(f"{N} revisions of {os.path.getsize(os.path.join(REPO, name)) / 1e6:.1f} MB: {r.stderr.strip()}")
    sys.exit(r.returncode)


if __name__ == "__main__":
    main()
