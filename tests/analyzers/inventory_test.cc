#include "analyzers/packages/inventory.h"

#include <gtest/gtest.h>

#include "analyzers/packages/package_analyzer.h"
#include "catalog/encode.h"

namespace customs {
namespace {

Package pkg(PackageType type, std::string name, std::string version, std::string path) {
  Package p;
  p.type = type;
  p.name = std::move(name);
  p.version = std::move(version);
  p.path = std::move(path);
  p.cataloger = "test";
  if (type == PackageType::kDeb) p.arch = "amd64";
  return p;
}

FsEntry file(std::string path) {
  FsEntry e;
  e.path = std::move(path);
  e.type = EntryType::kFile;
  return e;
}

FsEntry whiteout(std::string path) {
  FsEntry e;
  e.path = std::move(path);
  e.type = EntryType::kWhiteout;
  return e;
}

// Adds `path` to the layer with a catalog record holding `result`.
void put(LayerResult& layer, const std::string& path, const CatalogResult& result) {
  layer.entries.push_back(file(path));
  layer.records.push_back(AnalyzerRecord{std::string(kPackageAnalyzer), path, std::string(kCatalogRecordKind),
                                         encode_catalog_result(result)});
}

CatalogResult packages(std::vector<Package> p) {
  CatalogResult r;
  r.packages = std::move(p);
  return r;
}

const std::string kStatus = "var/lib/dpkg/status";

struct ImageFixture {
  ImageMeta meta;
  std::vector<LayerResult> layers;
  std::unique_ptr<LayeredView> view;
  Diagnostics diags;

  explicit ImageFixture(size_t n) : layers(n) {
    meta.reference = "lab.tar";
    meta.name = "lab/app:1";
    for (size_t i = 0; i < n; ++i) {
      layers[i].index = i;
      layers[i].diff_id = "sha256:" + std::string(64, static_cast<char>('a' + i));
      LayerRef ref;
      ref.index = i;
      ref.created_by = "step " + std::to_string(i);
      meta.layers.push_back(ref);
    }
  }
  Inventory build() {
    std::vector<const LayerResult*> ptrs;
    for (const auto& l : layers) ptrs.push_back(&l);
    view = std::make_unique<LayeredView>(ptrs);
    return build_inventory(InventorySource{meta, layers, *view, false}, diags);
  }
};

const Package* find(const std::vector<Package>& v, const std::string& name) {
  for (const auto& p : v)
    if (p.name == name) return &p;
  return nullptr;
}

TEST(Inventory, AttributesEachPackageToTheLayerThatIntroducedIt) {
  ImageFixture img(2);
  put(img.layers[0], kStatus, packages({pkg(PackageType::kDeb, "libc6", "2.36-9", kStatus)}));
  put(img.layers[1], kStatus,
      packages({pkg(PackageType::kDeb, "libc6", "2.36-9", kStatus),
                pkg(PackageType::kDeb, "curl", "7.88.1-10", kStatus)}));
  Inventory inv = img.build();
  ASSERT_EQ(inv.packages.size(), 2u);
  EXPECT_EQ(find(inv.packages, "libc6")->layer_index, 0u);
  EXPECT_EQ(find(inv.packages, "libc6")->layer_created_by, "step 0");
  EXPECT_EQ(find(inv.packages, "curl")->layer_index, 1u);
  EXPECT_EQ(find(inv.packages, "curl")->layer_digest, img.layers[1].diff_id);
  EXPECT_TRUE(inv.removed.empty());
}

TEST(Inventory, AnUpgradedPackageComesFromTheUpgradingLayerAndTheOldVersionIsRemoved) {
  ImageFixture img(2);
  put(img.layers[0], kStatus, packages({pkg(PackageType::kDeb, "openssl", "3.0.9-1", kStatus)}));
  put(img.layers[1], kStatus, packages({pkg(PackageType::kDeb, "openssl", "3.0.11-1", kStatus)}));
  Inventory inv = img.build();
  ASSERT_EQ(inv.packages.size(), 1u);
  EXPECT_EQ(inv.packages[0].version, "3.0.11-1");
  EXPECT_EQ(inv.packages[0].layer_index, 1u);
  ASSERT_EQ(inv.removed.size(), 1u);
  EXPECT_EQ(inv.removed[0].version, "3.0.9-1");
  EXPECT_EQ(inv.removed[0].layer_index, 0u);
}

TEST(Inventory, APackageWhoseFileALaterLayerDeletesIsOnlyInTheRemovedList) {
  ImageFixture img(2);
  std::string path = "app/node_modules/lodash/package.json";
  put(img.layers[0], path, packages({pkg(PackageType::kNpm, "lodash", "4.17.15", path)}));
  img.layers[1].entries.push_back(whiteout(path));
  Inventory inv = img.build();
  EXPECT_TRUE(inv.packages.empty());
  ASSERT_EQ(inv.removed.size(), 1u);
  EXPECT_EQ(inv.removed[0].purl, "pkg:npm/lodash@4.17.15");
}

TEST(Inventory, PurlsOfOsPackagesCarryTheDistributionAndEpoch) {
  ImageFixture img(1);
  CatalogResult os;
  os.os = OsInfo{"debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)", "", "etc/os-release", 100};
  put(img.layers[0], "etc/os-release", os);
  put(img.layers[0], kStatus, packages({pkg(PackageType::kDeb, "gcc-12-base", "1:12.2.0-14", kStatus)}));
  Inventory inv = img.build();
  ASSERT_TRUE(inv.os.has_value());
  EXPECT_EQ(inv.os->version_id, "12");
  ASSERT_EQ(inv.packages.size(), 1u);
  EXPECT_EQ(inv.packages[0].purl, "pkg:deb/debian/gcc-12-base@12.2.0-14?arch=amd64&distro=debian-12&epoch=1");
  EXPECT_EQ(inv.packages[0].version, "1:12.2.0-14");
  EXPECT_EQ(inv.packages[0].ref, inv.packages[0].purl);
}

TEST(Inventory, OwnedFilesAttachToTheirPackageAndMarkLanguagePackagesAsOsOwned) {
  ImageFixture img(1);
  std::string meta = "usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA";
  put(img.layers[0], kStatus, packages({pkg(PackageType::kDeb, "python3-six", "1.16.0-4", kStatus)}));
  CatalogResult list;
  list.facts.push_back(
      PackageFacts{PackageType::kDeb, "python3-six", "", {meta, "usr/share/doc/python3-six"}, {"MIT"}});
  put(img.layers[0], "var/lib/dpkg/info/python3-six.list", list);
  put(img.layers[0], meta, packages({pkg(PackageType::kPypi, "six", "1.16.0", meta)}));
  Inventory inv = img.build();
  const Package* deb = find(inv.packages, "python3-six");
  const Package* py = find(inv.packages, "six");
  ASSERT_NE(deb, nullptr);
  ASSERT_NE(py, nullptr);
  EXPECT_EQ(deb->files.size(), 2u);
  EXPECT_EQ(deb->licenses, std::vector<std::string>{"MIT"});
  EXPECT_EQ(py->os_owner, deb->purl);
}

TEST(Inventory, EntriesOfALockfileThatAnOsPackageShipsAreLeftOut) {
  ImageFixture img(1);
  std::string lock = "usr/lib/ruby/gems/3.1.0/gems/typeprof-0.21.2/Gemfile.lock";
  put(img.layers[0], kStatus, packages({pkg(PackageType::kDeb, "ruby-typeprof", "0.21.2-1", kStatus)}));
  CatalogResult list;
  list.facts.push_back(PackageFacts{PackageType::kDeb, "ruby-typeprof", "", {lock}, {}});
  put(img.layers[0], "var/lib/dpkg/info/ruby-typeprof.list", list);
  Package rbs = pkg(PackageType::kGem, "rbs", "1.8.1", lock);
  rbs.origin = PackageOrigin::kDeclared;
  put(img.layers[0], lock, packages({rbs}));
  Inventory inv = img.build();
  ASSERT_EQ(inv.packages.size(), 1u);
  EXPECT_EQ(inv.packages[0].name, "ruby-typeprof");
  ASSERT_EQ(img.diags.items().size(), 1u);
  EXPECT_EQ(img.diags.items()[0].code, "catalog.os-shipped-lockfiles");
}

TEST(Inventory, TheSamePackageAtTwoPathsIsOnePackageWithBothLocations) {
  ImageFixture img(1);
  std::string a = "srv/a/node_modules/ms/package.json", b = "srv/b/node_modules/ms/package.json";
  put(img.layers[0], a, packages({pkg(PackageType::kNpm, "ms", "2.1.3", a)}));
  put(img.layers[0], b, packages({pkg(PackageType::kNpm, "ms", "2.1.3", b)}));
  Inventory inv = img.build();
  ASSERT_EQ(inv.packages.size(), 1u);
  EXPECT_EQ(inv.packages[0].locations, (std::vector<std::string>{a, b}));
}

TEST(Inventory, InstalledEvidenceWinsOverALockfileAndDevEntriesAreLeftOut) {
  ImageFixture img(1);
  std::string lock = "app/package-lock.json", installed = "app/node_modules/ms/package.json";
  Package declared = pkg(PackageType::kNpm, "ms", "2.1.3", lock);
  declared.origin = PackageOrigin::kDeclared;
  Package mocha = pkg(PackageType::kNpm, "mocha", "10.0.0", lock);
  mocha.origin = PackageOrigin::kDeclared;
  mocha.dev = true;
  put(img.layers[0], lock, packages({declared, mocha}));
  put(img.layers[0], installed, packages({pkg(PackageType::kNpm, "ms", "2.1.3", installed)}));
  Inventory inv = img.build();
  ASSERT_EQ(inv.packages.size(), 1u);
  EXPECT_EQ(inv.packages[0].origin, PackageOrigin::kInstalled);
  EXPECT_EQ(inv.packages[0].path, installed);
  EXPECT_EQ(inv.packages[0].locations, (std::vector<std::string>{installed, lock}));
  ASSERT_EQ(img.diags.items().size(), 1u);
  EXPECT_EQ(img.diags.items()[0].code, "catalog.dev-dependencies");
}

TEST(Inventory, CatalogDiagnosticsAreLocatedAtTheLayer) {
  ImageFixture img(1);
  CatalogResult bad;
  Diagnostic d;
  d.code = "npm.malformed-json";
  d.message = "malformed JSON";
  d.where.path = "app/package-lock.json";
  d.where.line = 4;
  bad.diagnostics.push_back(d);
  put(img.layers[0], "app/package-lock.json", bad);
  img.build();
  ASSERT_EQ(img.diags.items().size(), 1u);
  const Diagnostic& got = img.diags.items()[0];
  EXPECT_EQ(got.where.file, "lab.tar");
  EXPECT_EQ(got.where.layer_index, 0);
  EXPECT_EQ(got.where.line, 4);
  EXPECT_EQ(got.where.layer_digest, img.layers[0].diff_id);
}

HistoryEntry history(std::string created_by, bool empty) {
  HistoryEntry h;
  h.created_by = std::move(created_by);
  h.empty_layer = empty;
  return h;
}

TEST(BaseLayers, TheCmdBelowTheImagesOwnEndsTheBaseImage) {
  ImageMeta meta;
  meta.layers.resize(3);
  meta.config.history = {history("/bin/sh -c #(nop) ADD file:abc in / ", false),
                         history("/bin/sh -c #(nop)  CMD [\"bash\"]", true),
                         history("RUN /bin/sh -c apt-get install -y curl # buildkit", false),
                         history("COPY app /app # buildkit", false),
                         history("CMD [\"node\", \"/app\"]", true)};
  EXPECT_EQ(guess_base_layers(meta), 1u);
}

TEST(BaseLayers, UnknownWithoutACmdInTheHistory) {
  ImageMeta meta;
  meta.layers.resize(2);
  meta.config.history = {history("ADD file:abc in /", false), history("RUN make", false),
                         history("CMD [\"x\"]", true)};
  EXPECT_EQ(guess_base_layers(meta), 0u);
  meta.config.history.clear();
  EXPECT_EQ(guess_base_layers(meta), 0u);
}

TEST(BaseLayers, PackagesOfBaseLayersAreMarked) {
  ImageFixture img(2);
  img.meta.config.history = {history("ADD file:abc in /", false), history("CMD [\"bash\"]", true),
                             history("RUN apt-get install curl", false)};
  put(img.layers[0], kStatus, packages({pkg(PackageType::kDeb, "libc6", "2.36-9", kStatus)}));
  put(img.layers[1], kStatus,
      packages({pkg(PackageType::kDeb, "libc6", "2.36-9", kStatus),
                pkg(PackageType::kDeb, "curl", "7.88.1-10", kStatus)}));
  Inventory inv = img.build();
  EXPECT_EQ(inv.base_layers, 1u);
  EXPECT_TRUE(find(inv.packages, "libc6")->in_base_image);
  EXPECT_FALSE(find(inv.packages, "curl")->in_base_image);
  ASSERT_EQ(inv.layers.size(), 2u);
  EXPECT_TRUE(inv.layers[0].in_base_image);
}

}  // namespace
}  // namespace customs
