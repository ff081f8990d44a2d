// The compile cache's size bound (harness/compile/cache.hpp): least recently used entries go
// first until the cache fits, never the entry in use, a build in progress or an entry used
// in the last minute; MLDRILL_CACHE_MB sets the limit. Oracle: the rule as documented in the
// README ("Where things live"), on folders of known sizes and ages.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "compile/cache.hpp"

namespace fs = std::filesystem;
using namespace mldrill::compile;

namespace {

constexpr uint64_t kMiB = 1 << 20;

// An entry of `mib` MiB last used `minutes_ago` minutes ago.
fs::path entry(const fs::path& root, const std::string& name, uint64_t mib, int minutes_ago) {
  const fs::path dir = root / name;
  fs::create_directories(dir);
  std::ofstream(dir / "candidate", std::ios::binary) << std::string(mib * kMiB, '\0');
  fs::last_write_time(dir, fs::file_time_type::clock::now() - std::chrono::minutes(minutes_ago));
  return dir;
}

fs::path fresh_root(const std::string& name) {
  const fs::path root = fs::temp_directory_path() / ("mldrill-cache-test-" + name);
  fs::remove_all(root);
  fs::create_directories(root);
  return root;
}

}  // namespace

TEST_CASE("The least recently used entries go first, until the cache fits", "[cache]") {
  const fs::path root = fresh_root("lru");
  entry(root, "logreg-eigen-a", 1, 50);
  entry(root, "logreg-eigen-b", 1, 40);
  entry(root, "logreg-eigen-c", 1, 30);
  entry(root, "logreg-eigen-d", 1, 20);
  const Eviction ev = evict_cache(root.string(), "", 2 * kMiB);
  CHECK(ev.removed == 2);
  CHECK(ev.bytes_before == 4 * kMiB);
  CHECK(ev.bytes_after == 2 * kMiB);
  CHECK_FALSE(fs::exists(root / "logreg-eigen-a"));
  CHECK_FALSE(fs::exists(root / "logreg-eigen-b"));
  CHECK(fs::exists(root / "logreg-eigen-c"));
  CHECK(fs::exists(root / "logreg-eigen-d"));
  // Under the limit: nothing more goes.
  CHECK(evict_cache(root.string(), "", 2 * kMiB).removed == 0);
}

TEST_CASE("The entry in use stays, even when it is the oldest or alone over the limit", "[cache]") {
  const fs::path root = fresh_root("in-use");
  const fs::path used = entry(root, "knn-eigen-old", 3, 60);
  entry(root, "knn-eigen-newer", 1, 10);
  const Eviction ev = evict_cache(root.string(), used.string(), 0);
  CHECK(ev.removed == 1);
  CHECK(fs::exists(used / "candidate"));
  CHECK_FALSE(fs::exists(root / "knn-eigen-newer"));
  // Using it made it the most recently used.
  CHECK(fs::file_time_type::clock::now() - fs::last_write_time(used) < std::chrono::minutes(1));
}

TEST_CASE("A build in progress and an entry used in the last minute are left alone", "[cache]") {
  const fs::path root = fresh_root("busy");
  entry(root, "build-Ab12Cd", 2, 90);  // another mldrill's build, not yet published
  entry(root, "mlp-eigen-just-used", 2, 0);
  entry(root, "mlp-eigen-old", 2, 90);
  const Eviction ev = evict_cache(root.string(), "", 0);
  CHECK(ev.removed == 1);
  CHECK(fs::exists(root / "build-Ab12Cd"));
  CHECK(fs::exists(root / "mlp-eigen-just-used"));
  CHECK_FALSE(fs::exists(root / "mlp-eigen-old"));
  CHECK(evict_cache((root / "no-such-folder").string(), "", 0).removed == 0);  // no cache yet: nothing to do
}

TEST_CASE("MLDRILL_CACHE_MB sets the limit; the default is documented", "[cache]") {
  unsetenv("MLDRILL_CACHE_MB");
  CHECK(cache_limit_bytes() == kDefaultCacheBytes);
  CHECK(kDefaultCacheBytes == 256 * kMiB);
  setenv("MLDRILL_CACHE_MB", "64", 1);
  CHECK(cache_limit_bytes() == 64 * kMiB);
  setenv("MLDRILL_CACHE_MB", "0", 1);
  CHECK(cache_limit_bytes() == 0);
  for (const char* bad : {"lots", "-1", "12MB", "1.5"}) {
    setenv("MLDRILL_CACHE_MB", bad, 1);
    CHECK_THROWS_WITH(cache_limit_bytes(), Catch::Contains("MLDRILL_CACHE_MB must be a whole number of MiB"));
  }
  unsetenv("MLDRILL_CACHE_MB");
}
