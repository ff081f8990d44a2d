// Least-recently-used eviction of the compile cache by total size (see cache.hpp).
#include "compile/cache.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace fs = std::filesystem;

namespace mldrill::compile {
namespace {

uint64_t folder_bytes(const fs::path& dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    std::error_code e;
    if (it->is_regular_file(e)) total += it->file_size(e);
  }
  return total;
}

}  // namespace

uint64_t cache_limit_bytes() {
  const char* v = std::getenv("MLDRILL_CACHE_MB");
  if (!v || !*v) return kDefaultCacheBytes;
  char* end = nullptr;
  const unsigned long long mb = std::strtoull(v, &end, 10);
  if (*end != '\0' || v[0] == '-' || mb > (1ull << 40))
    throw std::invalid_argument(std::string("MLDRILL_CACHE_MB must be a whole number of MiB, got '") + v + "'");
  return mb << 20;
}

Eviction evict_cache(const std::string& cache_root, const std::string& in_use, uint64_t limit_bytes) {
  struct Entry {
    fs::path path;
    fs::file_time_type used;
    uint64_t bytes;
  };
  Eviction ev;
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  const fs::path keep = in_use.empty() ? fs::path() : fs::weakly_canonical(in_use, ec);
  if (!keep.empty()) fs::last_write_time(keep, now, ec);  // a cache hit is a use
  std::vector<Entry> entries;
  for (auto it = fs::directory_iterator(cache_root, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::error_code e;
    if (!it->is_directory(e)) continue;
    const uint64_t bytes = folder_bytes(it->path());
    ev.bytes_before += bytes;
    const std::string name = it->path().filename().string();
    const auto used = fs::last_write_time(it->path(), e);
    if (e) continue;
    const bool busy = name.rfind("build-", 0) == 0 || fs::weakly_canonical(it->path(), e) == keep ||
                      now - used < std::chrono::minutes(1);
    if (!busy) entries.push_back({it->path(), used, bytes});
  }
  ev.bytes_after = ev.bytes_before;
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.used < b.used; });
  for (const auto& e : entries) {
    if (ev.bytes_after <= limit_bytes) break;
    std::error_code rm;
    fs::remove_all(e.path, rm);
    if (rm) continue;
    ev.bytes_after -= e.bytes;
    ++ev.removed;
  }
  return ev;
}

}  // namespace mldrill::compile
