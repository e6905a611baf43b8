// Progress lines and log records of hvpat ingest (issue #12 items 2 and 3; docs/operations.md).
#include "progress.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>

#include "hvpat/base/error.h"

namespace hvpat::cli {
namespace {

std::string Bytes(double bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int unit = 0;
  while (bytes >= 1000 && unit < 4) bytes /= 1000, ++unit;
  char buf[32];
  std::snprintf(buf, sizeof buf, unit == 0 ? "%.0f %s" : "%.1f %s", bytes, units[unit]);
  return buf;
}

std::string Duration(double seconds) {
  long s = std::lround(seconds);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, s / 60 % 60);
  } else if (s >= 60) {
    std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%lds", s);
  }
  return buf;
}

}  // namespace

std::string UtcTimestamp() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string DescribeProgress(const pipeline::Progress& p) {
  const double seconds = p.seconds > 0 ? p.seconds : 0;
  const double rate = seconds > 0 ? 1 / seconds : 0;
  std::string text = Bytes(static_cast<double>(p.bytes_read));
  if (p.bytes_total > 0) {
    const double share = static_cast<double>(p.bytes_read) / static_cast<double>(p.bytes_total);
    char percent[16];
    std::snprintf(percent, sizeof percent, " (%.0f%%)", share > 1 ? 100.0 : 100 * share);
    text += " of " + Bytes(static_cast<double>(p.bytes_total)) + percent;
  }
  char figures[96];
  std::snprintf(figures, sizeof figures, ", %.0f records/s, %.1f MB/s, %llu quarantined",
                static_cast<double>(p.lines_read) * rate, static_cast<double>(p.bytes_read) / 1e6 * rate,
                static_cast<unsigned long long>(p.quarantined));
  text += figures;
  const std::string_view phase = p.phase;
  if (phase != "reading") {
    text += ", " + std::string(phase);
  } else if (p.bytes_total > 0 && p.bytes_read > 0 && p.bytes_read < p.bytes_total) {
    const double left = static_cast<double>(p.bytes_total - p.bytes_read);
    text += ", ETA " + Duration(left * seconds / static_cast<double>(p.bytes_read));
  }
  return text;
}

std::optional<ProgressMode> ResolveProgressMode(const std::string& name, bool quiet, bool stderr_is_tty) {
  std::optional<ProgressMode> mode;
  if (name == "auto") mode = stderr_is_tty ? ProgressMode::kTty : ProgressMode::kOff;
  if (name == "off") mode = ProgressMode::kOff;
  if (name == "plain") mode = ProgressMode::kPlain;
  if (name == "tty") mode = ProgressMode::kTty;
  if (mode && quiet) mode = ProgressMode::kOff;
  return mode;
}

void ProgressLine::Show(const pipeline::Progress& progress) {
  if (mode_ == ProgressMode::kOff) return;
  if (mode_ == ProgressMode::kTty) {
    err_ << "\r" << DescribeProgress(progress) << "\x1b[K" << std::flush;
    drawn_ = true;
  } else {
    err_ << UtcTimestamp() << " progress " << DescribeProgress(progress) << "\n" << std::flush;
  }
}

void ProgressLine::Finish() {
  if (drawn_) err_ << "\n" << std::flush;
  drawn_ = false;
}

void ProgressLine::Clear() {
  if (drawn_) err_ << "\r\x1b[K" << std::flush;
  drawn_ = false;
}

Log::Log(std::ostream* console, const std::string& file, ProgressLine* progress)
    : console_(console), progress_(progress) {
  if (file.empty()) return;
  file_.open(file, std::ios::app);
  if (!file_) throw Error(ErrorKind::kInput, "--log-file: cannot open " + file + ": " + std::strerror(errno));
}

void Log::Write(LogLevel level, std::string_view message) {
  const char* name = level == LogLevel::kError ? "ERROR" : level == LogLevel::kWarning ? "WARNING" : "INFO";
  const std::string line = UtcTimestamp() + " " + name + " " + std::string(message) + "\n";
  if (console_) {
    if (progress_) progress_->Clear();
    *console_ << line << std::flush;
  }
  if (file_.is_open()) file_ << line << std::flush;
}

}  // namespace hvpat::cli
