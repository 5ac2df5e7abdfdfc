// The three local image sources (docker-archive, OCI layout, oci-archive) on fixtures shaped like
// what docker save, skopeo, Docker 25+, umoci and buildx write, and on every broken input.
#include <gtest/gtest.h>

#include "image_builder.h"
#include "io/fs.h"
#include "sources/image/image_source.h"
#include "sources/image/target.h"

namespace customs {
namespace {

using testing::DockerArchiveStyle;
using testing::FileSet;
using testing::hex_of;
using testing::Json;
using testing::OciLayout;
using testing::TarBuilder;
using testing::TestImage;
using testing::with_platform;

std::string layer_tar(const std::string& path, const std::string& content) {
  return TarBuilder().file(path, content).finish();
}

// A three-layer image: plain, gzip, plain; an ENV between the first two.
TestImage app_image() {
  TestImage image;
  image.layer(layer_tar("etc/os-release", "ID=debian\n"), Compression::kNone, "ADD rootfs.tar /")
      .empty_history("ENV A=1")
      .layer(layer_tar("app/server.js", "console.log(1)\n"), Compression::kGzip, "COPY . /app")
      .layer(layer_tar("app/.env", "X=1\n"), Compression::kNone, "RUN make")
      .config("User", "1000")
      .config("Env", Json::array({"PATH=/usr/bin", "NODE_ENV=production"}))
      .config("Cmd", Json::array({"node", "/app/server.js"}))
      .tag("example/app:1");
  return image;
}

Result<std::string> read_blob(const ImageSource& source, size_t i) {
  auto in = source.open_layer_blob(i);
  if (!in.ok()) return in.error();
  return read_all(**in, 1 << 20);
}

ImageTarget target_of(TargetKind kind, const std::string& path, const std::string& tag = "") {
  ImageTarget t;
  t.kind = kind;
  t.path = path;
  t.tag = tag;
  t.text = path;
  return t;
}

std::unique_ptr<ImageSource> opened(Result<std::unique_ptr<ImageSource>> r) {
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  return r.ok() ? std::move(*r) : nullptr;
}

Error failed(Result<std::unique_ptr<ImageSource>> r) {
  EXPECT_FALSE(r.ok());
  return r.ok() ? Error{} : r.error();
}

// ---- docker-archive ----------------------------------------------------------------------------

Result<std::unique_ptr<ImageSource>> open_archive(const std::string& bytes, const OpenOptions& options = {},
                                                  const std::string& tag = "") {
  MemoryFs fs;  // the source keeps the archive's file open; the FsView may go
  fs.add_file("/in/image.tar", bytes);
  return open_docker_archive(fs, target_of(TargetKind::kDockerArchive, "/in/image.tar", tag), options);
}

TEST(DockerArchive, ReadsASkopeoArchiveWithEveryField) {
  TestImage image = app_image();
  auto source = opened(open_archive(testing::docker_archive({image}, DockerArchiveStyle::kSkopeo)));
  ASSERT_TRUE(source);
  const ImageMeta& m = source->meta();
  EXPECT_EQ(m.reference, "/in/image.tar");
  EXPECT_EQ(m.source_kind, "docker-archive");
  EXPECT_EQ(m.name, "example/app:1");
  EXPECT_EQ(m.repo_tags, std::vector<std::string>{"example/app:1"});
  EXPECT_EQ(m.manifest_digest, "");
  EXPECT_EQ(m.config_digest, image.config_digest());
  EXPECT_EQ(m.config_bytes, image.config_json());
  EXPECT_EQ(m.config.config.user, "1000");
  EXPECT_EQ(m.config.config.cmd, (std::vector<std::string>{"node", "/app/server.js"}));
  ASSERT_TRUE(m.platform.has_value());
  EXPECT_EQ(m.platform->to_string(), "linux/amd64");
  EXPECT_EQ(m.manifest.media_type, "application/vnd.docker.distribution.manifest.v2+json");
  EXPECT_EQ(m.manifest.config.digest, image.config_digest());
  EXPECT_EQ(m.manifest.config.size, static_cast<int64_t>(image.config_json().size()));
  ASSERT_EQ(m.layers.size(), 3u);
  ASSERT_EQ(m.manifest.layers.size(), 3u);
  const std::vector<std::string> created_by = {"ADD rootfs.tar /", "COPY . /app", "RUN make"};
  const std::vector<std::string> types = {"application/vnd.docker.image.rootfs.diff.tar",
                                          "application/vnd.docker.image.rootfs.diff.tar.gzip",
                                          "application/vnd.docker.image.rootfs.diff.tar"};
  for (size_t i = 0; i < 3; ++i) {
    const auto& want = image.layers()[i];
    const LayerRef& l = m.layers[i];
    EXPECT_EQ(l.index, i);
    EXPECT_EQ(l.blob_digest, want.digest()) << i;
    EXPECT_EQ(l.blob_size, static_cast<int64_t>(want.blob().size())) << i;
    EXPECT_EQ(l.diff_id, want.diff_id()) << i;
    EXPECT_EQ(l.media_type, types[i]) << i;
    EXPECT_EQ(l.created_by, created_by[i]) << i;
    EXPECT_EQ(l.history_created, "2024-01-02T03:04:05Z");
    EXPECT_EQ(m.manifest.layers[i].digest, want.digest());
    auto blob = read_blob(*source, i);
    ASSERT_TRUE(blob.ok()) << blob.error().message;
    EXPECT_EQ(*blob, want.blob()) << i;
  }
}

TEST(DockerArchive, ReadsLegacyDockerSaveLayersWithoutBlobDigests) {
  TestImage image = app_image();
  auto source = opened(open_archive(testing::docker_archive({image}, DockerArchiveStyle::kDockerSave)));
  ASSERT_TRUE(source);
  ASSERT_EQ(source->meta().layers.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(source->meta().layers[i].blob_digest, "") << i;  // <id>/layer.tar names no digest
    EXPECT_EQ(source->meta().layers[i].diff_id, image.layers()[i].diff_id());
    EXPECT_EQ(*read_blob(*source, i), image.layers()[i].blob());
  }
  EXPECT_EQ(source->meta().layers[1].media_type, "application/vnd.docker.image.rootfs.diff.tar.gzip");
}

TEST(DockerArchive, ReadsDocker25BlobsLayout) {
  TestImage image = app_image();
  image.layer(layer_tar("z", "zstd layer"), Compression::kZstd, "RUN z");
  auto source = opened(open_archive(testing::docker_archive({image}, DockerArchiveStyle::kDocker25)));
  ASSERT_TRUE(source);
  const ImageMeta& m = source->meta();
  ASSERT_EQ(m.layers.size(), 4u);
  EXPECT_EQ(m.config_digest, image.config_digest());
  EXPECT_EQ(m.layers[3].blob_digest, image.layers()[3].digest());
  EXPECT_EQ(m.layers[3].media_type, "application/vnd.oci.image.layer.v1.tar+zstd");
  EXPECT_EQ(*read_blob(*source, 3), image.layers()[3].blob());
}

TEST(DockerArchive, TakesNullRepoTagsAsUntagged) {
  TestImage image;
  image.layer(layer_tar("a", "1"));
  auto source = opened(open_archive(testing::docker_archive({image})));
  ASSERT_TRUE(source);
  EXPECT_TRUE(source->meta().repo_tags.empty());
  EXPECT_EQ(source->meta().name, "/in/image.tar");
}

std::string two_image_archive() {
  TestImage app = app_image(), base;
  base.layer(layer_tar("etc/os-release", "ID=debian\n"), Compression::kNone, "ADD base")
      .tag("example/base:1");
  return testing::docker_archive({app, base});
}

TEST(DockerArchive, PicksOneOfSeveralImagesByName) {
  std::string bytes = two_image_archive();
  OpenOptions by_name;
  by_name.image_name = "docker.io/example/base:1";  // normalised like the repo tag
  auto base = opened(open_archive(bytes, by_name));
  ASSERT_TRUE(base);
  EXPECT_EQ(base->meta().name, "example/base:1");
  EXPECT_EQ(base->meta().layers.size(), 1u);
  auto by_tag = opened(open_archive(bytes, {}, "example/app:1"));  // docker-archive:FILE:NAME
  ASSERT_TRUE(by_tag);
  EXPECT_EQ(by_tag->meta().layers.size(), 3u);
  OpenOptions by_index;
  by_index.image_name = "@1";
  auto second = opened(open_archive(bytes, by_index));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->meta().repo_tags, std::vector<std::string>{"example/base:1"});
}

TEST(DockerArchive, AmbiguousOrUnknownNamesListTheImages) {
  std::string bytes = two_image_archive();
  Error ambiguous = failed(open_archive(bytes));
  EXPECT_EQ(ambiguous.kind, ErrorKind::kUsage);
  EXPECT_EQ(ambiguous.message,
            "/in/image.tar: holds 2 images; choose one with --image: example/app:1, example/base:1");
  OpenOptions options;
  options.image_name = "example/other:1";
  Error unknown = failed(open_archive(bytes, options));
  EXPECT_EQ(unknown.kind, ErrorKind::kNotFound);
  EXPECT_EQ(
      unknown.message,
      "/in/image.tar: no image named 'example/other:1'; the archive holds: example/app:1, example/base:1");
}

FileSet skopeo_files(const TestImage& image) { return testing::docker_archive_files({image}); }

TEST(DockerArchive, ErrorsNameTheArchiveAndMember) {
  TestImage image = app_image();
  std::string config_name = hex_of(image.config_digest()) + ".json";
  std::string layer1 = hex_of(image.layers()[1].digest()) + ".tar";

  FileSet no_manifest = skopeo_files(image);
  no_manifest.files.erase("manifest.json");
  EXPECT_EQ(failed(open_archive(no_manifest.tar())).message,
            "/in/image.tar: no manifest.json: not a docker-archive");

  FileSet bad_json = skopeo_files(image);
  bad_json.files["manifest.json"] = R"([{"Config":5}])";
  EXPECT_EQ(failed(open_archive(bad_json.tar())).message,
            "/in/image.tar: manifest.json: [0].Config: not a string");

  FileSet no_config = skopeo_files(image);
  no_config.files.erase(config_name);
  Error missing = failed(open_archive(no_config.tar()));
  EXPECT_EQ(missing.kind, ErrorKind::kNotFound);
  EXPECT_EQ(missing.message, "/in/image.tar: config member '" + config_name + "' is missing");

  FileSet tampered = skopeo_files(image);
  tampered.files[config_name] = R"({"config":{"User":"root"}})";
  EXPECT_EQ(failed(open_archive(tampered.tar())).message,
            "/in/image.tar: config " + config_name + ": digest mismatch: the name says " +
                image.config_digest() + " but the content is " +
                testing::sha256_digest(R"({"config":{"User":"root"}})"));

  FileSet no_layer = skopeo_files(image);
  no_layer.files.erase(layer1);
  Error gone = failed(open_archive(no_layer.tar()));
  EXPECT_EQ(gone.kind, ErrorKind::kNotFound);
  EXPECT_EQ(gone.message, "/in/image.tar: layer 1 ('" + layer1 + "'): no such member");
}

TEST(DockerArchive, RejectsAConfigWhoseDiffIdsDoNotMatchTheLayers) {
  TestImage image = app_image();
  image.config_top("rootfs",
                   Json{{"type", "layers"}, {"diff_ids", Json::array({image.layers()[0].diff_id()})}});
  Error e = failed(open_archive(testing::docker_archive({image})));
  EXPECT_EQ(e.kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(e.message, "/in/image.tar: config " + hex_of(image.config_digest()) +
                           ".json: the config lists 1 diff_ids but the image has 3 layers");
}

TEST(DockerArchive, ABadConfigOrALayerThatIsNotAFileIsAnError) {
  TestImage broken = app_image();
  broken.raw_config(R"({"config":{"Env":"PATH=/bin"}})");
  EXPECT_EQ(failed(open_archive(testing::docker_archive({broken}))).message,
            "/in/image.tar: config " + hex_of(broken.config_digest()) + ".json: config.Env: not an array");
  TestImage image;
  image.layer(layer_tar("a", "1"));
  std::string manifest = R"([{"Config":")" + hex_of(image.config_digest()) + R"(.json","Layers":["d"]}])";
  TarBuilder t;
  t.file("manifest.json", manifest)
      .file(hex_of(image.config_digest()) + ".json", image.config_json())
      .dir("d");
  EXPECT_EQ(failed(open_archive(t.finish())).message,
            "/in/image.tar: layer 0 ('d'): a directory, not a regular file");
}

TEST(DockerArchive, BoundsMetadataSize) {
  OpenOptions small;
  small.max_metadata_bytes = 100;
  Error e = failed(open_archive(testing::docker_archive({app_image()}), small));
  EXPECT_EQ(e.kind, ErrorKind::kLimit);
}

TEST(DockerArchive, ALayerThatIsNotWhatItsNameSaysFailsWhenRead) {
  TestImage image = app_image();
  FileSet files = skopeo_files(image);
  std::string name = hex_of(image.layers()[2].digest()) + ".tar";
  std::string& blob = files.files[name];
  blob[600] ^= 1;  // same size, other bytes
  auto source = opened(open_archive(files.tar()));
  ASSERT_TRUE(source);
  auto bytes = read_blob(*source, 2);
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(bytes.error().message.find("/in/image.tar: layer 2 (" + image.layers()[2].digest() +
                                       "): digest mismatch"),
            std::string::npos)
      << bytes.error().message;
  EXPECT_EQ(source->open_layer_blob(3).ok(), false);
}

// ---- OCI layout and oci-archive ----------------------------------------------------------------

struct Opened {
  MemoryFs fs;
  Result<std::unique_ptr<ImageSource>> source = make_error(ErrorKind::kInternal, "not opened");
};

// Opens `files` as a layout directory and as an oci-archive; both must agree.
std::unique_ptr<Opened> open_layout(const FileSet& files, const std::string& tag = "",
                                    OpenOptions options = {}) {
  auto out = std::make_unique<Opened>();
  files.write_to(out->fs, "/oci/img");
  out->source = open_oci_layout(out->fs, target_of(TargetKind::kOciLayout, "/oci/img", tag), options);
  return out;
}
std::unique_ptr<Opened> open_oci_tar(const FileSet& files, const std::string& tag = "",
                                     OpenOptions options = {}) {
  auto out = std::make_unique<Opened>();
  out->fs.add_file("/oci/img.tar", files.tar());
  out->source = open_oci_archive(out->fs, target_of(TargetKind::kOciArchive, "/oci/img.tar", tag), options);
  return out;
}

TestImage oci_image() {
  TestImage image;
  image.layer(layer_tar("etc/os-release", "ID=alpine\n"), Compression::kGzip, "ADD alpine /")
      .layer(layer_tar("app/x", "x"), Compression::kZstd, "COPY x /app/x")
      .config("User", "app")
      .annotation("org.opencontainers.image.source", "https://example.invalid/repo");
  return image;
}

void expect_oci_meta(const ImageMeta& m, const TestImage& image, const std::string& manifest_digest) {
  EXPECT_EQ(m.manifest_digest, manifest_digest);
  EXPECT_EQ(m.config_digest, image.config_digest());
  EXPECT_EQ(m.config_bytes, image.config_json());
  EXPECT_EQ(m.config.config.user, "app");
  ASSERT_EQ(m.layers.size(), 2u);
  EXPECT_EQ(m.layers[0].blob_digest, image.layers()[0].digest());
  EXPECT_EQ(m.layers[0].blob_size, static_cast<int64_t>(image.layers()[0].blob().size()));
  EXPECT_EQ(m.layers[0].media_type, "application/vnd.oci.image.layer.v1.tar+gzip");
  EXPECT_EQ(m.layers[1].media_type, "application/vnd.oci.image.layer.v1.tar+zstd");
  EXPECT_EQ(m.layers[1].diff_id, image.layers()[1].diff_id());
  EXPECT_EQ(m.layers[1].created_by, "COPY x /app/x");
  EXPECT_EQ(m.index_annotations.at("org.opencontainers.image.ref.name"), "latest");
  EXPECT_EQ(m.index_annotations.at("org.opencontainers.image.source"), "https://example.invalid/repo");
  ASSERT_TRUE(m.platform.has_value());
  EXPECT_EQ(m.platform->to_string(), "linux/amd64");
}

TEST(OciLayout, ReadsATaggedImageFromADirectoryAndFromAnArchive) {
  TestImage image = oci_image();
  OciLayout layout;
  Json d = layout.add_image(image);
  layout.ref(d, "latest");
  auto dir = open_layout(layout.files());
  ASSERT_TRUE(dir->source.ok()) << dir->source.error().to_string();
  EXPECT_EQ((*dir->source)->meta().source_kind, "oci-layout");
  expect_oci_meta((*dir->source)->meta(), image, d["digest"]);
  auto tar = open_oci_tar(layout.files(), "latest");
  ASSERT_TRUE(tar->source.ok()) << tar->source.error().to_string();
  EXPECT_EQ((*tar->source)->meta().source_kind, "oci-archive");
  EXPECT_EQ((*tar->source)->meta().reference, "/oci/img.tar");
  expect_oci_meta((*tar->source)->meta(), image, d["digest"]);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(*read_blob(**dir->source, i), image.layers()[i].blob());
    EXPECT_EQ(*read_blob(**tar->source, i), image.layers()[i].blob());
  }
}

TEST(OciLayout, ReadsUmociManifestsWithoutMediaType) {
  TestImage image = oci_image();
  OciLayout layout;
  Json d = layout.add_image(image, /*media_types=*/false);
  ASSERT_FALSE(d.contains("mediaType"));
  layout.ref(d, "latest");
  auto dir = open_layout(layout.files());
  ASSERT_TRUE(dir->source.ok()) << dir->source.error().to_string();
  EXPECT_EQ((*dir->source)->meta().manifest.media_type, "");
  expect_oci_meta((*dir->source)->meta(), image, d["digest"]);
}

OciLayout two_tags() {
  OciLayout layout;
  TestImage a = oci_image(), b;
  b.layer(layer_tar("b", "b"), Compression::kGzip, "B");
  layout.ref(layout.add_image(a), "a").ref(layout.add_image(b), "b");
  return layout;
}

TEST(OciLayout, ChoosesByTagAndListsTagsWhenItCannot) {
  OciLayout layout = two_tags();
  auto b = open_layout(layout.files(), "b");
  ASSERT_TRUE(b->source.ok()) << b->source.error().to_string();
  EXPECT_EQ((*b->source)->meta().layers.at(0).created_by, "B");
  auto none = open_layout(layout.files());
  Error ambiguous = failed(std::move(none->source));
  EXPECT_EQ(ambiguous.kind, ErrorKind::kUsage);
  EXPECT_EQ(ambiguous.message,
            "/oci/img: holds 2 images; name one as oci:DIR:TAG or oci-archive:FILE:TAG; tags: a, b");
  auto c = open_oci_tar(layout.files(), "c");
  Error unknown = failed(std::move(c->source));
  EXPECT_EQ(unknown.kind, ErrorKind::kNotFound);
  EXPECT_EQ(unknown.message, "/oci/img.tar: no image tagged 'c'; tags: a, b");
}

// index.json -> (tagged) image index of amd64, arm64/v8 and an attestation.
OciLayout multi_platform(TestImage& amd, TestImage& arm) {
  amd.layer(layer_tar("amd", "1"), Compression::kGzip, "amd64 layer");
  arm.layer(layer_tar("arm", "2"), Compression::kGzip, "arm64 layer").config_top("architecture", "arm64");
  OciLayout layout;
  Json attestation = with_platform(layout.add_blob("{}", "application/vnd.oci.image.manifest.v1+json"),
                                   "unknown", "unknown");
  attestation["annotations"]["vnd.docker.reference.type"] = "attestation-manifest";
  Json index = layout.add_index({with_platform(layout.add_image(amd), "linux", "amd64"),
                                 with_platform(layout.add_image(arm), "linux", "arm64", "v8"), attestation});
  index["annotations"]["org.opencontainers.image.created"] = "2024-05-06T00:00:00Z";
  layout.ref(index, "latest");
  return layout;
}

TEST(OciLayout, ChoosesThePlatformInANestedIndex) {
  TestImage amd, arm;
  OciLayout layout = multi_platform(amd, arm);
  auto def = open_layout(layout.files());
  ASSERT_TRUE(def->source.ok()) << def->source.error().to_string();
  const ImageMeta& m = (*def->source)->meta();
  EXPECT_EQ(m.config_digest, amd.config_digest());
  EXPECT_EQ(m.platform->to_string(), "linux/amd64");
  EXPECT_EQ(m.index_annotations.at("org.opencontainers.image.created"), "2024-05-06T00:00:00Z");
  EXPECT_EQ(m.index_annotations.at("org.opencontainers.image.ref.name"), "latest");
  OpenOptions arm64;
  arm64.platform = "linux/arm64";
  auto a = open_oci_tar(layout.files(), "", arm64);
  ASSERT_TRUE(a->source.ok()) << a->source.error().to_string();
  EXPECT_EQ((*a->source)->meta().config_digest, arm.config_digest());
  EXPECT_EQ((*a->source)->meta().platform->to_string(), "linux/arm64/v8");
  EXPECT_EQ((*a->source)->meta().layers.at(0).created_by, "arm64 layer");
  OpenOptions s390x;
  s390x.platform = "linux/s390x";
  Error e = failed(std::move(open_layout(layout.files(), "", s390x)->source));
  EXPECT_EQ(e.kind, ErrorKind::kNotFound);
  std::string index_digest = Json::parse(layout.index_json())["manifests"][0]["digest"];
  EXPECT_EQ(e.message, "/oci/img: blob " + index_digest +
                           ": no image for platform linux/s390x; available: linux/amd64, linux/arm64/v8");
}

TEST(OciLayout, TakesIndexesWithoutMediaTypeByShape) {
  TestImage image = oci_image();
  OciLayout layout;
  Json inner = layout.add_index({layout.add_image(image, false)}, /*media_type=*/false);
  layout.ref(inner, "latest");
  auto dir = open_layout(layout.files());
  ASSERT_TRUE(dir->source.ok()) << dir->source.error().to_string();
  EXPECT_EQ((*dir->source)->meta().config_digest, image.config_digest());
}

// index.json -> `depth` nested indexes -> the image.
OciLayout nested(int depth, const TestImage& image) {
  OciLayout layout;
  Json d = layout.add_image(image);
  for (int i = 0; i < depth; ++i) d = layout.add_index({d});
  layout.ref(d, "latest");
  return layout;
}

TEST(OciLayout, BoundsIndexNesting) {
  TestImage image = oci_image();
  auto four = open_layout(nested(4, image).files());
  EXPECT_TRUE(four->source.ok()) << four->source.error().to_string();
  Error e = failed(std::move(open_layout(nested(5, image).files())->source));
  EXPECT_EQ(e.kind, ErrorKind::kLimit);
  EXPECT_NE(e.message.find(": indexes nest deeper than 4 levels"), std::string::npos) << e.message;
}

std::string blob_file(const std::string& digest) { return "blobs/sha256/" + hex_of(digest); }

TEST(OciLayout, LayoutFileAndIndexErrors) {
  OciLayout layout;
  layout.ref(layout.add_image(oci_image()), "latest");
  FileSet no_layout = layout.files();
  no_layout.files.erase("oci-layout");
  EXPECT_EQ(failed(std::move(open_layout(no_layout)->source)).message,
            "/oci/img: no oci-layout file: not an OCI image layout");
  FileSet v2 = layout.files();
  v2.files["oci-layout"] = R"({"imageLayoutVersion":"2.0.0"})";
  EXPECT_EQ(failed(std::move(open_oci_tar(v2)->source)).message,
            "/oci/img.tar: oci-layout: imageLayoutVersion '2.0.0' is not supported (1.x is)");
  FileSet bad_index = layout.files();
  bad_index.files["index.json"] = R"({"schemaVersion":2,"manifests":{}})";
  EXPECT_EQ(failed(std::move(open_layout(bad_index)->source)).message,
            "/oci/img: index.json: manifests: not an array");
  FileSet empty = layout.files();
  empty.files["index.json"] = R"({"schemaVersion":2,"manifests":[]})";
  EXPECT_EQ(failed(std::move(open_layout(empty)->source)).message, "/oci/img: index.json lists no images");
  FileSet no_index = layout.files();
  no_index.files.erase("index.json");
  EXPECT_EQ(failed(std::move(open_oci_tar(no_index)->source)).kind, ErrorKind::kNotFound);
}

TEST(OciLayout, EveryManifestAndConfigBlobIsVerified) {
  TestImage image = oci_image();
  OciLayout layout;
  Json d = layout.add_image(image);
  layout.ref(d, "latest");
  std::string manifest = blob_file(d["digest"]), config = blob_file(image.config_digest());

  FileSet missing = layout.files();
  missing.files.erase(manifest);
  Error gone = failed(std::move(open_layout(missing)->source));
  EXPECT_EQ(gone.kind, ErrorKind::kNotFound);
  EXPECT_EQ(gone.message, "/oci/img: blob " + std::string(d["digest"]) + " is missing");

  FileSet tampered = layout.files();
  tampered.files[manifest][0] = ' ';  // same size, other digest
  Error mismatch = failed(std::move(open_oci_tar(tampered)->source));
  EXPECT_EQ(mismatch.kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(mismatch.message.rfind(
                "/oci/img.tar: blob " + std::string(d["digest"]) + ": digest mismatch: expected ", 0),
            0u)
      << mismatch.message;

  FileSet longer = layout.files();
  longer.files[config] += " ";
  Error size = failed(std::move(open_layout(longer)->source));
  EXPECT_EQ(size.message, "/oci/img: config " + image.config_digest() + ": the descriptor says " +
                              std::to_string(image.config_json().size()) + " bytes but the blob has " +
                              std::to_string(image.config_json().size() + 1));

  FileSet no_config = layout.files();
  no_config.files.erase(config);
  EXPECT_EQ(failed(std::move(open_oci_tar(no_config)->source)).message,
            "/oci/img.tar: blob " + image.config_digest() + " is missing");
}

TEST(OciLayout, RejectsSizeLiesInIndexJson) {
  OciLayout layout;
  Json d = layout.add_image(oci_image());
  int64_t real = d["size"];
  d["size"] = real + 10;
  layout.ref(d, "latest");
  Error e = failed(std::move(open_layout(layout.files())->source));
  EXPECT_EQ(e.message, "/oci/img: blob " + std::string(d["digest"]) + ": the descriptor says " +
                           std::to_string(real + 10) + " bytes but the blob has " + std::to_string(real));
}

TEST(OciLayout, RefusesArtifactsAndBadConfigs) {
  OciLayout layout;
  Json config = layout.add_blob("{}", "application/vnd.cncf.helm.config.v1+json");
  Json manifest = Json{{"schemaVersion", 2},
                       {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                       {"config", config},
                       {"layers", Json::array()}};
  layout.ref(layout.add_blob(manifest.dump(), "application/vnd.oci.image.manifest.v1+json"), "chart");
  EXPECT_EQ(failed(std::move(open_layout(layout.files())->source)).message,
            "/oci/img: config " + std::string(config["digest"]) +
                ": not a container image (config mediaType 'application/vnd.cncf.helm.config.v1+json')");
  OciLayout odd;
  odd.ref(odd.add_blob("{}", "application/vnd.example.thing"), "x");
  EXPECT_NE(failed(std::move(open_layout(odd.files())->source))
                .message.find(": not an image manifest or index (mediaType 'application/vnd.example.thing')"),
            std::string::npos);
  TestImage short_history = oci_image();
  short_history.config_top("rootfs", Json{{"diff_ids", Json::array()}});
  OciLayout counted;
  counted.ref(counted.add_image(short_history), "latest");
  EXPECT_EQ(failed(std::move(open_layout(counted.files())->source)).message,
            "/oci/img: config " + short_history.config_digest() +
                ": the config lists 0 diff_ids but the image has 2 layers");
}

TEST(OciLayout, BoundsMetadataSize) {
  OciLayout layout;
  layout.ref(layout.add_image(oci_image()), "latest");
  OpenOptions small;
  small.max_metadata_bytes = 64;
  EXPECT_EQ(failed(std::move(open_layout(layout.files(), "", small)->source)).kind, ErrorKind::kLimit);
}

TEST(OciLayout, LayerBlobsAreVerifiedWhenRead) {
  TestImage image = oci_image();
  OciLayout layout;
  layout.ref(layout.add_image(image), "latest");
  std::string layer0 = blob_file(image.layers()[0].digest()), layer1 = blob_file(image.layers()[1].digest());
  FileSet files = layout.files();
  files.files[layer0].back() ^= 1;
  files.files[layer1] += "x";
  std::vector<std::unique_ptr<Opened>> both;
  both.push_back(open_layout(files));
  both.push_back(open_oci_tar(files));
  for (const auto& opened_image : both) {
    ASSERT_TRUE(opened_image->source.ok()) << opened_image->source.error().to_string();
    const ImageSource& s = **opened_image->source;
    auto bad = read_blob(s, 0);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("layer 0 (" + image.layers()[0].digest() + "): digest mismatch"),
              std::string::npos)
        << bad.error().message;
    auto longer = s.open_layer_blob(1);
    ASSERT_FALSE(longer.ok());
    EXPECT_EQ(longer.error().message,
              s.meta().reference + ": layer 1 (" + image.layers()[1].digest() + "): the manifest says " +
                  std::to_string(image.layers()[1].blob().size()) + " bytes but the stored blob has " +
                  std::to_string(image.layers()[1].blob().size() + 1));
  }
  FileSet missing = layout.files();
  missing.files.erase(layer1);
  auto dir = open_layout(missing);
  ASSERT_TRUE(dir->source.ok());  // layers are opened on demand
  auto gone = (*dir->source)->open_layer_blob(1);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(gone.error().message, "/oci/img: blob " + image.layers()[1].digest() + " is missing");
}

// ---- attach_history ----------------------------------------------------------------------------

TEST(AttachHistory, PairsNonEmptyHistoryWithLayers) {
  ImageMeta meta;
  meta.config.diff_ids = {"sha256:" + std::string(64, '1'), "sha256:" + std::string(64, '2')};
  meta.config.history = {{"t0", "ENV A=1", "", "", true}, {"t1", "ADD x", "", "", false}};
  meta.layers.resize(2);
  ASSERT_TRUE(attach_history(meta, "img").ok());
  EXPECT_EQ(meta.layers[0].created_by, "ADD x");
  EXPECT_EQ(meta.layers[0].history_created, "t1");
  EXPECT_EQ(meta.layers[1].created_by, "");  // history ran out
  EXPECT_EQ(meta.layers[1].diff_id, meta.config.diff_ids[1]);
  EXPECT_EQ(meta.layers[1].index, 1u);
  meta.layers.resize(3);
  auto s = attach_history(meta, "img");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message, "img: the config lists 2 diff_ids but the image has 3 layers");
}

// ---- the lab's real images (built by a lab script; skipped where absent) -------------------------

TEST(LabImages, OpensRealDockerAndOciImages) {
  const std::string docker = "/var/tmp/lab/images/app.docker.tar", layout = "/var/tmp/lab/oci/lab";
  DiskFs fs;
  if (!fs.exists(docker) || !fs.exists(layout)) GTEST_SKIP() << "no lab images at /var/tmp/lab";
  std::vector<std::string> targets = {docker, "oci:" + layout + ":app"};
  if (fs.exists("/var/tmp/lab/images/app.oci.tar")) targets.push_back("/var/tmp/lab/images/app.oci.tar");
  for (const std::string& text : targets) {
    auto target = resolve_target(text, fs, false);
    ASSERT_TRUE(target.ok()) << target.error().to_string();
    auto source = target->kind == TargetKind::kDockerArchive ? open_docker_archive(fs, *target, {})
                  : target->kind == TargetKind::kOciLayout   ? open_oci_layout(fs, *target, {})
                                                             : open_oci_archive(fs, *target, {});
    ASSERT_TRUE(source.ok()) << source.error().to_string();
    const ImageMeta& m = (*source)->meta();
    EXPECT_EQ(m.layers.size(), 3u) << text;
    EXPECT_EQ(m.config.config.user.substr(0, m.config.config.user.find(':')), "1000") << text;
    EXPECT_EQ(m.platform->to_string(), "linux/amd64");
    auto in = (*source)->open_layer_blob(2);  // the small top layer, read and verified whole
    ASSERT_TRUE(in.ok()) << in.error().to_string();
    auto bytes = read_all(**in, 1 << 20);
    EXPECT_TRUE(bytes.ok()) << text << ": " << (bytes.ok() ? "" : bytes.error().to_string());
  }
}

}  // namespace
}  // namespace customs
