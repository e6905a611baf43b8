// Publishing a built database (publish.h).
#include "publish.h"

#include <unistd.h>

#include <string>

namespace hvpat::pipeline {
namespace fs = std::filesystem;

bool LooksLikeDatabase(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return true;
  if (!fs::is_directory(dir, ec)) return false;
  if (fs::is_empty(dir, ec)) return true;
  return fs::exists(dir / "CURRENT", ec);
}

void Publish(const fs::path& built, const fs::path& target) {
  fs::path old = target;
  old += ".hvpat-old-" + std::to_string(::getpid());
  std::error_code ec;
  bool had = fs::exists(target, ec);
  if (had) fs::rename(target, old);
  fs::rename(built, target);
  if (had) fs::remove_all(old, ec);
}

}  // namespace hvpat::pipeline
