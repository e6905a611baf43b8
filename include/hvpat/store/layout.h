// The database directory and its snapshots (spec/nightly.md, "Snapshots"):
//
//   DIR/HVPAT                      marker written by hvpat: what makes DIR its database
//   DIR/lock                       flock-ed by the one ingest running into DIR
//   DIR/current                    symlink -> snapshots/NAME, the published snapshot;
//                                  replaced by rename(2), so a reader sees one or the other
//   DIR/snapshots/NAME/            a kept snapshot: a RocksDB database, snapshot.json (its
//                                  name, dates, rules fingerprint and run summary) and
//                                  quarantine.ndjson
//   DIR/snapshots/.building-NAME/  a run in progress; one left by a killed run is removed
//                                  by the next run
//   DIR/quarantine.ndjson          the last completed run's quarantine (spec/cli.md)
//   DIR/summary.json               the last completed run's summary, for monitoring
//
// Names are the UTC creation time, YYYYMMDDTHHMMSSZ, with -2, -3, ... when taken.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace hvpat::store::layout {

enum class DirState { kAbsent, kEmpty, kDatabase, kOther };
DirState Inspect(const std::string& dir);

// The directory of snapshot `name` of the database at `dir`, or of its published one.
// Throws Error(kStore) naming what to do when there is no database or no such snapshot.
std::string SnapshotPath(const std::string& dir, const std::optional<std::string>& name = std::nullopt);

struct SnapshotEntry {
  std::string name;
  std::string path;
  bool published = false;
};
// The kept snapshots, newest first. REQUIRES: dir is a database.
std::vector<SnapshotEntry> ListSnapshots(const std::string& dir);
std::optional<std::string> PublishedName(const std::string& dir);

// The writing side, held by one ingest: the lock, the snapshot being built, publishing.
class Writer {
 public:
  // Creates DIR (and its marker) when absent or empty, refuses any other non-database
  // directory, takes the lock (Error(kStore) at once when another ingest holds it) and
  // removes what killed runs left.
  explicit Writer(const std::string& dir);
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // A new snapshot's name and the directory to build it in (which does not exist yet).
  const std::string& name() const { return name_; }
  const std::string& created() const { return created_; }  // YYYY-MM-DDTHH:MM:SSZ
  std::string building_path() const;
  std::string snapshot_path() const;
  // Removes the directory being built (a failed run), and DIR itself when this run
  // created it: a failed first run leaves no database behind.
  void Abandon();
  // Moves the built snapshot among the kept ones (not yet published).
  void Complete();
  // Makes the completed snapshot the published one, in one rename.
  void Publish();
  // Removes the oldest snapshots beyond `keep`, never the published one.
  void Prune(size_t keep);
  // Replaces DIR/FILE by `text` through a temporary file and a rename.
  void WriteFile(const std::string& file, const std::string& text);

 private:
  std::string dir_;
  int lock_fd_ = -1;
  bool created_dir_ = false;  // no database was there before this run
  bool dir_created_ = false;  // nor the directory itself
  std::string name_;
  std::string created_;
};

}  // namespace hvpat::store::layout
