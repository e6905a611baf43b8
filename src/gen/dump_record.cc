// Writes a generated record as its NDJSON line (spec/record-format.md); every choice of
// spelling was drawn by the generator and is read from the record.
#include "hvpat/gen/dump_record.h"

#include <cmath>
#include <string_view>

#include "hvpat/base/json.h"

namespace hvpat::gen {
namespace {

using base::Date;

void Key(std::string& out, std::string_view name) {
  out += ",\"";
  out += name;
  out += "\":";
}

void Field(std::string& out, std::string_view name, std::string_view text) {
  Key(out, name);
  base::AppendJsonString(out, text);
}

void AppendDate(std::string& out, Date d, bool numeric) {
  if (numeric) {
    out += std::to_string(d.ToNumber());
  } else {
    out += '"';
    out += d.ToString();
    out += '"';
  }
}

void AppendAmount(std::string& out, double amount) {
  if (amount == std::floor(amount) && amount < 1e15) {
    out += std::to_string(static_cast<int64_t>(amount));
  } else {
    out += base::JsonNumber(amount);
  }
}

// A date, or "no date" in the spelling drawn for it: absent, null or 0.
void DateOr(std::string& out, std::string_view name, const std::optional<Date>& d, NoDate none, bool numeric) {
  if (d) {
    Key(out, name);
    AppendDate(out, *d, numeric);
    return;
  }
  if (none == NoDate::kAbsent) return;
  Key(out, name);
  out += none == NoDate::kZero ? "0" : "null";
}

void AppendStrings(std::string& out, const std::vector<std::string>& texts) {
  out += '[';
  for (size_t i = 0; i < texts.size(); ++i) {
    if (i > 0) out += ',';
    base::AppendJsonString(out, texts[i]);
  }
  out += ']';
}

void AppendHolders(std::string& out, const std::vector<Holder>& holders) {
  Key(out, "holders");
  out += '[';
  for (size_t i = 0; i < holders.size(); ++i) {
    const Holder& h = holders[i];
    out += i > 0 ? ",{\"name\":" : "{\"name\":";
    base::AppendJsonString(out, h.name);
    Field(out, "country", h.country);
    if (!h.region.empty()) {
      Field(out, "region", h.region);
    } else if (h.null_region) {
      out += ",\"region\":null";
    }
    out += '}';
  }
  out += ']';
}

void AppendFamily(std::string& out, const std::vector<Member>& family) {
  if (family.empty()) return;
  Key(out, "family");
  for (size_t i = 0; i < family.size(); ++i) {
    out += i > 0 ? ",{\"id\":" : "[{\"id\":";
    base::AppendJsonString(out, family[i].id);
    Field(out, "country", family[i].country);
    out += family[i].granted ? ",\"granted\":true}" : ",\"granted\":false}";
  }
  out += ']';
}

void AppendPledges(std::string& out, const std::vector<Pledge>& pledges, bool numeric) {
  if (pledges.empty()) return;
  Key(out, "pledges");
  for (size_t i = 0; i < pledges.size(); ++i) {
    const Pledge& p = pledges[i];
    out += i > 0 ? ",{\"amount\":" : "[{\"amount\":";
    AppendAmount(out, p.amount);
    if (p.patents != 1 || p.write_one) out += ",\"patents\":" + std::to_string(p.patents);
    if (p.date) {
      Key(out, "date");
      AppendDate(out, *p.date, numeric);
    }
    if (p.released) {
      Key(out, "released");
      AppendDate(out, *p.released, numeric);
    } else if (p.null_released) {
      out += ",\"released\":null";
    }
    out += '}';
  }
  out += ']';
}

void AppendAwards(std::string& out, const std::vector<Award>& awards) {
  if (awards.empty()) return;
  Key(out, "awards");
  for (size_t i = 0; i < awards.size(); ++i) {
    out += i > 0 ? ",{\"award\":" : "[{\"award\":";
    base::AppendJsonString(out, awards[i].award);
    Field(out, "level", awards[i].level);
    out += ",\"year\":" + std::to_string(awards[i].year) + "}";
  }
  out += ']';
}

void AppendBulk(std::string& out, const Bulk& bulk) {
  Field(out, "title", bulk.title);
  Field(out, "abstract", bulk.abstract);
  Key(out, "inventors");
  AppendStrings(out, bulk.inventors);
  if (bulk.address) {
    Field(out, "applicant_address", *bulk.address);
  } else {
    out += ",\"applicant_address\":null";
  }
  Key(out, "priority_claims");
  if (!bulk.priority) {
    out += "[]";
  } else {
    out += "[{\"country\":\"US\",\"number\":\"" + bulk.priority->number + "\",\"date\":\"" +
           bulk.priority->date.ToString() + "\"}]";
  }
}

}  // namespace

std::string SerializeRecord(const Record& r, const Fault& fault) {
  std::string out = "{\"id\":";
  base::AppendJsonString(out, r.id);
  if (r.write_country) Field(out, "country", r.office);
  Field(out, "type", r.type);
  Key(out, "filing_date");
  if (fault.filing_text.empty()) {
    AppendDate(out, r.filing, r.numeric_dates);
  } else {
    out += fault.filing_text;
  }
  DateOr(out, "grant_date", r.grant, r.no_grant, r.numeric_dates);
  if (!fault.omit_status) Field(out, "status", r.status);
  DateOr(out, "status_date", r.status_date, r.no_status_date, r.numeric_dates);
  Key(out, "ipc");
  AppendStrings(out, r.ipc);
  AppendHolders(out, r.holders);
  if (r.family_id) Field(out, "family_id", *r.family_id);
  AppendFamily(out, r.family);
  AppendPledges(out, r.pledges, r.numeric_dates);
  AppendAwards(out, r.awards);
  if (fault.repeat_status) Field(out, "status", r.status == "valid" ? "lapsed" : "valid");
  if (r.bulk) AppendBulk(out, *r.bulk);
  out += '}';
  return out;
}

}  // namespace hvpat::gen
