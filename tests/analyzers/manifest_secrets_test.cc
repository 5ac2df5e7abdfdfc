// Secrets outside images: Kubernetes and Compose manifests (SE120-SE122 on top of the text scan),
// single text files and Dockerfiles through scan_file_secrets.
#include "analyzers/secrets/manifest_secrets.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "analyzers/secrets/text_secrets.h"
#include "core/strings.h"

namespace customs {
namespace {

using Strings = std::vector<std::string>;

constexpr std::string_view kAwsKey = "AKIAZ7VRSQ5TQKJ7MNOP";  // base64: QUtJQVo3VlJTUTVUUUtKN01OT1A=

struct Scan {
  Status status = ok_status();
  std::vector<Finding> findings;
  Diagnostics diags;

  // "rule@line:col" for every finding, in report order.
  Strings where() const {
    Strings out;
    for (const Finding& f : findings)
      out.push_back(std::string(f.rule_id()) + "@" + std::to_string(f.location.line) + ":" +
                    std::to_string(f.location.column));
    return out;
  }
  const Finding& of(std::string_view rule) const {
    for (const Finding& f : findings)
      if (f.rule_id() == rule) return f;
    ADD_FAILURE() << "no " << rule;
    return findings.front();
  }
};

Scan scan(std::string_view text, SecretFileKind kind = SecretFileKind::kManifest,
          const std::string& file = "deploy.yaml") {
  Scan s;
  FindingSink sink;
  s.status = scan_file_secrets(default_secret_scanner(), file, text, kind, sink, s.diags);
  s.findings = sink.take();
  return s;
}

// "<id of the engine rule titled `title`>@<at>": the group tables own their numbering.
std::string hit(std::string_view title, std::string_view at) {
  for (const SecretRule& r : secret_rules())
    if (r.rule.title == title) return std::string(r.rule.id) + "@" + std::string(at);
  ADD_FAILURE() << "no rule titled " << title;
  return {};
}

const std::string_view kAws = "AWS access key id";

// The places of the findings in a manifest that must scan without error.
Strings places(std::string_view text) {
  Scan s = scan(text);
  EXPECT_TRUE(s.status.ok()) << s.status.error().to_string();
  return s.where();
}

std::string testdata(const std::string& name) {
  std::ifstream in(std::string(CUSTOMS_TESTDATA) + "/secrets/manifests/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(ManifestRules, RowsHaveTextAndUniqueIds) {
  auto rules = manifest_secret_rules();
  ASSERT_EQ(rules.size(), 3u);
  for (const Rule& r : rules) {
    EXPECT_EQ(r.practice, Practice::kSecrets) << r.id;
    EXPECT_FALSE(r.why.empty()) << r.id;
    EXPECT_TRUE(contains(r.fix, "`")) << r.id << " fix needs an example";
    EXPECT_EQ(find_manifest_secret_rule(r.id), &r);
  }
  EXPECT_EQ(rules[0].id, "SE120");
  EXPECT_EQ(rules[2].id, "SE122");
  EXPECT_EQ(find_manifest_secret_rule("SE130"), nullptr);
}

TEST(ManifestKind, YamlWithKubernetesOrComposeShape) {
  EXPECT_TRUE(looks_like_manifest("k8s/deploy.yaml", "apiVersion: v1\nkind: Pod\n"));
  EXPECT_TRUE(looks_like_manifest("pod.yml", "kind: Pod\nspec: [a\n"));
  EXPECT_TRUE(looks_like_manifest("a.yml", "# c\nservices:\n  web: {}\n"));
  EXPECT_TRUE(looks_like_manifest("x/docker-compose.prod.yml", "version: '3'\n"));
  EXPECT_TRUE(looks_like_manifest("COMPOSE.YAML", ""));
  EXPECT_FALSE(looks_like_manifest("values.yaml", "image:\n  kind: x\n  apiVersion: 1\nreplicas: 2\n"));
  EXPECT_FALSE(looks_like_manifest("deploy.json", "apiVersion: v1\nkind: Pod\n"));
}

TEST(SecretObject, InlineDataIsReportedWithKeyNamesAndMaskedValues) {
  auto s = scan(
      "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: prod\n"
      "data:\n  password: aHVudGVyMmh1bnRlcjI=\n  user: YWRtaW4=\n");
  ASSERT_TRUE(s.status.ok());
  // The text scan sees `password: <base64>` as a password assignment; SE120 names the object.
  ASSERT_EQ(s.where(), (Strings{hit("Password assignment", "7:13"), "SE120@7:3"}));
  const Finding& f = s.findings[1];
  EXPECT_EQ(f.message, "Secret 'db' holds inline data (keys password, user) in the manifest");
  EXPECT_EQ(f.evidence, "password=aHVu**************I=, user=********");
  EXPECT_EQ(f.severity, Severity::kHigh);
}

TEST(SecretObject, DataIsDecodedAndScannedAtTheValue) {
  auto s = scan("kind: Secret\nmetadata: {name: aws}\ndata:\n  key_id: \"QUtJQVo3VlJTUTVUUUtKN01OT1A=\"\n");
  ASSERT_TRUE(s.status.ok());
  ASSERT_EQ(s.where(), (Strings{hit(kAws, "4:12"), "SE120@4:3"}));
  EXPECT_EQ(s.findings[0].message, "AWS access key id in Secret 'aws', key key_id (base64-decoded)");
  EXPECT_EQ(s.findings[0].evidence, "AKIA**************OP");
}

TEST(SecretObject, StringDataIsScannedOnceNotDecoded) {
  std::string text =
      "kind: Secret\nmetadata:\n  name: aws\nstringData:\n  id: " + std::string(kAwsKey) + "\n";
  auto s = scan(text);
  ASSERT_TRUE(s.status.ok());
  // The text scan finds the key; the stringData pass finds it at the same place and keeps quiet.
  EXPECT_EQ(s.where(), (Strings{hit(kAws, "5:7"), "SE120@5:3"}));
  EXPECT_EQ(s.of("SE120").evidence, "id=AKIA**************OP");
}

TEST(SecretObject, EmptyDataOrOtherKindsAreSilent) {
  EXPECT_EQ(
      places("kind: Secret\nmetadata: {name: sa}\ntype: kubernetes.io/service-account-token\ndata: {}\n---\n"
             "kind: ConfigMap\ndata:\n  config: aHVudGVyMmh1bnRlcjI=\n"),
      Strings{});
}

TEST(ContainerEnv, LiteralSecretInDeploymentLocatedAtTheValue) {
  auto s = scan(testdata("deployment.yaml"));
  ASSERT_TRUE(s.status.ok());
  ASSERT_EQ(s.where(), (Strings{hit(kAws, "25:23"), "SE121@23:22", "SE121@25:23"}));
  EXPECT_EQ(s.findings[1].message,
            "Container 'api' of Deployment 'web' sets env DB_PASSWORD, which has a secret-like name, to a "
            "literal value: it is readable wherever the manifest is");
  EXPECT_EQ(s.findings[1].evidence, "DB_PASSWORD=hunt**********99");
  EXPECT_TRUE(contains(s.findings[2].message, "a value that looks like a AWS access key id"));
}

TEST(ContainerEnv, CronJobInitContainersPodsAndListItems) {
  auto s = scan(
      "kind: CronJob\nmetadata: {name: nightly}\nspec:\n  jobTemplate:\n    spec:\n      template:\n"
      "        spec:\n          initContainers:\n          - name: init\n            env:\n"
      "            - {name: API_TOKEN, value: tok-1234567890}\n---\n"
      "kind: List\nitems:\n- kind: Pod\n  metadata: {name: p}\n  spec:\n    containers:\n    - name: c\n"
      "      env: [{name: SECRET, value: 'abcdef123456'}]\n");
  ASSERT_TRUE(s.status.ok());
  ASSERT_EQ(s.where(), (Strings{"SE121@11:40", "SE121@20:36"}));
  EXPECT_TRUE(contains(s.findings[0].message, "Container 'init' of CronJob 'nightly' sets env API_TOKEN"));
  EXPECT_TRUE(contains(s.findings[1].message, "Container 'c' of Pod 'p' sets env SECRET"));
}

TEST(ContainerEnv, ReferencesBenignValuesAndNamesAreSilent) {
  EXPECT_EQ(
      places("kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    env:\n"
             "    - name: DB_PASSWORD\n      valueFrom: {secretKeyRef: {name: db, key: password}}\n"
             "    - {name: DB_PASSWORD_FILE, value: /run/secrets/db}\n    - {name: TOKEN, value: $(OTHER)}\n"
             "    - {name: AUTH_ENABLED, value: 'true'}\n    - {name: LOG_LEVEL, value: debug}\n"),
      Strings{});
}

TEST(ComposeEnvironment, MapListAndMergedAnchor) {
  auto s = scan(testdata("compose.yaml"), SecretFileKind::kManifest, "compose.yaml");
  ASSERT_TRUE(s.status.ok());
  // The text scan reads the assignments; SE122 reports each service's variable, the anchored value
  // where it is written (line 3) for each service that merges it.
  ASSERT_EQ(s.where(),
            (Strings{hit("Password assignment", "3:17"), hit("Secret, token or API key assignment", "11:16"),
                     hit("Secret, token or API key assignment", "20:24"), "SE122@3:17", "SE122@11:16",
                     "SE122@3:17", "SE122@20:24"}));
  EXPECT_TRUE(contains(s.findings[3].message, "Service 'web' sets environment DB_PASSWORD"));
  EXPECT_TRUE(contains(s.findings[4].message, "Service 'web' sets environment API_KEY"));
  EXPECT_TRUE(contains(s.findings[5].message, "Service 'worker' sets environment DB_PASSWORD"));
  EXPECT_EQ(s.findings[6].evidence, "SESSION_SECRET=q8w7**********i1");
  EXPECT_NE(s.findings[3].fingerprint, s.findings[5].fingerprint);
}

TEST(ComposeEnvironment, InterpolationAndPassThroughAreSilent) {
  EXPECT_EQ(
      places("services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${PG_PASSWORD}\n      TOKEN:\n"
             "  app:\n    environment:\n      - SECRET_KEY\n      - API_KEY=$API_KEY\n      - DEBUG=1\n"),
      Strings{});
}

TEST(ManifestErrors, MalformedYamlIsALocatedError) {
  auto s = scan("kind: Pod\nspec:\n  containers: [a\n  x: y\n", SecretFileKind::kManifest, "bad.yaml");
  ASSERT_FALSE(s.status.ok());
  EXPECT_EQ(s.status.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(s.status.error().to_string(), "bad.yaml:4:4: malformed YAML: end of sequence flow not found");
  EXPECT_EQ(s.findings.size(), 0u);
}

TEST(ManifestErrors, ErrorInALaterDocumentNamesItsLine) {
  auto s = scan("kind: Pod\n---\n# two\nkind: Service\nspec: {ports: [1}\n");
  ASSERT_FALSE(s.status.ok());
  EXPECT_EQ(s.status.error().where.line, 5);
}

// Regression (fuzz): yaml-cpp 0.7's LoadAll never returned on ",".
TEST(ManifestErrors, StrayFlowTokensEndAndDocumentEndMarkersSplit) {
  EXPECT_EQ(places(","), Strings{});
  EXPECT_EQ(places("a: 1\n...\n%YAML 1.2\n---\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
                   "  - {name: c, env: [{name: TOKEN, value: abcdef123456}]}\n"),
            Strings{"SE121@9:42"});
}

TEST(ManifestErrors, NestingBeyondAnyManifestIsRefused) {
  auto s = scan("a: " + std::string(200, '[') + std::string(200, ']') + "\n");
  ASSERT_FALSE(s.status.ok());
  EXPECT_EQ(s.status.error().to_string(), "deploy.yaml: YAML nested deeper than any manifest; not parsed");
}

TEST(TextFile, EngineHitsLocatedMaskedAndFingerprintedByValue) {
  std::string text = "# settings\nexport AWS_ACCESS_KEY_ID=" + std::string(kAwsKey) + "\n";
  auto a = scan(text, SecretFileKind::kText, "app/settings.sh");
  auto b = scan("\n\n" + text, SecretFileKind::kText, "app/settings.sh");
  ASSERT_TRUE(a.status.ok());
  ASSERT_EQ(a.where(), Strings{hit(kAws, "2:26")});
  const Finding& f = a.findings[0];
  EXPECT_EQ(f.location.end_column, 46);
  EXPECT_EQ(f.location.file, "app/settings.sh");
  EXPECT_EQ(f.evidence, "AKIA**************OP");
  EXPECT_EQ(f.message, "AWS access key id written in the file: anyone who can read the file can use it");
  ASSERT_EQ(b.findings.size(), 1u);
  EXPECT_EQ(b.findings[0].fingerprint, f.fingerprint);
}

TEST(DockerfileTarget, TextScanPlusRecipeChecksWithoutDuplicates) {
  std::string df =
      "FROM alpine\nENV DB_PASSWORD=hunter2hunter2\nENV AWS_ACCESS_KEY_ID=" + std::string(kAwsKey) +
      "\nCOPY . /app\n";
  auto s = scan(df, SecretFileKind::kDockerfile, "Dockerfile");
  ASSERT_TRUE(s.status.ok());
  // SE010 from the engine, DF040 from the recipe; no DF042 (same engine) and no DF044 (needs the context).
  EXPECT_EQ(s.where(), (Strings{hit(kAws, "3:23"), "DF040@2:5"}));
}

TEST(DockerfileTarget, UnparsableDockerfileKeepsTheTextScan) {
  std::string text = "# only a comment " + std::string(kAwsKey) + "\n";
  auto s = scan(text, SecretFileKind::kDockerfile, "Dockerfile");
  ASSERT_TRUE(s.status.ok());
  EXPECT_EQ(s.where(), Strings{hit(kAws, "1:18")});
  ASSERT_TRUE(s.diags.has_errors());
  EXPECT_EQ(s.diags.items().back().code, "secrets.dockerfile-unparsed");
}

}  // namespace
}  // namespace customs
