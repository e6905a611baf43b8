// The database directory (layout.h). Every step that changes what a reader sees is one
// rename(2); everything else happens in directories no reader looks at.
#include "hvpat/store/layout.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "hvpat/base/ascii.h"
#include "hvpat/base/error.h"
#include "hvpat/base/fault.h"

namespace hvpat::store::layout {
namespace fs = std::filesystem;
namespace {

constexpr const char* kMarker = "HVPAT";
constexpr const char* kMarkerText = "hvpat database directory (snapshots/, current); written by hvpat ingest\n";
constexpr const char* kBuildingPrefix = ".building-";

[[noreturn]] void Fail(const std::string& message) { throw Error(ErrorKind::kStore, message); }

std::string Errno() { return std::strerror(errno); }

// YYYYMMDDTHHMMSSZ and YYYY-MM-DDTHH:MM:SSZ of now.
std::pair<std::string, std::string> Now() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char compact[32], iso[32];
  std::strftime(compact, sizeof compact, "%Y%m%dT%H%M%SZ", &tm);
  std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return {compact, iso};
}

// A snapshot name's creation second and its number within that second ("...Z" is 1,
// "...Z-2" is 2), so that names order by creation however many a second holds.
std::pair<std::string_view, uint64_t> NameOrder(std::string_view name) {
  const size_t dash = name.rfind('-');
  if (dash == std::string_view::npos) return {name, 1};
  const std::string_view number = name.substr(dash + 1);
  if (number.empty() || number.size() > 9 || !base::AllAsciiDigits(number)) return {name, 1};
  uint64_t n = 0;
  for (char c : number) n = n * 10 + static_cast<uint64_t>(c - '0');
  return {name.substr(0, dash), n};
}

void RemoveLeftovers(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir / "snapshots", ec)) {
    if (entry.path().filename().string().starts_with(kBuildingPrefix)) fs::remove_all(entry.path(), ec);
  }
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().filename().string().starts_with(".tmp-")) fs::remove(entry.path(), ec);
  }
}

}  // namespace

DirState Inspect(const std::string& dir) {
  std::error_code ec;
  const fs::path path(dir);
  if (!fs::exists(path, ec)) return DirState::kAbsent;
  if (!fs::is_directory(path, ec)) return DirState::kOther;
  if (fs::is_regular_file(path / kMarker, ec)) return DirState::kDatabase;
  if (fs::is_empty(path, ec)) return DirState::kEmpty;
  return DirState::kOther;
}

std::optional<std::string> PublishedName(const std::string& dir) {
  std::error_code ec;
  fs::path target = fs::read_symlink(fs::path(dir) / "current", ec);
  if (ec) return std::nullopt;
  return target.filename().string();
}

std::string SnapshotPath(const std::string& dir, const std::optional<std::string>& name) {
  const DirState state = Inspect(dir);
  if (state == DirState::kOther) Fail(dir + " is not an hvpat database (it has no HVPAT marker): check --db");
  if (state != DirState::kDatabase) Fail("no hvpat database at " + dir + ": run hvpat ingest first");
  std::error_code ec;
  if (name) {
    fs::path path = fs::path(dir) / "snapshots" / *name;
    if (name->empty() || name->find('/') != std::string::npos || name->starts_with(".") ||
        !fs::is_directory(path, ec)) {
      Fail("no snapshot '" + *name + "' in " + dir + ": hvpat snapshots --db " + dir + " lists them");
    }
    return path.string();
  }
  auto published = PublishedName(dir);
  if (!published) Fail(dir + " holds no published snapshot yet: run hvpat ingest (or name one with --snapshot)");
  return (fs::path(dir) / "snapshots" / *published).string();
}

std::vector<SnapshotEntry> ListSnapshots(const std::string& dir) {
  assert(Inspect(dir) == DirState::kDatabase);
  std::vector<SnapshotEntry> out;
  auto published = PublishedName(dir);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(dir) / "snapshots", ec)) {
    std::string name = entry.path().filename().string();
    if (name.starts_with(".") || !entry.is_directory(ec)) continue;
    out.push_back({name, entry.path().string(), published && *published == name});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return NameOrder(a.name) > NameOrder(b.name); });
  return out;
}

Writer::Writer(const std::string& dir) : dir_(dir) {
  const DirState state = Inspect(dir);
  if (state == DirState::kOther) {
    Fail(dir +
         " exists and is not an hvpat database (no HVPAT marker): not writing into it; choose another --db "
         "or empty it");
  }
  std::error_code ec;
  if (state == DirState::kAbsent) {
    if (!fs::create_directory(dir, ec) && ec) Fail("cannot create the database " + dir + ": " + ec.message());
    dir_created_ = true;
  }
  created_dir_ = state != DirState::kDatabase;
  if (state != DirState::kDatabase) WriteFile(kMarker, kMarkerText);
  const std::string lock = (fs::path(dir) / "lock").string();
  lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) Fail("cannot open " + lock + ": " + Errno());
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    std::ifstream in(lock);
    std::string pid;
    std::getline(in, pid);
    ::close(lock_fd_);
    lock_fd_ = -1;
    Fail("another hvpat ingest (pid " + (pid.empty() ? "?" : pid) + ") is writing into " + dir +
         ": wait for it to finish");
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(lock_fd_, 0) != 0 || ::pwrite(lock_fd_, pid.data(), pid.size(), 0) < 0) {
    Fail("cannot write " + lock + ": " + Errno());
  }
  fs::create_directories(fs::path(dir) / "snapshots", ec);
  if (ec) Fail("cannot create " + dir + "/snapshots: " + ec.message());
  RemoveLeftovers(dir);
  auto [compact, iso] = Now();
  created_ = iso;
  // After every kept snapshot of this second. The newest snapshot is always kept, so this
  // is also after every one pruned: a name freed by --keep is not taken again, which
  // would order the new snapshot before older ones.
  uint64_t last = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(dir) / "snapshots", ec)) {
    const std::string name = entry.path().filename().string();
    auto [second, n] = NameOrder(name);
    if (second == compact) last = std::max(last, n);
  }
  name_ = last == 0 ? compact : compact + "-" + std::to_string(last + 1);
}

Writer::~Writer() {
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

std::string Writer::building_path() const {
  return (fs::path(dir_) / "snapshots" / (kBuildingPrefix + name_)).string();
}
std::string Writer::snapshot_path() const { return (fs::path(dir_) / "snapshots" / name_).string(); }

void Writer::Abandon() {
  std::error_code ec;
  fs::remove_all(building_path(), ec);
  if (!created_dir_) return;
  // There was no database before this run: leave none, nor anything this run made.
  for (const auto& entry : fs::directory_iterator(dir_, ec)) fs::remove_all(entry.path(), ec);
  if (dir_created_) fs::remove(dir_, ec);
}

void Writer::Complete() {
  std::error_code ec;
  fs::rename(building_path(), snapshot_path(), ec);
  if (ec) Fail("cannot keep the new snapshot " + snapshot_path() + ": " + ec.message());
  base::FaultPoint("publish:completed");
}

void Writer::Publish() {
  const fs::path link = fs::path(dir_) / ".tmp-current";
  std::error_code ec;
  fs::remove(link, ec);
  fs::create_symlink(fs::path("snapshots") / name_, link, ec);
  if (ec) Fail("cannot publish " + name_ + " in " + dir_ + ": " + ec.message());
  base::FaultPoint("publish:linked");
  fs::rename(link, fs::path(dir_) / "current", ec);
  if (ec) Fail("cannot publish " + name_ + " in " + dir_ + ": " + ec.message());
  base::FaultPoint("publish:renamed");
}

void Writer::Prune(size_t keep) {
  keep = std::max<size_t>(keep, 1);
  std::vector<SnapshotEntry> all = ListSnapshots(dir_);
  std::error_code ec;
  for (size_t i = keep; i < all.size(); ++i) {
    if (!all[i].published) fs::remove_all(all[i].path, ec);
  }
}

void Writer::WriteFile(const std::string& file, const std::string& text) {
  const fs::path tmp = fs::path(dir_) / (".tmp-" + file);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      Fail("cannot write " + (fs::path(dir_) / file).string() + " (is the disk full?)");
    }
  }
  std::error_code ec;
  fs::rename(tmp, fs::path(dir_) / file, ec);
  if (ec) Fail("cannot write " + (fs::path(dir_) / file).string() + ": " + ec.message());
}

}  // namespace hvpat::store::layout
