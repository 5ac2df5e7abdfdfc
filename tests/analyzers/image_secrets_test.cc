// Secrets in an image: layer tars written by the test, read by scan_layer with the secrets
// analyzer (what an image scan does), then turned into findings by report_image_secrets. Uses its
// own one-rule table (secrets_test_util.h) so that the built-in rules can change freely.
#include "analyzers/secrets/image_secrets.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "analyzers/secrets_test_util.h"
#include "io/stream.h"
#include "io/tar_reader.h"
#include "tar_builder.h"

namespace customs {
namespace {

using testing::kTestTokenRules;
using testing::make_test_scanner;
using testing::TarBuilder;
using testing::zip_bytes;
using Strings = std::vector<std::string>;

constexpr const char* kTok1 = "tok_a1b2c3d4e5";
constexpr const char* kTok2 = "tok_f6g7h8i9j0";
constexpr const char* kTok3 = "tok_k1l2m3n4o5";

// An image made layer by layer from tars; each layer is read as an image scan reads it.
class SecretImage {
 public:
  explicit SecretImage(const SecretScanOptions& o = {})
      : scanner_(make_test_scanner(o)),
        analyzer_(std::make_unique<SecretFileAnalyzer>(*scanner_, kTestTokenRules)) {}

  void layer(std::string tar, const std::string& created_by = "/bin/sh -c #(nop) COPY . /") {
    size_t i = layers_.size();
    auto reader = make_tar_reader(make_string_stream(std::move(tar)), "layer " + std::to_string(i));
    auto r = scan_layer(*reader, {analyzer_.get()}, "layer " + std::to_string(i));
    ASSERT_TRUE(r.ok()) << r.error().message;
    r->index = i;
    r->blob_digest = "sha256:blob" + std::to_string(i);
    layers_.push_back(std::move(*r));
    meta.config.history.push_back(HistoryEntry{"", created_by});
    LayerRef ref;
    ref.index = i;
    ref.blob_digest = layers_.back().blob_digest;
    ref.created_by = created_by;
    meta.layers.push_back(ref);
  }

  std::vector<Finding> run() {
    std::vector<const LayerResult*> pointers;
    for (const auto& l : layers_) pointers.push_back(&l);
    LayeredView view(pointers);
    Policy policy;
    ImageContext ctx{meta, layers_, view, policy, "example/app:1", 0, false};
    FindingSink sink(&policy);
    report_image_secrets(ctx, *analyzer_, sink, diags);
    return sink.take();
  }

  const std::vector<LayerResult>& layers() const { return layers_; }
  const SecretScanner& scanner() const { return *scanner_; }
  ImageMeta meta;
  Diagnostics diags;

 private:
  std::unique_ptr<SecretScanner> scanner_;
  std::unique_ptr<SecretFileAnalyzer> analyzer_;
  std::vector<LayerResult> layers_;
};

Strings messages(const std::vector<Finding>& fs) {
  Strings out;
  for (const auto& f : fs) out.push_back(f.message);
  return out;
}

// "path@layer:line:column" of each finding.
Strings places(const std::vector<Finding>& fs) {
  Strings out;
  for (const auto& f : fs)
    out.push_back(f.location.path + "@" + std::to_string(f.location.layer_index) + ":" +
                  std::to_string(f.location.line) + ":" + std::to_string(f.location.column));
  return out;
}

std::string masked(const SecretScanner& s, const std::string& value) {
  auto hits = s.scan("", value);
  return hits.size() == 1 ? hits[0].masked : "?";
}

TEST(ImageSecrets, AKeyDeletedInALaterLayerIsReportedWithBothLayers) {
  SecretImage img;
  img.layer(TarBuilder().file("app/.env", std::string("A=1\nTOKEN=") + kTok1 + "\n").finish());
  img.layer(TarBuilder().file("app/.wh..env", "").finish(), "/bin/sh -c rm /app/.env");
  auto fs = img.run();
  EXPECT_EQ(places(fs), Strings{"app/.env@0:2:7"});
  EXPECT_EQ(messages(fs),
            Strings{"Test token in /app/.env, line 2; removed in layer 1, still retrievable from layer 0"});
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].rule_id(), "T1");
  EXPECT_EQ(fs[0].severity, Severity::kHigh);  // not downgraded for being deleted
  EXPECT_EQ(fs[0].evidence, masked(img.scanner(), kTok1));
  EXPECT_EQ(fs[0].evidence.find(kTok1), std::string::npos);
  EXPECT_EQ(fs[0].location.layer_digest, "sha256:blob0");
  EXPECT_EQ(fs[0].location.end_line, 2);
  EXPECT_EQ(fs[0].location.end_column, 21);
}

TEST(ImageSecrets, AnOverwrittenFileSaysWhichLayerReplacedIt) {
  SecretImage img;
  img.layer(TarBuilder().file("app/.env", std::string("TOKEN=") + kTok1 + "\n").finish());
  img.layer(TarBuilder().file("app/.env", "TOKEN=\n").finish());
  EXPECT_EQ(
      messages(img.run()),
      Strings{"Test token in /app/.env, line 1; overwritten in layer 1, still retrievable from layer 0"});
}

TEST(ImageSecrets, AFileStillInTheImageSaysNoMoreThanWhere) {
  SecretImage img;
  img.layer(TarBuilder().file("etc/app.conf", std::string("x ") + kTok1 + "\n").finish());
  EXPECT_EQ(messages(img.run()), Strings{"Test token in /etc/app.conf, line 1"});
}

TEST(ImageSecrets, SecretsInEnvAndHistoryAreFoundAndNamedByPlace) {
  SecretImage img;
  img.layer(TarBuilder().file("app/x", "nothing here\n").finish(),
            std::string("|1 TOKEN=") + kTok2 + " /bin/sh -c make");
  img.meta.config.config.env = {"PATH=/usr/bin", std::string("API_TOKEN=") + kTok2};
  img.meta.config.config.labels = {{"build.token", kTok3}};
  auto fs = img.run();
  EXPECT_EQ(places(fs),
            (Strings{"config.Env[1]@-1:1:11", "config.Labels.build.token@-1:1:13", "history[0]@-1:1:10"}));
  EXPECT_EQ(messages(fs),
            (Strings{"Test token in the environment variable API_TOKEN (config.Env[1]); the same value "
                     "is in 1 other place",
                     "Test token in the label build.token",
                     "Test token in the build command history[0]; the same value is in 1 other place"}));
  ASSERT_EQ(fs.size(), 3u);
  EXPECT_EQ(fs[0].fingerprint, fs[2].fingerprint);  // one secret, one fingerprint
  EXPECT_NE(fs[0].fingerprint, fs[1].fingerprint);
}

TEST(ImageSecrets, AnArchiveEntryIsNamedInsideItsArchive) {
  std::string jar = zip_bytes(
      {{"META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"},
       {"BOOT-INF/classes/application.properties", std::string("db.url=jdbc:x\napi.token=") + kTok3 + "\n"}});
  SecretImage img;
  img.layer(TarBuilder().file("app/lib/app.jar", jar).finish());
  auto fs = img.run();
  EXPECT_EQ(places(fs), Strings{"app/lib/app.jar!/BOOT-INF/classes/application.properties@0:2:11"});
  EXPECT_EQ(messages(fs),
            Strings{"Test token in /app/lib/app.jar!/BOOT-INF/classes/application.properties, line 2"});
}

TEST(ImageSecrets, AnArchiveDeletedLaterIsStillReportedWithTheLayerThatHasIt) {
  std::string jar = zip_bytes({{"a.properties", std::string("t=") + kTok3 + "\n"}});
  SecretImage img;
  img.layer(TarBuilder().file("app/app.jar", jar).finish());
  img.layer(TarBuilder().file("app/.wh.app.jar", "").finish());
  EXPECT_EQ(
      messages(img.run()),
      Strings{"Test token in /app/app.jar!/a.properties, line 1; removed in layer 1, still retrievable from "
              "layer 0"});
}

TEST(ImageSecrets, AFileOverTheSizeLimitIsADiagnosticNotSilence) {
  SecretScanOptions o;
  o.max_file_size = 64;
  SecretImage img(o);
  img.layer(TarBuilder().file("app/big.txt", std::string(90, 'x') + "\n" + kTok1 + "\n").finish());
  EXPECT_TRUE(img.run().empty());
  ASSERT_EQ(img.diags.items().size(), 1u);
  const Diagnostic& d = img.diags.items()[0];
  EXPECT_EQ(d.code, "secrets.skipped");
  EXPECT_EQ(d.level, DiagLevel::kNote);
  EXPECT_EQ(d.message,
            "/app/big.txt was not scanned for secrets: 106 bytes, over the 64-byte limit "
            "(secrets.max-file-size)");
  EXPECT_EQ(d.where.path, "app/big.txt");
  EXPECT_EQ(d.where.layer_index, 0);
}

TEST(ImageSecrets, TheSameSecretInTwoFilesHasOneFingerprint) {
  SecretImage img;
  img.layer(TarBuilder().file("a", kTok1).file("b", std::string("\n\n") + kTok1).file("c", kTok2).finish());
  auto fs = img.run();
  ASSERT_EQ(fs.size(), 3u);
  EXPECT_EQ(fs[0].fingerprint, fs[1].fingerprint);
  EXPECT_NE(fs[0].fingerprint, fs[2].fingerprint);
  EXPECT_EQ(fs[0].message, "Test token in /a, line 1; the same value is in 1 other place");
  EXPECT_EQ(fs[2].message, "Test token in /c, line 1");
}

TEST(ImageSecrets, RecordsNeverHoldARawValueEvenWithTwoSecretsOnALine) {
  SecretImage img;
  img.layer(TarBuilder().file("app/.env", std::string("a=") + kTok1 + " b=" + kTok2 + "\n").finish());
  const auto& records = img.layers()[0].records;
  ASSERT_EQ(records.size(), 2u);
  for (const auto& r : records) {
    EXPECT_EQ(r.kind, "secret");
    EXPECT_EQ(r.data.find(kTok1), std::string::npos) << r.data;
    EXPECT_EQ(r.data.find(kTok2), std::string::npos) << r.data;
  }
}

TEST(ImageSecrets, TheCacheKeyChangesWithTheOptions) {
  SecretScanOptions small;
  small.max_file_size = 1000;
  auto s1 = make_test_scanner();
  auto s2 = make_test_scanner();
  auto s3 = make_test_scanner(small);
  SecretFileAnalyzer a(*s1, kTestTokenRules), b(*s2, kTestTokenRules), c(*s3, kTestTokenRules);
  EXPECT_EQ(analyzers_key({&a}), analyzers_key({&b}));
  EXPECT_NE(analyzers_key({&a}), analyzers_key({&c}));
  EXPECT_EQ(a.name().substr(0, 8), "secrets-");
  EXPECT_EQ(a.name().size(), 16u);
  EXPECT_EQ(analyzers_key({&a}), std::string(a.name()) + "@1");
}

TEST(ImageSecrets, MaskConfigSecretsRemovesValuesFromTheConfigAndTheFindings) {
  auto s = make_test_scanner();
  ImageMeta meta;
  std::string cmd = std::string("|1 TOKEN=") + kTok2 + " /bin/sh -c make";
  meta.config.history = {HistoryEntry{"", cmd}};
  meta.config.config.env = {std::string("T=") + kTok1};
  LayerRef ref;
  ref.created_by = cmd;
  meta.layers = {ref};
  Finding f;
  f.message = std::string("uses ") + kTok1;
  f.location.layer_created_by = cmd;
  std::vector<Finding> findings = {f};
  mask_config_secrets(*s, meta, findings);
  std::string m2 = masked(*s, kTok2);
  EXPECT_EQ(meta.config.history[0].created_by, "|1 TOKEN=" + m2 + " /bin/sh -c make");
  EXPECT_EQ(meta.layers[0].created_by, meta.config.history[0].created_by);
  EXPECT_EQ(meta.config.config.env[0], "T=" + masked(*s, kTok1));
  EXPECT_EQ(findings[0].message, "uses " + masked(*s, kTok1));
  EXPECT_EQ(findings[0].location.layer_created_by, meta.layers[0].created_by);
}

TEST(SecretRecord, RoundTripsEveryFieldAndRefusesDamage) {
  SecretRecord r{"SE020", 3, 5, 4, 1, "AKIA****", "sha256:0123456789abcdef", "a\tb\\c\nd\re"};
  auto back = decode_secret_record(encode_secret_record(r));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->rule_id, "SE020");
  EXPECT_EQ(back->line, 3);
  EXPECT_EQ(back->column, 5);
  EXPECT_EQ(back->end_line, 4);
  EXPECT_EQ(back->end_column, 1);
  EXPECT_EQ(back->masked, "AKIA****");
  EXPECT_EQ(back->hash, "sha256:0123456789abcdef");
  EXPECT_EQ(back->snippet, "a\tb\\c\nd\re");
  EXPECT_EQ(encode_secret_record(r).find('\n'), std::string::npos);
  EXPECT_FALSE(decode_secret_record("").has_value());
  EXPECT_FALSE(decode_secret_record("SE020\t3\t5\t4\t1\tm\th").has_value());          // 7 fields
  EXPECT_FALSE(decode_secret_record("SE020\tx\t5\t4\t1\tm\th\ts").has_value());       // not a number
  EXPECT_FALSE(decode_secret_record("SE020\t3\t5\t4\t1\tm\th\tbad\\q").has_value());  // bad escape
  EXPECT_FALSE(decode_secret_record("\t3\t5\t4\t1\tm\th\ts").has_value());            // no rule id
}

}  // namespace
}  // namespace customs
