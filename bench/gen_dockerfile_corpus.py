#!/usr/bin/env python3
"""Generates a deterministic corpus of varied Dockerfiles for benchmarking `customs dockerfile`.

usage: gen_dockerfile_corpus.py OUT_DIR [COUNT] [SEED]

Each file lands in OUT_DIR/NNNN/Dockerfile (one directory per file, as a repository would hold it),
so both customs and Trivy's `config` scanner see the same tree. The mix covers what real
Dockerfiles hold: several distributions and language images, single and multi-stage builds, ARG
and ENV substitution, line continuations with comments, heredocs, JSON and shell forms, flags
(--mount, --chown, --from, --platform), good and bad practices. Same seed, same corpus.
"""
import os
import random
import sys

BASES = [
    ("debian", ["12", "12-slim", "bookworm", "latest", None, "12.5@sha256:" + "a" * 64]),
    ("ubuntu", ["22.04", "24.04", "latest", None]),
    ("alpine", ["3.19", "3.20", "latest", None]),
    ("python", ["3.12-slim", "3.11", "latest"]),
    ("node", ["20-alpine", "22-bookworm-slim", "lts"]),
    ("golang", ["1.22", "1.23-alpine"]),
    ("eclipse-temurin", ["21-jre", "17-jdk"]),
    ("registry.access.redhat.com/ubi9/ubi", ["9.4", "latest"]),
    ("ghcr.io/acme/base", ["1.2.3", None]),
    ("rockylinux", ["9"]),
]

APT_PKGS = ["curl", "ca-certificates", "git", "gcc", "make", "libssl-dev", "python3", "nginx", "openssh-server",
            "sudo", "wget", "jq", "unzip", "build-essential", "tzdata", "gnupg"]
APK_PKGS = ["curl", "bash", "git", "openssl", "ca-certificates", "build-base", "tini"]
RPM_PKGS = ["curl", "git", "gcc", "make", "openssl", "tar", "gzip"]
PIP_PKGS = ["flask", "requests==2.32.3", "gunicorn", "django>=4", "numpy==1.26.4", "boto3"]
NPM_PKGS = ["pm2", "typescript@5.4.5", "yarn", "nodemon"]


def pick(r, xs, k=None):
    if k is None:
        return r.choice(xs)
    return r.sample(xs, min(k, len(xs)))


def from_line(r, alias=None):
    name, tags = pick(r, BASES)
    tag = pick(r, tags)
    if r.random() < 0.1:
        ref = "${BASE_IMAGE}"
    elif tag is None:
        ref = name
    elif "@" in tag:
        ref = f"{name}:{tag}"
    else:
        ref = f"{name}:{tag}"
    plat = " --platform=$BUILDPLATFORM" if r.random() < 0.1 else ""
    return f"FROM{plat} {ref}" + (f" AS {alias}" if alias else ""), name


def apt_run(r):
    pkgs = " \\\n    ".join(pick(r, APT_PKGS, r.randint(2, 6)))
    parts = ["apt-get update"]
    flags = []
    if r.random() < 0.7:
        flags.append("-y")
    if r.random() < 0.5:
        flags.append("--no-install-recommends")
    parts.append(f"apt-get install {' '.join(flags)} \\\n    {pkgs}")
    if r.random() < 0.5:
        parts.append("rm -rf /var/lib/apt/lists/*")
    body = " \\\n && ".join(parts)
    if r.random() < 0.2:
        return "RUN --mount=type=cache,target=/var/cache/apt \\\n    # refresh and install\n    " + body
    return "RUN " + body


def apk_run(r):
    nc = "--no-cache " if r.random() < 0.6 else ""
    return f"RUN apk add {nc}{' '.join(pick(r, APK_PKGS, r.randint(1, 4)))}"


def rpm_run(r):
    mgr = pick(r, ["yum", "dnf", "microdnf"])
    clean = f" && {mgr} clean all" if r.random() < 0.5 else ""
    return f"RUN {mgr} install -y {' '.join(pick(r, RPM_PKGS, r.randint(1, 4)))}{clean}"


def lang_runs(r):
    out = []
    if r.random() < 0.4:
        nc = "--no-cache-dir " if r.random() < 0.5 else ""
        out.append(f"RUN pip install {nc}{' '.join(pick(r, PIP_PKGS, r.randint(1, 3)))}")
    if r.random() < 0.3:
        out.append(f"RUN npm install -g {' '.join(pick(r, NPM_PKGS, r.randint(1, 2)))}")
    if r.random() < 0.15:
        out.append("RUN curl -fsSL https://example.invalid/install.sh | bash")
    if r.random() < 0.1:
        out.append("RUN wget -qO- http://example.invalid/setup | sh -s -- --yes")
    if r.random() < 0.1:
        out.append("RUN set -eux; \\\n    curl -k -o /tmp/x.tgz https://example.invalid/x.tgz; \\\n"
                   "    tar -xzf /tmp/x.tgz -C /opt; rm /tmp/x.tgz")
    if r.random() < 0.2:
        out.append("RUN <<EOF\nset -e\nmkdir -p /app/data\nchmod 777 /app/data\necho done\nEOF")
    if r.random() < 0.1:
        out.append('RUN bash -c "useradd -m app && echo app:secret | chpasswd"')
    if r.random() < 0.1:
        out.append("RUN sudo chown -R app /app")
    return out


def stage_body(r, base_name, final):
    lines = []
    if r.random() < 0.5:
        lines.append(f"ARG APP_VERSION={r.randint(1, 9)}.{r.randint(0, 20)}.{r.randint(0, 9)}")
    if r.random() < 0.4:
        lines.append(f'LABEL org.opencontainers.image.version="${{APP_VERSION}}" \\\n      maintainer="team{r.randint(1, 50)}@example.invalid"')
    if "alpine" in base_name or "node" in base_name and r.random() < 0.3:
        lines.append(apk_run(r))
    elif "ubi" in base_name or "rocky" in base_name:
        lines.append(rpm_run(r))
    else:
        lines.append(apt_run(r))
    lines += lang_runs(r)
    lines.append(f"WORKDIR {pick(r, ['/app', '/srv/app', 'app', '/opt/service'])}")
    if r.random() < 0.3:
        lines.append("COPY . .")
    else:
        chown = "--chown=1000:1000 " if r.random() < 0.4 else ""
        lines.append(f"COPY {chown}{pick(r, ['src/', 'app.py', 'package.json package-lock.json ./', 'target/app.jar'])} "
                     f"{pick(r, ['/app/', './', '/srv/app/'])}")
    if r.random() < 0.15:
        lines.append("ADD https://example.invalid/archive.tar.gz /opt/")
    if r.random() < 0.15:
        lines.append("ADD config.yaml /etc/app/config.yaml")
    if r.random() < 0.2:
        lines.append(f"ENV {pick(r, ['DB_PASSWORD', 'API_TOKEN', 'SECRET_KEY'])}={pick(r, ['changeme', 's3cr3t-v4lue', '${DB_PASS}'])}")
    if r.random() < 0.5:
        lines.append(f"ENV PATH=/app/bin:$PATH \\\n    LANG=C.UTF-8 \\\n    PORT={r.choice([80, 8080, 3000])}")
    if final:
        if r.random() < 0.3:
            lines.append("EXPOSE 22 8080")
        else:
            lines.append(f"EXPOSE {r.choice([80, 443, 8080, 3000])}/tcp")
        if r.random() < 0.5:
            lines.append('HEALTHCHECK --interval=30s --timeout=3s CMD ["curl", "-f", "http://localhost/health"]')
        user = r.random()
        if user < 0.4:
            lines.append("USER 10001:10001")
        elif user < 0.55:
            lines.append("USER root")
        elif user < 0.7:
            lines.append("USER app")
        if r.random() < 0.6:
            lines.append(f'ENTRYPOINT ["{pick(r, ["/app/server", "python", "node", "java"])}"]')
        lines.append(pick(r, ['CMD ["--port", "8080"]', "CMD python app.py", "CMD node server.js",
                              'CMD ["java", "-jar", "/app/app.jar"]']))
    return lines


def dockerfile(r):
    out = []
    if r.random() < 0.3:
        out.append("# syntax=docker/dockerfile:1.7")
    if r.random() < 0.1:
        out.append("ARG BASE_IMAGE=debian:12-slim")
    stages = r.choice([1, 1, 2, 2, 3])
    for i in range(stages):
        final = i == stages - 1
        alias = None if final and r.random() < 0.5 else (f"build{i}" if not final else "runtime")
        line, base = from_line(r, alias)
        out.append("")
        out.append(f"# stage {i}")
        out.append(line)
        out += stage_body(r, base, final)
        if i > 0 and r.random() < 0.8:
            out.append(f"COPY --from=build{i - 1} /out/ /app/")
    return "\n".join(out) + "\n"


def main():
    out_dir = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    r = random.Random(seed)
    total = 0
    for n in range(count):
        d = os.path.join(out_dir, f"{n:04d}")
        os.makedirs(d, exist_ok=True)
        text = dockerfile(r)
        total += len(text)
        with open(os.path.join(d, "Dockerfile"), "w") as f:
            f.write(text)
    print(f"{count} Dockerfiles, {total} bytes, in {out_dir}")


if __name__ == "__main__":
    main()
