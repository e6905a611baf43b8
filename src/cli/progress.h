// What ingest tells the person or the log watching it (issue #12 items 2 and 3): a live
// progress line on a terminal, timestamped progress lines for log files, and one-line log
// records. Writes to the streams given; not thread-safe (the pipeline calls its progress
// callback from one thread at a time, and the CLI logs from its own thread).
#pragma once

#include <fstream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "hvpat/pipeline/ingest.h"

namespace hvpat::cli {

// "2026-12-01T21:50:07Z": now, ISO-8601 in UTC.
std::string UtcTimestamp();

// "412.3 MB of 1.2 GB (34%), 55750 records/s, 17.1 MB/s, 3 quarantined, ETA 1m12s"; without
// the total, the share and the ETA when bytes_total is 0 (pipes); the phase when not reading.
std::string DescribeProgress(const pipeline::Progress& progress);

enum class ProgressMode { kOff, kPlain, kTty };
// --progress=auto|off|plain|tty: auto is tty when stderr is a terminal; --quiet turns every
// mode off. Nullopt for another name.
std::optional<ProgressMode> ResolveProgressMode(const std::string& name, bool quiet, bool stderr_is_tty);

// Draws the progress on `err`: kTty rewrites one line with \r (cleared to its end), kPlain
// writes a timestamped line each time it is called.
class ProgressLine {
 public:
  ProgressLine(ProgressMode mode, std::ostream& err) : mode_(mode), err_(err) {}
  ProgressMode mode() const { return mode_; }
  void Show(const pipeline::Progress& progress);
  // Ends a tty line with a newline so that what follows starts on its own line.
  void Finish();
  // Removes a tty line before another message is written to the same stream.
  void Clear();

 private:
  ProgressMode mode_;
  std::ostream& err_;
  bool drawn_ = false;
};

enum class LogLevel { kError, kWarning, kInfo };

// One-line records "TIME LEVEL message" to `console` (stderr with --verbose, else null)
// and appended to a file (--log-file). The CLI's own one-line errors are printed apart.
class Log {
 public:
  // Opens `file` for appending when not empty (Error kInput naming it when it cannot).
  Log(std::ostream* console, const std::string& file, ProgressLine* progress = nullptr);
  void Write(LogLevel level, std::string_view message);
  void Info(std::string_view message) { Write(LogLevel::kInfo, message); }
  void Warning(std::string_view message) { Write(LogLevel::kWarning, message); }

 private:
  std::ostream* console_;
  std::ofstream file_;
  ProgressLine* progress_;
};

}  // namespace hvpat::cli
