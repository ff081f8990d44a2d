// Temporary file + fsync + rename: the POSIX way to replace a file's contents atomically.
#include "files/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace fs = std::filesystem;

namespace mldrill::files {
namespace {

std::runtime_error failure(const std::string& path, const std::string& why) {
  return std::runtime_error("cannot write " + path + ": " + why);
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(size_t(n));
  }
  return true;
}

mode_t file_mode() {  // what open(O_CREAT, 0666) would have given
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

}  // namespace

void write_atomically(const std::string& path, std::string_view bytes) {
  const fs::path target = fs::absolute(path);
  const fs::path dir = target.parent_path();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw failure(path, "the directory " + dir.string() + " does not exist");
  if (fs::is_directory(target, ec)) throw failure(path, "it is a directory");
  std::string tmp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) throw failure(path, std::strerror(errno));
  int err = 0;
  errno = 0;
  if (!write_all(fd, bytes) || ::fchmod(fd, file_mode()) != 0 || ::fsync(fd) != 0) err = errno ? errno : EIO;
  if (::close(fd) != 0 && !err) err = errno;
  if (!err && ::rename(tmp.c_str(), target.c_str()) != 0) err = errno;
  if (err) {
    ::unlink(tmp.c_str());
    throw failure(path, std::strerror(err));
  }
  if (const int d = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); d >= 0) {
    ::fsync(d);  // the rename itself survives a crash
    ::close(d);
  }
}

}  // namespace mldrill::files
