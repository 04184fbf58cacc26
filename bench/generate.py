#!/usr/bin/env python3
"""Writes valid OpenAPI 3.0 documents of any size, shaped like the hard
parts of real APIs, for the scale benchmarks:

    bench/generate.py N [OUT_DIR]    # default OUT_DIR: bench/data/generated

writes OUT_DIR/ops-N.old.json and OUT_DIR/ops-N.new.json, the same document
but for one edit deep in its shared graph. Each has N operations on N paths
with templated segments; every response reaches a chain of 24 `allOf`
definitions (the edit is in the last), a `oneOf` of N/20 branches (at most
5,000), a schema with N properties, and a reference cycle (a tree node whose
children are tree nodes). Every operation is documented, answers 404 and
is covered by a security scheme, so that `lint` measures checking, not
reporting. The edit changes a property's type from string to
integer, so `diff` reports it once, on every operation: N findings, 1 change.
"""

import json
import os
import sys

CHAIN = 24
SHARED = 100


def document(n, edited):
    schemas = {}
    for level in range(CHAIN):
        own = {
            f"field{level}": {"type": "string", "description": f"Level {level}."},
            f"count{level}": {"type": "integer", "minimum": 0},
        }
        if level == CHAIN - 1:
            own["deep"] = {"type": "integer" if edited else "string"}
        member = {"type": "object", "properties": own}
        if level + 1 < CHAIN:
            schemas[f"Base{level}"] = {
                "allOf": [{"$ref": f"#/components/schemas/Base{level + 1}"}, member]
            }
        else:
            schemas[f"Base{level}"] = member
    branches = max(2, min(n // 20, 5000))
    for b in range(branches):
        schemas[f"Variant{b}"] = {
            "type": "object",
            "required": ["kind"],
            "properties": {
                "kind": {"type": "string", "enum": [f"variant{b}"]},
                f"value{b}": {"type": "number"},
            },
        }
    schemas["Choice"] = {
        "oneOf": [{"$ref": f"#/components/schemas/Variant{b}"} for b in range(branches)]
    }
    schemas["Wide"] = {
        "type": "object",
        "properties": {f"p{i}": {"type": "string", "maxLength": 64} for i in range(n)},
    }
    schemas["Tree"] = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}},
        },
    }
    for s in range(SHARED):
        schemas[f"Resource{s}"] = {
            "allOf": [
                {"$ref": "#/components/schemas/Base0"},
                {
                    "type": "object",
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "string"},
                        "choice": {"$ref": "#/components/schemas/Choice"},
                        "tree": {"$ref": "#/components/schemas/Tree"},
                        "wide": {"$ref": "#/components/schemas/Wide"},
                    },
                },
            ]
        }
    paths = {}
    for i in range(n):
        resource = f"#/components/schemas/Resource{i % SHARED}"
        paths[f"/group{i // 50}/resource{i}/{{resourceId}}/items/{{itemId}}"] = {
            "parameters": [
                {"name": "resourceId", "in": "path", "required": True, "description": "The resource.", "schema": {"type": "string"}},
                {"name": "itemId", "in": "path", "required": True, "description": "The item.", "schema": {"type": "integer"}},
            ],
            "get": {
                "operationId": f"getItem{i}",
                "summary": f"Item {i}",
                "description": f"Reads item {i} of a resource.",
                "tags": [f"group{i // 50}"],
                "parameters": [
                    {"name": "limit", "in": "query", "description": "At most this many.", "schema": {"type": "integer", "maximum": 100}}
                ],
                "responses": {
                    "200": {
                        "description": "The item.",
                        "content": {"application/json": {"schema": {"$ref": resource}}},
                    },
                    "404": {"description": "No such item."},
                    "default": {"description": "An error."},
                },
            },
        }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": f"Generated API with {n} operations",
            "description": "Written by bench/generate.py.",
            "version": "1.0.0",
            "contact": {"name": "Benchmarks", "url": "https://example.com"},
            "license": {"name": "MIT", "url": "https://opensource.org/licenses/MIT"},
        },
        "servers": [{"url": "https://api.example.com"}],
        "security": [{"key": []}],
        "tags": [{"name": f"group{g}", "description": f"Group {g}."} for g in range((n + 49) // 50)],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}},
        },
    }


def main():
    if len(sys.argv) < 2 or not sys.argv[1].isdigit():
        sys.exit("usage: bench/generate.py N [OUT_DIR]")
    n = int(sys.argv[1])
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "data", "generated")
    os.makedirs(out, exist_ok=True)
    for side, edited in (("old", False), ("new", True)):
        path = os.path.join(out, f"ops-{n}.{side}.json")
        with open(path, "w") as f:
            json.dump(document(n, edited), f, indent=1)
        print(path, os.path.getsize(path))


if __name__ == "__main__":
    main()
