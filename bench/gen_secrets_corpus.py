#!/usr/bin/env python3
"""Writes a deterministic text corpus for the secret-scanning benchmark (bench/secrets.sh).

Usage: gen_secrets_corpus.py OUT_DIR [SIZE_MB]   (default 1024)

OUT_DIR/files/NNNN/*.{log,yaml,json,py,js,csv,txt} of about 1 MiB each: application logs, YAML and
JSON configuration, Python and minified JavaScript, CSV, base64 blobs (high-entropy text that is
not a secret) and prose. One file in eight holds one planted fake secret of a well-known format;
OUT_DIR/planted.tsv lists them (path, line, kind) so that recall can be counted. The secrets are
random (seeded): none is a real credential.
"""
import base64
import os
import random
import string
import sys
import zlib

B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits


def rnd(r, alphabet, n):
    return "".join(r.choice(alphabet) for _ in range(n))


def b62(n, width):
    out = ""
    while n:
        n, d = divmod(n, 62)
        out = B62[d] + out
    return out.rjust(width, "0")


def github_token(r):
    body = rnd(r, ALNUM, 30)
    return "ghp_" + body + b62(zlib.crc32(body.encode()) & 0xFFFFFFFF, 6)


def pem_key(r):
    body = base64.b64encode(r.randbytes(900)).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END RSA PRIVATE KEY-----"


# kind -> function(r) returning the text to plant (one line, except the PEM key).
PLANTS = {
    "aws-access-key-id": lambda r: "aws_access_key_id = AKIA" + rnd(r, string.ascii_uppercase + "234567", 16),
    "github-pat": lambda r: "GITHUB_TOKEN=" + github_token(r),
    "gitlab-pat": lambda r: "gitlab_token: glpat-" + rnd(r, ALNUM, 20),
    "slack-token": lambda r: "SLACK_BOT_TOKEN=xoxb-" + rnd(r, string.digits, 12) + "-" + rnd(r, string.digits, 13)
    + "-" + rnd(r, ALNUM, 24),
    "stripe-live-key": lambda r: 'stripe.api_key = "sk_live_' + rnd(r, ALNUM, 24) + '"',
    "private-key": pem_key,
    "sendgrid-key": lambda r: "SENDGRID_API_KEY=SG." + rnd(r, ALNUM + "-_", 22) + "." + rnd(r, ALNUM + "-_", 43),
    "npm-token": lambda r: "//registry.npmjs.org/:_authToken=npm_" + rnd(r, ALNUM, 36),
    "password-in-url": lambda r: "DATABASE_URL=postgres://app:" + rnd(r, ALNUM, 18) + "@db.internal:5432/app",
}

WORDS = ("the request was served from cache after the upstream timed out and the worker retried "
         "with backoff while the scheduler moved pending jobs to another node in the cluster").split()


def log_line(r, i):
    return (f"2026-11-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d}Z INFO "
            f"10.{r.randrange(256)}.{r.randrange(256)}.{r.randrange(256)} GET /api/v1/items/{r.randrange(10**6)} "
            f"200 {r.randrange(5000)}ms user={rnd(r, string.ascii_lowercase, 8)} trace={rnd(r, '0123456789abcdef', 32)}")


def yaml_line(r, i):
    key = r.choice(["name", "replicas", "image", "port", "timeout", "path", "enabled", "region", "level"])
    return f"{'  ' * (i % 4)}{key}_{i % 97}: {r.choice(['true', str(r.randrange(9999)), 'eu-west-1', '/var/lib/app'])}"


def json_line(r, i):
    return (f'{{"id": {i}, "sku": "{rnd(r, string.ascii_uppercase + string.digits, 10)}", '
            f'"price": {r.randrange(100000) / 100}, "tags": ["{r.choice(WORDS)}", "{r.choice(WORDS)}"]}},')


def py_line(r, i):
    name = "_".join(r.choice(WORDS) for _ in range(2))
    return f"    {name} = self.{r.choice(WORDS)}_{i % 50}({r.choice(WORDS)}, timeout={r.randrange(60)})"


def js_line(r, i):
    return ";".join(f"var {rnd(r, string.ascii_lowercase, 2)}=function(e){{return e.{r.choice(WORDS)}||{i}}}"
                    for _ in range(6))


def csv_line(r, i):
    return ",".join([str(i), rnd(r, string.ascii_lowercase, 7), str(r.randrange(10**6)), r.choice(WORDS)])


def b64_line(r, i):
    return base64.b64encode(r.randbytes(57)).decode()


def prose_line(r, i):
    return " ".join(r.choice(WORDS) for _ in range(14)).capitalize() + "."


KINDS = [("log", log_line), ("yaml", yaml_line), ("json", json_line), ("py", py_line), ("js", js_line),
         ("csv", csv_line), ("txt", b64_line), ("txt", prose_line)]


def main():
    out = sys.argv[1]
    size_mb = int(sys.argv[2]) if len(sys.argv) > 2 else 1024
    r = random.Random(20261124)
    plant_kinds = sorted(PLANTS)
    planted = []
    os.makedirs(out, exist_ok=True)
    for n in range(size_mb):
        ext, gen = KINDS[n % len(KINDS)]
        rel = f"files/{n // 100:04d}/f{n:05d}.{ext}"
        os.makedirs(os.path.join(out, os.path.dirname(rel)), exist_ok=True)
        lines, size, i = [], 0, 0
        plant_at = r.randrange(1000) if n % 8 == 0 else -1
        while size < (1 << 20):
            if i == plant_at:
                kind = plant_kinds[(n // 8) % len(plant_kinds)]
                planted.append((rel, len(lines) + 1, kind))
                text = PLANTS[kind](r)
            else:
                text = gen(r, i)
            lines.append(text)
            size += len(text) + 1
            i += 1
        with open(os.path.join(out, rel), "w") as f:
            f.write("\n".join(lines) + "\n")
    with open(os.path.join(out, "planted.tsv"), "w") as f:
        for p in planted:
            f.write(f"{p[0]}\t{p[1]}\t{p[2]}\n")


if __name__ == "__main__":
    main()
