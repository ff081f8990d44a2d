// The compile cache's size bound: build_candidate keeps one folder per distinct build
// under <work>/candidates; this evicts the least recently used folders past a size limit.
#pragma once
#include <cstdint>
#include <string>

namespace mldrill::compile {

constexpr uint64_t kDefaultCacheBytes = 256ull << 20;  // 256 MiB, about a hundred eigen builds

// MLDRILL_CACHE_MB when set to a whole number of MiB (0 keeps only the entry in use), else
// the default. Throws std::invalid_argument naming the variable when it is not a number.
uint64_t cache_limit_bytes();

struct Eviction {
  int removed = 0;
  uint64_t bytes_before = 0, bytes_after = 0;
};

// Marks `in_use` (a folder under `cache_root`, or "") as just used, then removes the least
// recently used entries until the cache fits in `limit_bytes`. Never removes `in_use`, nor
// a build still in progress (build-XXXXXX) or an entry used in the last minute (another
// mldrill may be about to run it). Errors on single entries are skipped: eviction is tidying.
Eviction evict_cache(const std::string& cache_root, const std::string& in_use, uint64_t limit_bytes);

}  // namespace mldrill::compile
