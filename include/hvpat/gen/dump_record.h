// One line of a generated dump as data (spec/record-format.md): what the generator drew
// for a record, down to how each field is spelt, so that writing it draws nothing and
// can be tested alone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hvpat/base/date.h"

namespace hvpat::gen {

// How a date that is not there is written: left out, null or 0 (record-format.md).
enum class NoDate : uint8_t { kAbsent, kNull, kZero };

struct Holder {
  std::string name, country, region;  // region empty: null or absent
  bool null_region = false;           // with no region, "region":null rather than no member
};
struct Member {
  std::string id, country;
  bool granted = false;
};
struct Pledge {
  double amount = 0;
  int patents = 1;
  bool write_one = false;  // patents == 1 written out rather than left to its default
  std::optional<base::Date> date, released;
  bool null_released = false;  // with no release date, "released":null rather than no member
};
struct Award {
  std::string award, level;
  int year = 0;
};
struct PriorityClaim {
  std::string number;  // "62/" and six digits
  base::Date date;
};
// Fields the engine ignores, sized like real national dumps (about 1.5 KB a record).
struct Bulk {
  std::string title, abstract;
  std::vector<std::string> inventors;
  std::optional<std::string> address;  // nullopt: null
  std::optional<PriorityClaim> priority;
};
struct Record {
  std::string id, office, type, status;
  bool write_country = false, numeric_dates = false;
  base::Date filing;
  std::optional<base::Date> grant, status_date;
  NoDate no_grant = NoDate::kAbsent, no_status_date = NoDate::kAbsent;  // spelling when absent
  std::vector<std::string> ipc;                                         // as written
  std::vector<Holder> holders;
  std::optional<std::string> family_id;
  std::vector<Member> family;
  std::vector<Pledge> pledges;
  std::vector<Award> awards;
  std::optional<Bulk> bulk;
};
// Deliberate faults of an invalid line that only the writer can make.
struct Fault {
  std::string filing_text;  // raw JSON replacing the filing date
  bool omit_status = false, repeat_status = false;
};

// The record as one NDJSON line, without its line end: a pure function of its arguments.
std::string SerializeRecord(const Record& record, const Fault& fault = {});

}  // namespace hvpat::gen
