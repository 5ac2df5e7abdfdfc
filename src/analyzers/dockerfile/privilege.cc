// Dockerfile checks: least privilege (DF020-DF031). Rules are here; the functions are in
// privilege_user.cc, privilege_modes.cc and privilege_host.cc.
#include "analyzers/dockerfile/privilege_checks.h"

namespace customs {

namespace {

constexpr Severity H = Severity::kHigh;
constexpr Severity M = Severity::kMedium;
constexpr Severity I = Severity::kInfo;
constexpr Practice kLP = Practice::kLeastPrivilege;

const DockerfileCheck kChecks[] = {
    {Rule{"DF020", H, kLP, "Final image does not set a USER, so it runs as root",
          "Without USER the container's process runs as root (UID 0): any code execution bug hands the "
          "attacker root inside the container and one kernel or runtime flaw away from root on the host.",
          "Create an unprivileged user and switch to it at the end of the final stage: "
          "RUN useradd --uid 10001 --no-create-home app, then USER 10001.",
          "CIS Docker Benchmark 1.6 4.1; NIST SP 800-190 4.4.3"},
     &check_no_user},
    {Rule{"DF021", H, kLP, "Final image runs as root",
          "The last USER of the final image is root, so the container runs with UID 0 and every process in "
          "it can change any file and use every capability the runtime grants.",
          "End the final stage with a non-root USER (USER 10001:10001); if root is needed for a setup step, "
          "switch back after it.",
          "CIS Docker Benchmark 1.6 4.1; NIST SP 800-190 4.4.3"},
     &check_root_user},
    {Rule{
         "DF022", M, kLP, "sudo used in a stage that ships",
         "sudo in the shipped image gives any process that can run it a path back to root, and a build "
         "that needs sudo is usually switching users in the wrong order.",
         "Run the privileged steps before USER, as root, and do not install sudo: RUN apt-get install -y pkg "
         "then USER app. Use gosu or su-exec in an entrypoint if a step must drop privileges at run time.",
         "CIS Docker Benchmark 1.6 4.1; customs"},
     &check_sudo},
    {Rule{"DF023", M, kLP, "World-writable permissions",
          "Files or directories any user can write let a compromised unprivileged process change programs, "
          "configuration or data that other processes trust.",
          "Grant write access only to the owner (and group if needed): chmod 755 /app, chmod 640 config, or "
          "COPY --chown=app:app --chmod=750 . /app.",
          "customs"},
     &check_world_writable},
    {Rule{
         "DF024", M, kLP, "setuid or setgid bit added",
         "A setuid/setgid program runs with its owner's or group's rights whatever user starts it; a flaw in "
         "it is a privilege escalation.",
         "Do not add the bits (chmod 755 instead of 4755); give the program the one capability it needs "
         "at run time instead, or run the step before USER.",
         "CIS Docker Benchmark 1.6 4.8"},
     &check_setuid},
    {Rule{"DF025", H, kLP, "RUN --security=insecure",
          "The step runs without the build sandbox (like a privileged container) and can reach the build "
          "host's devices and kernel interfaces.",
          "Remove --security=insecure; grant only what the step needs, or do the privileged work outside the "
          "build.",
          "CIS Docker Benchmark 1.6 5.5; NIST SP 800-190 4.4.3"},
     &check_insecure_security},
    {Rule{"DF026", M, kLP, "RUN --network=host",
          "The step shares the build host's network: it can reach services bound to the host's localhost "
          "and internal networks that builds should not see.",
          "Remove --network=host (the default network is enough to download), or use --network=none for "
          "steps that need no network.",
          "CIS Docker Benchmark 1.6 5.10"},
     &check_host_network},
    {Rule{"DF027", H, kLP, "Container runtime socket used",
          "Whoever can talk to the Docker or containerd socket controls the runtime and can start a "
          "privileged container: it is root on the host.",
          "Do not mount, copy or declare the runtime socket; build images with BuildKit features (RUN "
          "--mount=type=cache, multi-stage builds) or a rootless builder instead.",
          "CIS Docker Benchmark 1.6 5.32; NIST SP 800-190 4.4.3"},
     &check_runtime_socket},
    {Rule{"DF028", H, kLP, "VOLUME on a sensitive host path",
          "A volume over /, /proc, /sys, /dev, /etc or Docker's own directories invites mounting the host's "
          "copy there, which exposes or lets the container change the host.",
          "Declare volumes only for application data: VOLUME /var/lib/app.", "CIS Docker Benchmark 1.6 5.6"},
     &check_sensitive_volume},
    {Rule{"DF029", M, kLP, "SSH server in the image",
          "An SSH daemon adds a network service with its own keys and passwords to manage and attack; "
          "containers are entered with docker exec or kubectl exec instead.",
          "Remove the SSH server package, EXPOSE 22 and sshd from the entrypoint; use docker exec / "
          "kubectl exec for access.",
          "CIS Docker Benchmark 1.6 5.7"},
     &check_ssh_server},
    {Rule{"DF030", I, kLP, "USER given by name, not by numeric UID",
          "Kubernetes runAsNonRoot can only verify a numeric user; with a name the pod is refused or the "
          "check "
          "is skipped, and the name may map to a different UID in another base image.",
          "Use the numeric UID (and GID): USER 10001:10001.",
          "Kubernetes Pod Security Standards (restricted)"},
     &check_named_user},
    {Rule{"DF031", M, kLP, "WORKDIR inside a system directory",
          "A working directory under /proc, /sys, /dev or /boot means the application writes into kernel or "
          "boot interfaces, which fails or, with extra privileges, changes the host.",
          "Use an application directory: WORKDIR /app.", "customs"},
     &check_system_workdir},
};

}  // namespace

std::span<const DockerfileCheck> privilege_checks() { return kChecks; }

}  // namespace customs
