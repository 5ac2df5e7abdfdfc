// customs db update against an in-process HTTP server (cpp-httplib on 127.0.0.1) serving the
// files in tests/testdata/vulndb/update/.
#include "vulndb/update.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "io/fs.h"
#include "scratch_dir.h"

namespace customs {
namespace {

namespace fs = std::filesystem;

std::string read_bytes(const fs::path& p) {
  auto bytes = DiskFs().read_file(p.string(), uint64_t{1} << 30);
  return bytes.ok() ? *bytes : "(unreadable: " + bytes.error().to_string() + ")";
}

std::string testdata(const std::string& name) {
  return read_bytes(fs::path(CUSTOMS_TESTDATA) / "vulndb" / "update" / name);
}

class FeedServer {
 public:
  std::atomic<bool> stopping{false};
  std::atomic<int> not_modified{0};

  FeedServer() {
    server_.Get("/Go/all.zip", [](const httplib::Request& req, httplib::Response& res) {
      if (req.get_header_value("If-None-Match") == "\"v1\"") {
        res.status = 304;
        return;
      }
      res.set_header("ETag", "\"v1\"");
      res.set_content(testdata("Go-all.zip"), "application/zip");
    });
    server_.Get("/feeds/epss_scores-current.csv.gz", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(testdata("epss_scores-current.csv.gz"), "application/gzip");
    });
    server_.Get("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(5000, 'x'), "application/octet-stream");
    });
    server_.Get("/big-chunked", [](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("application/octet-stream", [](size_t, httplib::DataSink& sink) {
        std::string chunk(1000, 'y');
        for (int i = 0; i < 5; ++i) sink.write(chunk.data(), chunk.size());
        sink.done();
        return true;
      });
    });
    server_.Get("/stall", [this](const httplib::Request&, httplib::Response& res) {
      for (int i = 0; i < 100 && !stopping; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      res.set_content("late", "text/plain");
    });
    server_.Get(R"(/hop/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
      int n = std::stoi(req.matches[1]);
      res.set_redirect(n == 0 ? "/Go/all.zip" : "/hop/" + std::to_string(n - 1));
    });
    server_.Get("/away", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("http://example.com/all.zip");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));  // stop() races
  }
  ~FeedServer() {
    stopping = true;
    server_.stop();
    thread_.join();
  }
  FeedServer(const FeedServer&) = delete;
  FeedServer& operator=(const FeedServer&) = delete;

  std::string url(const std::string& path = "") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

class UpdateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    options_.base_url = server_.url();
    options_.ecosystems = {"Go"};
    options_.download_dir = dir_.str();
    options_.timeout_seconds = 5;
  }
  Result<std::vector<std::string>> run() { return download_feeds(options_, diags_); }
  // Files left in the download directory, etags.json aside.
  std::vector<std::string> files() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_.path()))
      if (e.path().filename() != "etags.json") names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

  FeedServer server_;
  testing::ScratchDir dir_;
  UpdateOptions options_;
  Diagnostics diags_;
};

TEST_F(UpdateTest, DownloadsEcosystemArchivesAndGunzipsExtraFeeds) {
  options_.extra_urls = {server_.url("/feeds/epss_scores-current.csv.gz")};
  uint64_t last_received = 0;
  options_.progress = [&](const DownloadProgress& p) {
    if (p.url == server_.url("/Go/all.zip")) last_received = p.received;
  };
  auto got = run();
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  EXPECT_EQ(*got, (std::vector<std::string>{(dir_ / "osv-Go.zip").string(),
                                            (dir_ / "epss_scores-current.csv").string()}));
  EXPECT_EQ(read_bytes(dir_ / "osv-Go.zip"), testdata("Go-all.zip"));
  EXPECT_TRUE(read_bytes(dir_ / "epss_scores-current.csv").starts_with("#model_version:v2023.03.01"));
  EXPECT_EQ(last_received, testdata("Go-all.zip").size());
  EXPECT_EQ(files(), (std::vector<std::string>{"epss_scores-current.csv", "osv-Go.zip"}));
  EXPECT_TRUE(diags_.empty());
}

TEST_F(UpdateTest, KeepsAnUnchangedFileWhenTheServerSaysNotModified) {
  ASSERT_TRUE(run().ok());
  auto again = run();
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_EQ(*again, std::vector<std::string>{(dir_ / "osv-Go.zip").string()});
  EXPECT_EQ(read_bytes(dir_ / "osv-Go.zip"), testdata("Go-all.zip"));
  ASSERT_EQ(diags_.items().size(), 1u);
  EXPECT_EQ(diags_.items()[0].code, "update.not-modified");
  EXPECT_EQ(diags_.items()[0].where.file, server_.url("/Go/all.zip"));
}

TEST_F(UpdateTest, A404NamesTheUrlAndTheStatus) {
  options_.ecosystems = {"npm"};
  auto got = run();
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().kind, ErrorKind::kIo);
  EXPECT_EQ(got.error().message, "GET " + server_.url("/npm/all.zip") + ": HTTP 404");
  EXPECT_TRUE(files().empty());
}

TEST_F(UpdateTest, KeepGoingReportsAFailedFileAndFetchesTheRest) {
  options_.ecosystems = {"npm", "Go"};
  options_.keep_going = true;
  auto got = run();
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  EXPECT_EQ(*got, std::vector<std::string>{(dir_ / "osv-Go.zip").string()});
  ASSERT_EQ(diags_.items().size(), 1u);
  EXPECT_EQ(diags_.items()[0].level, DiagLevel::kError);
  EXPECT_EQ(diags_.items()[0].message, "GET " + server_.url("/npm/all.zip") + ": HTTP 404");
}

TEST_F(UpdateTest, AServerThatStallsFailsWithinTheTimeout) {
  options_.ecosystems = {};
  options_.extra_urls = {server_.url("/stall")};
  options_.timeout_seconds = 1;
  auto start = std::chrono::steady_clock::now();
  auto got = run();
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().kind, ErrorKind::kIo);
  EXPECT_TRUE(got.error().message.starts_with("GET " + server_.url("/stall") + ": ")) << got.error().message;
  EXPECT_TRUE(got.error().message.ends_with("(timeout)")) << got.error().message;
  EXPECT_LT(elapsed, std::chrono::seconds(3));
  EXPECT_TRUE(files().empty());
}

TEST_F(UpdateTest, RefusesAResponseLargerThanTheLimit) {
  options_.ecosystems = {};
  options_.max_bytes = 1000;
  for (const char* path : {"/big", "/big-chunked"}) {  // with and without a Content-Length
    options_.extra_urls = {server_.url(path)};
    auto got = run();
    ASSERT_FALSE(got.ok()) << path;
    EXPECT_EQ(got.error().kind, ErrorKind::kLimit);
    EXPECT_EQ(got.error().message, "GET " + server_.url(path) + ": larger than the limit of 1000 bytes");
  }
  EXPECT_TRUE(files().empty());
}

TEST_F(UpdateTest, RefusesPlainHttpToAnotherHost) {
  options_.base_url = "http://example.com";
  auto got = run();
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().kind, ErrorKind::kUsage);
  EXPECT_EQ(
      got.error().message,
      "refusing plain http:// to example.com (http://example.com/Go/all.zip): use https://, or allow http "
      "explicitly");
}

TEST_F(UpdateTest, FollowsRedirectsButNotToPlainHttpElsewhereNorMoreThanFive) {
  options_.ecosystems = {};
  options_.extra_urls = {server_.url("/hop/4")};
  auto got = run();
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  EXPECT_EQ(read_bytes(dir_ / "4"), testdata("Go-all.zip"));

  options_.extra_urls = {server_.url("/hop/5")};
  got = run();
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().message, "GET " + server_.url("/hop/5") + ": more than 5 redirects");

  options_.extra_urls = {server_.url("/away")};
  got = run();
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().kind, ErrorKind::kUsage);
  EXPECT_TRUE(got.error().message.starts_with("refusing plain http:// to example.com"))
      << got.error().message;
}

// A port that was free a moment ago: bound, never listened on, closed.
int closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

TEST_F(UpdateTest, AConnectionRefusedNamesTheUrl) {
  int port = closed_port();
  ASSERT_GT(port, 0);
  options_.base_url = "http://127.0.0.1:" + std::to_string(port);
  auto got = run();
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().kind, ErrorKind::kIo);
  EXPECT_TRUE(
      got.error().message.starts_with("GET http://127.0.0.1:" + std::to_string(port) + "/Go/all.zip: "))
      << got.error().message;
}

TEST(OsvArchiveUrl, PercentEncodesTheEcosystem) {
  EXPECT_EQ(osv_archive_url("https://osv.example/", "crates.io"), "https://osv.example/crates.io/all.zip");
  EXPECT_EQ(osv_archive_url("https://osv.example", "Debian:12"), "https://osv.example/Debian%3A12/all.zip");
  EXPECT_EQ(osv_archive_url("https://osv.example", "GitHub Actions"),
            "https://osv.example/GitHub%20Actions/all.zip");
  EXPECT_EQ(default_update_ecosystems().size(), 10u);
}

}  // namespace
}  // namespace customs
