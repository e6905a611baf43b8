// The quarantine file (quarantine.h).
#include "quarantine.h"

#include "hvpat/base/error.h"
#include "hvpat/base/json.h"

namespace hvpat::pipeline {

Quarantine::Quarantine(const std::string& path, const std::vector<std::string>& files)
    : out_(path, std::ios::binary | std::ios::trunc), path_(path), files_(files) {
  if (!out_) throw Error(ErrorKind::kStore, "cannot write " + path);
}

void Quarantine::Add(const record::Rejection& r) {
  line_.clear();
  line_ += "{\"file\":";
  base::AppendJsonString(line_, files_[r.file_index]);
  line_ += ",\"line\":" + std::to_string(r.line) + ",\"reason\":";
  base::AppendJsonString(line_, r.reason);
  line_ += ",\"text\":";
  base::AppendJsonString(line_, r.text);
  line_ += "}\n";
  out_ << line_;
}

void Quarantine::Close() {
  out_.close();
  if (!out_) throw Error(ErrorKind::kStore, "cannot write " + path_ + " (is the disk full?)");
}

}  // namespace hvpat::pipeline
