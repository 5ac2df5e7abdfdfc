#!/usr/bin/env python3
"""Generates the deterministic inputs of the dependency benchmarks (bench/deps/run.sh).

usage: gen_inputs.py OUT_DIR [DOCKERFILE_CORPUS_DIR]

Writes into OUT_DIR (same seed, same bytes):
  oci_config.json   ~5 KB OCI image config (env, labels, 12 layers' diff_ids, history)
  osv_array.json    ~20 MB JSON array of OSV-like advisories (strings, nested arrays and objects)
  exec_forms.txt    1,000,000 exec-form JSON arrays, one a line: ["python","-m","app"]
  text.txt          ~50 MB of config files, source code and shell scripts; each file starts with a
                    line "### FILE <path>"; a few secrets are planted in it
  planted.tsv       the planted secrets: kind, file path
  k8s.yaml          ~2 MB multi-document Kubernetes manifest set
  dockerfiles.txt   (only with DOCKERFILE_CORPUS_DIR) every NNNN/Dockerfile under it, concatenated
                    in name order with the same "### FILE" separator lines
"""
import json
import os
import random
import string
import sys

ALNUM = string.ascii_letters + string.digits
UPPER_DIGITS = string.ascii_uppercase + string.digits
HEX = "0123456789abcdef"


def rnd(r, alphabet, n):
    return "".join(r.choice(alphabet) for _ in range(n))


def sha(r):
    return "sha256:" + rnd(r, HEX, 64)


# ---------------------------------------------------------------- JSON inputs

def oci_config(r):
    layers = 12
    cfg = {
        "architecture": "amd64",
        "os": "linux",
        "created": "2024-05-02T10:11:12.123456789Z",
        "config": {
            "User": "10001:10001",
            "ExposedPorts": {"8080/tcp": {}, "9090/tcp": {}},
            "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8",
                    "PYTHON_VERSION=3.12.3", "PYTHON_SHA256=" + rnd(r, HEX, 64), "PIP_NO_CACHE_DIR=1",
                    "APP_HOME=/srv/app"],
            "Entrypoint": ["/usr/bin/tini", "--"],
            "Cmd": ["python", "-m", "gunicorn", "app.wsgi:application", "--bind", "0.0.0.0:8080"],
            "WorkingDir": "/srv/app",
            "Labels": {"org.opencontainers.image.source": "https://github.com/acme/shop",
                       "org.opencontainers.image.revision": rnd(r, HEX, 40),
                       "org.opencontainers.image.version": "1.14.2",
                       "org.opencontainers.image.licenses": "Apache-2.0",
                       "maintainer": "platform-team@acme.example"},
            "StopSignal": "SIGTERM",
            "Healthcheck": {"Test": ["CMD", "curl", "-fsS", "http://localhost:8080/healthz"],
                            "Interval": 30000000000, "Timeout": 5000000000, "Retries": 3},
        },
        "rootfs": {"type": "layers", "diff_ids": [sha(r) for _ in range(layers)]},
        "history": [],
    }
    steps = ["/bin/sh -c #(nop) ADD file:" + rnd(r, HEX, 64) + " in / ", "/bin/sh -c #(nop)  CMD [\"bash\"]",
             "ENV PYTHON_VERSION=3.12.3", "RUN /bin/sh -c set -eux; apt-get update; apt-get install -y --no-install-recommends ca-certificates curl netbase tzdata; rm -rf /var/lib/apt/lists/* # buildkit",
             "WORKDIR /srv/app", "COPY requirements.txt . # buildkit",
             "RUN /bin/sh -c pip install --no-cache-dir -r requirements.txt # buildkit", "COPY . . # buildkit",
             "RUN /bin/sh -c useradd -r -u 10001 app && chown -R app /srv/app # buildkit", "USER 10001:10001",
             "EXPOSE map[8080/tcp:{}]", "HEALTHCHECK &{[\"CMD\" \"curl\" \"-fsS\" \"http://localhost:8080/healthz\"]}",
             "ENTRYPOINT [\"/usr/bin/tini\" \"--\"]", "CMD [\"python\" \"-m\" \"gunicorn\"]"]
    for i, s in enumerate(steps):
        h = {"created": "2024-05-02T10:%02d:00Z" % i, "created_by": s, "comment": "buildkit.dockerfile.v0"}
        if s.startswith(("ENV", "WORKDIR", "USER", "EXPOSE", "HEALTHCHECK", "ENTRYPOINT", "CMD", "/bin/sh -c #(nop)  CMD")):
            h["empty_layer"] = True
        cfg["history"].append(h)
    return json.dumps(cfg, indent=2)


ECOS = ["PyPI", "npm", "Go", "Maven", "crates.io", "RubyGems", "Debian:12", "Alpine:v3.19"]
WORDS = ("allows remote attackers to cause a denial of service via crafted input in the parser when "
         "handling untrusted data an integer overflow leads to heap buffer overflow out of bounds read "
         "authentication bypass improper validation of certificate path traversal server side request "
         "forgery cross site scripting in the template engine before version fixed").split()


def sentence(r, n):
    return " ".join(r.choice(WORDS) for _ in range(n)).capitalize() + "."


def osv_record(r, i):
    eco = r.choice(ECOS)
    pkg = rnd(r, string.ascii_lowercase, r.randint(3, 12))
    affected = []
    for _ in range(r.randint(1, 3)):
        events = [{"introduced": "0"}]
        for _ in range(r.randint(1, 3)):
            events.append({"fixed": "%d.%d.%d" % (r.randint(0, 9), r.randint(0, 30), r.randint(0, 40))})
        affected.append({
            "package": {"ecosystem": eco, "name": pkg, "purl": "pkg:%s/%s" % (eco.lower().split(":")[0], pkg)},
            "ranges": [{"type": "ECOSYSTEM", "events": events}],
            "versions": ["%d.%d.%d" % (r.randint(0, 3), r.randint(0, 20), k) for k in range(r.randint(0, 25))],
            "database_specific": {"source": "https://example.org/osv/%d.json" % i},
        })
    return {
        "schema_version": "1.6.0",
        "id": "OSV-%d-%05d" % (2015 + i % 10, i),
        "modified": "2024-%02d-%02dT%02d:00:00Z" % (1 + i % 12, 1 + i % 28, i % 24),
        "published": "2023-%02d-%02dT00:00:00Z" % (1 + i % 12, 1 + i % 28),
        "aliases": ["CVE-%d-%d" % (2015 + i % 10, 10000 + i)],
        "summary": sentence(r, 8),
        "details": " ".join(sentence(r, r.randint(10, 30)) for _ in range(r.randint(1, 6))),
        "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
        "affected": affected,
        "references": [{"type": r.choice(["ADVISORY", "WEB", "FIX", "PACKAGE"]),
                        "url": "https://github.com/%s/%s/commit/%s" % (pkg, pkg, rnd(r, HEX, 40))}
                       for _ in range(r.randint(1, 6))],
        "database_specific": {"cwe_ids": ["CWE-%d" % r.randint(20, 1000)], "severity": r.choice(["LOW", "MODERATE", "HIGH", "CRITICAL"]),
                              "github_reviewed": r.random() < 0.5, "nvd_published_at": None},
    }


def osv_array(r, target):
    parts, size, i = [], 2, 0
    while size < target:
        s = json.dumps(osv_record(r, i), indent=1)
        parts.append(s)
        size += len(s) + 2
        i += 1
    return "[\n" + ",\n".join(parts) + "\n]\n"


EXEC_WORDS = ["python", "-m", "app", "gunicorn", "--bind", "0.0.0.0:8080", "node", "server.js", "/usr/bin/tini",
              "--", "sh", "-c", "npm", "start", "java", "-jar", "/app/app.jar", "nginx", "-g", "daemon off;",
              "/entrypoint.sh", "--config=/etc/app/config.yaml", "uvicorn", "main:app", "--port", "80"]


def exec_forms(r, n):
    out = []
    for _ in range(n):
        words = [r.choice(EXEC_WORDS) for _ in range(r.randint(1, 6))]
        out.append(json.dumps(words, separators=(",", ":") if r.random() < 0.5 else (", ", ": ")))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- secret scan text

def secret_samples(r):
    """One fresh secret of each kind, as it would appear in a file."""
    key_body = "\n".join(rnd(r, ALNUM + "+/", 64) for _ in range(6))
    jwt_head = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
    return [
        ("private key", "-----BEGIN RSA PRIVATE KEY-----\n" + key_body + "\n-----END RSA PRIVATE KEY-----"),
        ("aws access key", "aws_access_key_id = AKIA" + rnd(r, UPPER_DIGITS, 16)),
        ("aws secret", "aws_secret_access_key = " + rnd(r, ALNUM + "/+", 40)),
        ("github token", 'token: "ghp_' + rnd(r, ALNUM, 36) + '"'),
        ("github pat", "GITHUB_TOKEN=github_pat_" + rnd(r, ALNUM, 22) + "_" + rnd(r, ALNUM, 59)),
        ("gitlab token", "private_token = glpat-" + rnd(r, ALNUM, 20)),
        ("slack token", "SLACK_BOT_TOKEN=xoxb-" + rnd(r, string.digits, 12) + "-" + rnd(r, ALNUM, 24)),
        ("slack webhook", "url: https://hooks.slack.com/services/T" + rnd(r, UPPER_DIGITS, 8) + "/B" +
         rnd(r, UPPER_DIGITS, 8) + "/" + rnd(r, ALNUM, 24)),
        ("stripe", 'stripe.api_key = "sk_live_' + rnd(r, ALNUM, 24) + '"'),
        ("google api key", "GOOGLE_API_KEY=AIza" + rnd(r, ALNUM + "_-", 35)),
        ("npm token", "//registry.npmjs.org/:_authToken=npm_" + rnd(r, ALNUM, 36)),
        ("jwt", "Authorization: Bearer " + jwt_head + "." + rnd(r, ALNUM, 40) + "." + rnd(r, ALNUM + "-_", 43)),
        ("url password", "DATABASE_URL=postgres://app:" + rnd(r, ALNUM, 16) + "@db.internal:5432/app"),
        ("twilio", "TWILIO_API_KEY=SK" + rnd(r, HEX, 32)),
        ("sendgrid", "SENDGRID_API_KEY=SG." + rnd(r, ALNUM, 22) + "." + rnd(r, ALNUM, 43)),
        ("azure storage", "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=" + rnd(r, ALNUM + "+/", 86) + "==;"),
        ("digitalocean", "DO_TOKEN=dop_v1_" + rnd(r, HEX, 64)),
        ("openai", "OPENAI_API_KEY=sk-" + rnd(r, ALNUM, 20) + "T3BlbkFJ" + rnd(r, ALNUM, 20)),
        ("basic auth", "Authorization: Basic " + rnd(r, ALNUM + "+/", 24) + "=="),
        ("docker auth", '{"auths": {"registry.acme.io": {"auth": "' + rnd(r, ALNUM + "+/", 32) + '"}}}'),
    ]


IDENTS = ["user", "order", "item", "cache", "config", "handler", "request", "response", "session", "client",
          "buffer", "result", "payload", "event", "queue", "worker", "metrics", "logger", "router", "schema"]


def ident(r):
    return r.choice(IDENTS) + r.choice(["", "_id", "Count", "_list", "Map", "_v2", "Name"])


def py_file(r):
    lines = ["import os", "import json", "from typing import Any, Dict", ""]
    for _ in range(r.randint(3, 12)):
        fn = ident(r)
        lines.append("def %s(%s, %s=None) -> Dict[str, Any]:" % (fn, ident(r), ident(r)))
        lines.append('    """Returns the %s for the given %s."""' % (ident(r), ident(r)))
        for _ in range(r.randint(2, 8)):
            lines.append(r.choice([
                "    %s = os.environ.get(\"%s\", \"\")" % (ident(r), ident(r).upper()),
                "    if not %s:\n        raise ValueError(\"missing %s\")" % (ident(r), ident(r)),
                "    %s = json.loads(%s)" % (ident(r), ident(r)),
                "    log.debug(\"%s=%%s digest=%s\", %s)" % (ident(r), rnd(r, HEX, 40), ident(r)),
                "    password = os.environ[\"DB_PASSWORD\"]",
                "    for %s in %s:\n        %s.append(%s)" % (ident(r), ident(r), ident(r), ident(r)),
            ]))
        lines.append("    return {\"%s\": %s}\n" % (ident(r), ident(r)))
    return "\n".join(lines)


def js_file(r):
    lines = ["'use strict';", "const express = require('express');", ""]
    for _ in range(r.randint(3, 12)):
        lines.append("async function %s(req, res) {" % ident(r))
        for _ in range(r.randint(2, 8)):
            lines.append(r.choice([
                "  const %s = await db.query('SELECT * FROM %s WHERE id = $1', [req.params.id]);" % (ident(r), ident(r)),
                "  res.status(200).json({ %s: %s });" % (ident(r), ident(r)),
                "  const integrity = 'sha512-%s';" % rnd(r, ALNUM + "+/", 86),
                "  if (!%s) { throw new Error('no %s'); }" % (ident(r), ident(r)),
                "  const token = req.headers['authorization'];",
            ]))
        lines.append("}\n")
    return "\n".join(lines)


def go_file(r):
    lines = ["package main", "", "import (\n\t\"fmt\"\n\t\"net/http\"\n)", ""]
    for _ in range(r.randint(3, 10)):
        lines.append("func %s(w http.ResponseWriter, r *http.Request) error {" % ident(r).capitalize())
        for _ in range(r.randint(2, 8)):
            lines.append(r.choice([
                "\t%s, err := store.Get(r.Context(), \"%s\")" % (ident(r), ident(r)),
                "\tif err != nil {\n\t\treturn fmt.Errorf(\"%s: %%w\", err)\n\t}" % ident(r),
                "\tconst checksum = \"%s\"" % rnd(r, HEX, 64),
                "\tw.Header().Set(\"Content-Type\", \"application/json\")",
            ]))
        lines.append("\treturn nil\n}\n")
    return "\n".join(lines)


def sh_file(r):
    lines = ["#!/bin/sh", "set -eu"]
    for _ in range(r.randint(5, 25)):
        lines.append(r.choice([
            "apt-get update && apt-get install -y --no-install-recommends %s" % " ".join(r.sample(IDENTS, 3)),
            "curl -fsSL https://downloads.example.org/%s/%s.tar.gz | tar -xz -C /opt" % (ident(r), rnd(r, HEX, 8)),
            "echo \"%s  /tmp/%s.tgz\" | sha256sum -c -" % (rnd(r, HEX, 64), ident(r)),
            "export %s=\"${%s:-default}\"" % (ident(r).upper(), ident(r).upper()),
            "if [ -f /etc/%s.conf ]; then . /etc/%s.conf; fi" % (ident(r), ident(r)),
            "mysql -u root -p\"$MYSQL_ROOT_PASSWORD\" -e 'CREATE DATABASE %s'" % ident(r),
        ]))
    return "\n".join(lines) + "\n"


def conf_file(r):
    lines = ["# generated configuration", "[server]", "listen = 0.0.0.0:%d" % r.randint(1024, 65000)]
    for _ in range(r.randint(5, 30)):
        lines.append(r.choice([
            "%s = %s" % (ident(r), r.choice(["true", "false", str(r.randint(0, 9999)), "\"/var/lib/" + ident(r) + "\""])),
            "password = ${DB_PASSWORD}",
            "api_key = <your-api-key>",
            "url = https://%s.example.com/api/v1/%s" % (ident(r), ident(r)),
            "[%s]" % ident(r),
            "uuid = %s-%s-%s-%s-%s" % (rnd(r, HEX, 8), rnd(r, HEX, 4), rnd(r, HEX, 4), rnd(r, HEX, 4), rnd(r, HEX, 12)),
            "cert = /etc/ssl/%s.pem" % ident(r),
        ]))
    return "\n".join(lines) + "\n"


FILE_KINDS = [("py", py_file), ("js", js_file), ("go", go_file), ("sh", sh_file), ("conf", conf_file)]


def text_corpus(r, target, secrets_every):
    parts, planted, size, n = [], [], 0, 0
    while size < target:
        ext, make = r.choice(FILE_KINDS)
        path = "/srv/%s/%s_%d.%s" % (ident(r), ident(r), n, ext)
        body = make(r)
        if n % secrets_every == secrets_every - 1:
            kind, text = r.choice(secret_samples(r))
            lines = body.split("\n")
            lines.insert(r.randint(0, len(lines)), text)
            body = "\n".join(lines)
            planted.append((kind, path))
        chunk = "### FILE %s\n%s" % (path, body)
        parts.append(chunk)
        size += len(chunk)
        n += 1
    return "".join(parts), planted


# ---------------------------------------------------------------- Kubernetes YAML

def k8s_doc(r, i):
    name = "%s-%d" % (ident(r).replace("_", "-").lower(), i)
    kind = r.choice(["Deployment", "Deployment", "Service", "ConfigMap", "Ingress"])
    meta = "metadata:\n  name: %s\n  namespace: shop\n  labels:\n    app.kubernetes.io/name: %s\n    app.kubernetes.io/part-of: shop\n" % (name, name)
    if kind == "Deployment":
        env = "".join("            - name: %s\n              value: \"%s\"\n" % (ident(r).upper(), rnd(r, ALNUM, 12))
                      for _ in range(r.randint(2, 8)))
        return ("apiVersion: apps/v1\nkind: Deployment\n" + meta +
                "spec:\n  replicas: %d\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: %s\n"
                "  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: %s\n"
                "      annotations: {prometheus.io/scrape: \"true\", prometheus.io/port: \"9090\"}\n"
                "    spec:\n      serviceAccountName: %s\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 10001\n"
                "      containers:\n        - name: app\n          image: ghcr.io/acme/%s@sha256:%s\n"
                "          args: [\"--port\", \"8080\", \"--log-level=info\"]\n"
                "          ports:\n            - containerPort: 8080\n              name: http\n"
                "          env:\n%s"
                "          resources:\n            limits: {cpu: 500m, memory: 256Mi}\n            requests: {cpu: 100m, memory: 128Mi}\n"
                "          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n"
                "            capabilities:\n              drop: [\"ALL\"]\n"
                "          livenessProbe:\n            httpGet: {path: /healthz, port: 8080}\n            periodSeconds: 10\n"
                % (r.randint(1, 5), name, name, name, name, rnd(r, HEX, 64), env))
    if kind == "Service":
        return ("apiVersion: v1\nkind: Service\n" + meta +
                "spec:\n  type: ClusterIP\n  selector:\n    app.kubernetes.io/name: %s\n"
                "  ports:\n    - name: http\n      port: 80\n      targetPort: 8080\n" % name)
    if kind == "ConfigMap":
        script = "".join("    %s\n" % l for l in sh_file(r).rstrip("\n").split("\n"))
        return ("apiVersion: v1\nkind: ConfigMap\n" + meta +
                "data:\n  LOG_LEVEL: info\n  FEATURE_FLAGS: '%s'\n  entrypoint.sh: |\n%s" % (",".join(r.sample(IDENTS, 4)), script))
    return ("apiVersion: networking.k8s.io/v1\nkind: Ingress\n" + meta +
            "  annotations:\n    nginx.ingress.kubernetes.io/ssl-redirect: \"true\"\n"
            "spec:\n  ingressClassName: nginx\n  tls:\n    - hosts: [%s.acme.example]\n      secretName: %s-tls\n"
            "  rules:\n    - host: %s.acme.example\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n"
            "            backend:\n              service:\n                name: %s\n                port:\n                  number: 80\n"
            % (name, name, name, name))


def k8s_set(r, target):
    parts, size, i = [], 0, 0
    while size < target:
        d = "---\n# Source: shop/templates/%d.yaml\n" % i + k8s_doc(r, i)
        parts.append(d)
        size += len(d)
        i += 1
    return "".join(parts)


def dockerfiles(corpus_dir):
    parts = []
    for d in sorted(os.listdir(corpus_dir)):
        p = os.path.join(corpus_dir, d, "Dockerfile")
        if os.path.isfile(p):
            with open(p, encoding="utf-8", errors="surrogateescape") as f:
                parts.append("### FILE %s\n%s" % (p, f.read()))
    return "".join(parts)


def write(out, name, text):
    with open(os.path.join(out, name), "w", encoding="utf-8", errors="surrogateescape", newline="\n") as f:
        f.write(text)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    write(out, "oci_config.json", oci_config(random.Random(1)))
    write(out, "osv_array.json", osv_array(random.Random(2), 20 * 1000 * 1000))
    write(out, "exec_forms.txt", exec_forms(random.Random(3), 1000000))
    text, planted = text_corpus(random.Random(4), 50 * 1000 * 1000, 40)
    write(out, "text.txt", text)
    write(out, "planted.tsv", "".join("%s\t%s\n" % p for p in planted))
    write(out, "k8s.yaml", k8s_set(random.Random(5), 2 * 1000 * 1000))
    if len(sys.argv) > 2:
        write(out, "dockerfiles.txt", dockerfiles(sys.argv[2]))


if __name__ == "__main__":
    main()
