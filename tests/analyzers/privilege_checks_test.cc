// Least-privilege checks DF020-DF031: each fires on a Dockerfile with the problem, located at the
// offending word, and stays silent on near misses (builder stages, non-root users, safe modes).
#include <gtest/gtest.h>

#include <algorithm>

#include "analyzers/dockerfile/check.h"
#include "analyzers/dockerfile_check_util.h"

namespace customs {
namespace {

using testing::CheckRun;
using Lines = std::vector<int>;
using Strings = std::vector<std::string>;

const auto check = [](auto&&... args) { return testing::run_check(args...); };

using testing::where;

using testing::messages;

Lines lines(std::string_view id, std::string_view dockerfile) { return check(id, dockerfile).lines(); }

TEST(PrivilegeTable, EveryRuleIsDescribedAndFindable) {
  auto checks = privilege_checks();
  ASSERT_EQ(checks.size(), 12u);
  for (const auto& c : checks) {
    EXPECT_EQ(c.rule.practice, Practice::kLeastPrivilege) << c.rule.id;
    EXPECT_FALSE(c.rule.why.empty()) << c.rule.id;
    EXPECT_FALSE(c.rule.fix.empty()) << c.rule.id;
    EXPECT_FALSE(c.rule.source.empty()) << c.rule.id;
    EXPECT_NE(c.run, nullptr) << c.rule.id;
    EXPECT_EQ(find_dockerfile_rule(c.rule.id), &c.rule);
  }
  EXPECT_EQ(find_dockerfile_rule("DF020")->source, "CIS Docker Benchmark 1.6 4.1; NIST SP 800-190 4.4.3");
}

// DF020 ---------------------------------------------------------------------------------------

TEST(NoUser, FiresAtTheFinalFromWhenNoStageOfTheImageSetsUser) {
  auto run = check("DF020", "FROM golang:1.22 AS build\nUSER 1000\nFROM alpine:3.20\nRUN true\n");
  EXPECT_EQ(where(run), Strings{"3:1-17"});
  EXPECT_EQ(messages(run),
            Strings{"the final image (stage 1, FROM alpine:3.20) never sets USER, so it runs as root"});
  EXPECT_EQ(lines("DF020", "FROM scratch\nCOPY app /app\n"), Lines{1});
}

TEST(NoUser, SilentWhenTheFinalImageOrItsBaseStageSetsUser) {
  EXPECT_EQ(lines("DF020", "FROM alpine:3.20 AS base\nUSER 10001\nFROM base\nRUN true\n"), Lines{});
  EXPECT_EQ(lines("DF020", "FROM alpine:3.20\nUSER root\n"), Lines{});
  EXPECT_EQ(lines("DF020", "ARG BASE\nFROM ${BASE}\n"), Lines{});
  EXPECT_EQ(lines("DF020", "FROM gcr.io/distroless/static-debian12:nonroot\n"), Lines{});
}

// DF021 / DF030 -------------------------------------------------------------------------------

TEST(RootUser, FinalUserRootInAnyForm) {
  auto run = check("DF021", "FROM alpine:3.20\nUSER app\nUSER root\n");
  EXPECT_EQ(where(run), Strings{"3:6-10"});
  EXPECT_EQ(messages(run), Strings{"the final image runs as root: its last USER is 'root'"});
  EXPECT_EQ(lines("DF021", "FROM a\nUSER 0:0\n"), Lines{2});
  EXPECT_EQ(lines("DF021", "FROM a\nUSER root:root\n"), Lines{2});
  EXPECT_EQ(lines("DF021", "FROM a\nARG U=root\nUSER ${U}\n"), Lines{3});
  EXPECT_EQ(lines("DF021", "FROM a\nARG APP_USER\nUSER ${APP_USER:-root}\n"), Lines{3});
  EXPECT_EQ(lines("DF021", "FROM a AS base\nUSER 0\nFROM base\nRUN true\n"), Lines{2});
}

TEST(RootUser, SilentOnLaterNonRootUserBuilderRootAndUnknownArgs) {
  EXPECT_EQ(lines("DF021", "FROM a\nUSER root\nRUN apk add x\nUSER 10001\n"), Lines{});
  EXPECT_EQ(lines("DF021", "FROM a AS build\nUSER root\nFROM b\nUSER 10001\n"), Lines{});
  EXPECT_EQ(lines("DF021", "FROM a\nARG U\nUSER ${U}\n"), Lines{});
  EXPECT_EQ(lines("DF021", "FROM a\nUSER 1000:0\n"), Lines{});
}

TEST(NamedUser, FiresOnANameInTheFinalUser) {
  auto run = check("DF030", "FROM a\nUSER app:app\n");
  EXPECT_EQ(where(run), Strings{"2:6-13"});
  EXPECT_EQ(messages(run),
            Strings{"the final image's USER 'app:app' is a name; runAsNonRoot needs a numeric UID"});
}

TEST(NamedUser, SilentOnUidsRootAndBuilderStages) {
  EXPECT_EQ(lines("DF030", "FROM a AS b\nUSER builder\nFROM c\nUSER 10001:app\n"), Lines{});
  EXPECT_EQ(lines("DF030", "FROM a\nUSER root\n"), Lines{});
}

// DF022 ---------------------------------------------------------------------------------------

TEST(Sudo, ReportsUseAndInstallInShippingStages) {
  auto run = check("DF022",
                   "FROM debian:12 AS base\nRUN apt-get install -y sudo curl\n"
                   "FROM base\nRUN sudo apt-get update\n");
  EXPECT_EQ(where(run), (Strings{"2:24-28", "4:5-9"}));
  EXPECT_EQ(messages(run), (Strings{"apt-get installs sudo into stage 'base', which ships in the final image",
                                    "sudo runs in stage 1, which ships in the final image"}));
}

TEST(Sudo, SilentInBuilderStagesAndOnLookalikes) {
  EXPECT_EQ(
      lines("DF022",
            "FROM debian:12 AS build\nRUN sudo make install\n"
            "FROM debian:12\nCOPY --from=build /out /out\nRUN apt-get install -y sudoku && echo sudo\n"),
      Lines{});
}

// DF023 / DF024 -------------------------------------------------------------------------------

TEST(WorldWritable, ChmodMkdirAndCopyChmod) {
  auto run = check(
      "DF023",
      "FROM a\nRUN chmod -R 777 /app\nCOPY --chmod=777 app /app\nRUN chmod o+w /data && chmod a=rwx /x\n"
      "RUN mkdir -m 0777 /shared && chmod 666 /f\n");
  EXPECT_EQ(run.lines(), (Lines{2, 3, 4, 4, 5, 5}));
  EXPECT_EQ(where(run)[0], "2:14-17");
  EXPECT_EQ(where(run)[1], "3:6-17");
  EXPECT_EQ(where(run)[4], "5:14-18");
  EXPECT_EQ(run.findings[0].message, "chmod 777 on /app makes files writable by every user");
  EXPECT_EQ(run.findings[1].message, "COPY --chmod 777 on app makes files writable by every user");
}

TEST(WorldWritable, SilentOnSafeModesStickyDirsAndUnshippedStages) {
  EXPECT_EQ(
      lines(
          "DF023",
          "FROM a AS scratchpad\nRUN chmod 777 /tmp/x\n"
          "FROM a\nRUN chmod 755 /app && chmod -R go-w /app && chmod 1777 /tmp && chmod +w f && chmod o-w x\n"
          "COPY --chmod=644 a /a\n"),
      Lines{});
}

TEST(Setuid, OctalAndSymbolicBits) {
  auto run =
      check("DF024",
            "FROM a\nRUN chmod u+s /usr/bin/x\nRUN chmod 4755 /bin/y && chmod g+s /srv && chmod +s /z\n"
            "COPY --chmod=6755 tool /usr/local/bin/\n");
  EXPECT_EQ(run.lines(), (Lines{2, 3, 3, 3, 4}));
  EXPECT_EQ(where(run)[0], "2:11-14");
  EXPECT_EQ(messages(run)[0], "chmod u+s on /usr/bin/x sets the setuid bit");
  EXPECT_EQ(messages(run)[2], "chmod g+s on /srv sets the setgid bit");
  EXPECT_EQ(messages(run)[4], "COPY --chmod 6755 on tool sets the setuid and setgid bits");
}

// Regression (official postgres image): setgid on a directory the same RUN created only makes
// new files inherit its group; no program gains rights.
TEST(Setuid, DirectoriesMadeInTheSameRunAreSilent) {
  EXPECT_EQ(lines("DF024",
                  "FROM a\nRUN mkdir -p /var/run/pg && chown pg /var/run/pg && chmod 3777 /var/run/pg/\n"
                  "RUN mkdir -m 2775 /srv/shared && install -d -m 2770 /srv/g\n"),
            Lines{});
  EXPECT_EQ(lines("DF024",
                  "FROM a\nRUN mkdir -p /opt/bin && chmod 4755 /opt/bin /opt/tool\nRUN chmod g+s /opt/bin\n"),
            (Lines{2, 3}));
}

TEST(Setuid, SilentWhenBitsAreRemovedOrAbsent) {
  EXPECT_EQ(
      lines("DF024", "FROM a\nRUN chmod u-s /usr/bin/x && chmod 0755 /y && chmod a-s /z && chmod o+s /w\n"),
      Lines{});
  EXPECT_EQ(
      lines("DF024", "FROM a AS build\nRUN chmod 4755 /out/tool\nFROM b\nCOPY --from=build /out/app /app\n"),
      Lines{});
}

// DF025 / DF026 / DF027 -----------------------------------------------------------------------

TEST(InsecureAndHostNetwork, RunFlags) {
  auto run = check("DF025", "FROM a\nRUN --security=insecure make\nRUN --security=sandbox make\n");
  EXPECT_EQ(where(run), Strings{"2:5-24"});
  EXPECT_EQ(messages(run), Strings{"RUN --security=insecure runs the step without the build sandbox"});
  auto net = check("DF026", "FROM a\nRUN --network=host make\nRUN --network=none make\n");
  EXPECT_EQ(where(net), Strings{"2:5-19"});
  EXPECT_EQ(lines("DF026", "FROM a\nRUN --network=default curl -fsSL https://x.io\n"), Lines{});
}

TEST(RuntimeSocket, MountsVolumesCopiesAndDockerRun) {
  auto run = check("DF027",
                   "FROM a\n"
                   "RUN --mount=type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock docker ps\n"
                   "VOLUME /var/run/docker.sock\n"
                   "COPY docker.sock /run/\n"
                   "RUN docker run -v /run/containerd/containerd.sock:/c.sock img\n");
  EXPECT_EQ(run.lines(), (Lines{2, 3, 4, 5}));
  EXPECT_EQ(where(run)[0], "2:5-78");
  EXPECT_EQ(messages(run)[0], "RUN --mount gives the build step the runtime socket /var/run/docker.sock");
  EXPECT_EQ(messages(run)[1], "VOLUME names the container runtime socket /var/run/docker.sock");
}

TEST(RuntimeSocket, SilentOnOtherMountsAndPaths) {
  EXPECT_EQ(lines("DF027",
                  "FROM a\nRUN --mount=type=cache,target=/root/.cache pip install x==1\nVOLUME /data\n"
                  "RUN docker run -v /srv:/srv img\n"),
            Lines{});
}

// DF028 / DF029 / DF031 -----------------------------------------------------------------------

TEST(SensitiveVolume, JsonAndShellForms) {
  auto run =
      check("DF028", "FROM a\nVOLUME [\"/proc\", \"/data\"]\nVOLUME /etc/ /var/lib/app /sys/fs/cgroup\n");
  EXPECT_EQ(where(run), (Strings{"2:10-15", "3:8-13", "3:27-41"}));
  EXPECT_EQ(messages(run)[0], "VOLUME /proc declares a volume over the system path /proc");
  EXPECT_EQ(messages(run)[1], "VOLUME /etc/ declares a volume over the system path /etc");
}

TEST(SensitiveVolume, SilentOnDataPathsSocketsAndBuilderStages) {
  EXPECT_EQ(lines("DF028",
                  "FROM a AS b\nVOLUME /sys\nFROM c\nVOLUME /var/lib/app /etc-data /var/run/docker.sock\n"),
            Lines{});
}

TEST(SshServer, ExposePackagesAndDaemon) {
  auto run = check("DF029",
                   "FROM alpine:3.20\n"
                   "RUN apk add --no-cache openssh bash\n"
                   "EXPOSE 80 22/tcp\n"
                   "EXPOSE 20-30\n"
                   "CMD [\"/usr/sbin/sshd\", \"-D\"]\n");
  EXPECT_EQ(run.lines(), (Lines{2, 3, 4, 5}));
  EXPECT_EQ(where(run)[1], "3:11-17");
  EXPECT_EQ(messages(run),
            (Strings{"apk installs the SSH server openssh", "EXPOSE 22/tcp publishes the SSH port 22",
                     "EXPOSE 20-30 publishes the SSH port 22", "CMD starts the SSH server /usr/sbin/sshd"}));
  EXPECT_EQ(lines("DF029", "FROM debian:12\nRUN apt-get install -y openssh-server && service ssh start\n"),
            (Lines{2, 2}));
}

TEST(SshServer, SilentOnClientsUdpOtherPortsAndBuilders) {
  EXPECT_EQ(lines("DF029",
                  "FROM debian:12 AS b\nRUN apt-get install -y openssh-server\nEXPOSE 22\n"
                  "FROM debian:12\nRUN apt-get install -y openssh-client git && ssh-keyscan github.com\n"
                  "EXPOSE 22/udp 2222 8022\nCMD [\"ssh\", \"host\"]\n"),
            Lines{});
}

TEST(SystemWorkdir, AbsoluteAndRelativePaths) {
  auto run = check("DF031", "FROM a\nWORKDIR /proc/self\nWORKDIR /\nWORKDIR dev\nWORKDIR /app/../boot\n");
  EXPECT_EQ(run.lines(), (Lines{2, 4, 5}));
  EXPECT_EQ(where(run)[0], "2:9-19");
  EXPECT_EQ(messages(run),
            (Strings{"WORKDIR /proc/self is inside /proc (/proc/self)", "WORKDIR dev is inside /dev (/dev)",
                     "WORKDIR /app/../boot is inside /boot (/boot)"}));
}

TEST(SystemWorkdir, SilentOnAppDirsLookalikesAndUnknownArgs) {
  EXPECT_EQ(lines("DF031", "FROM a\nARG D\nWORKDIR /app\nWORKDIR /devtools\nWORKDIR ${D}\nWORKDIR proc\n"),
            Lines{});
}

}  // namespace
}  // namespace customs
