"""validate_json.py DOCUMENT SCHEMA: validates DOCUMENT against the JSON schema SCHEMA offline.

Prints every violation (path and message) to stderr and exits 1 when there is one, 0 otherwise.
The schema's relative $refs resolve against its $id; every other *.schema.json file next to SCHEMA
is put in the resolver's store under that URL and under its own $id, so vendored sub-schemas (for
CycloneDX: spdx.SNAPSHOT.schema.json, jsf-0.82.SNAPSHOT.schema.json) are used and nothing is
fetched. Needs Debian's python3-jsonschema (4.10: RefResolver with a store)."""
import json
import os
import sys
import urllib.parse

from jsonschema import RefResolver, validators


def load(path):
    with open(path) as f:
        return json.load(f)


def main(doc_path, schema_path):
    schema = load(schema_path)
    doc = load(doc_path)
    cls = validators.validator_for(schema)
    base = cls.ID_OF(schema) or ""  # "$id", or "id" in draft-04 schemas such as SARIF's
    folder = os.path.dirname(os.path.abspath(schema_path))
    store = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if not name.endswith(".schema.json") or os.path.samefile(path, schema_path):
            continue
        sub = load(path)
        store[urllib.parse.urljoin(base, name)] = sub
        if isinstance(sub, dict) and cls.ID_OF(sub):
            store[cls.ID_OF(sub)] = sub
    cls.check_schema(schema)
    resolver = RefResolver.from_schema(schema, store=store, id_of=cls.ID_OF)
    validator = cls(schema, resolver=resolver, format_checker=cls.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    for e in errors:
        print(f"{doc_path}: /{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
