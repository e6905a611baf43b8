// Owns the deterministic generator of realistic NDJSON patent dumps (spec/record-format.md).
#include "hvpat/gen/generator.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "hvpat/base/ascii.h"
#include "hvpat/base/date.h"
#include "hvpat/base/region_levels.h"
#include "hvpat/gen/dump_record.h"
#include "hvpat/rules/concordance.h"

namespace hvpat::gen {
namespace {

using base::Date;

// Only the engine is standard: std:: distributions differ between standard libraries,
// and the same seed must give the same bytes everywhere.
class Random {
 public:
  explicit Random(uint64_t seed) : engine_(seed) {}
  // Uniform in [0, n); REQUIRES: n > 0. Rejection keeps it unbiased.
  uint64_t Below(uint64_t n) {
    assert(n > 0);
    const uint64_t threshold = (0 - n) % n;
    for (;;) {
      uint64_t x = engine_();
      if (x >= threshold) return x % n;
    }
  }
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo) + 1)); }
  double Unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  template <class C>
  const auto& Pick(const C& c) {
    return c[Below(std::size(c))];
  }
  std::string_view PickChar(std::string_view pool) { return pool.substr(3 * Below(pool.size() / 3), 3); }
  // REQUIRES: lo <= hi.
  Date DateIn(Date lo, Date hi) {
    assert(lo <= hi);
    return Date::FromDays(lo.days() + static_cast<int32_t>(Below(hi.days() - lo.days() + 1)));
  }
  // Index in [0, n) favouring small ones, so that a few holders own many patents.
  size_t Skewed(size_t n) {
    double u = Unit();
    return std::min(n - 1, static_cast<size_t>(static_cast<double>(n) * u * (0.25 + 0.75 * u)));
  }

 private:
  std::mt19937_64 engine_;
};

// Distinct numbers below `modulus` (a power of ten): an affine permutation, so that ids
// never collide by chance (a collision would be an unintended duplicate).
class IdSequence {
 public:
  IdSequence(uint64_t modulus, uint64_t offset) : modulus_(modulus), offset_(offset % modulus) {}
  // The stride is coprime with 10, so the first `modulus` values are all distinct.
  uint64_t Next() { return (offset_ + count_++ * 61'803'399) % modulus_; }

 private:
  uint64_t modulus_, offset_, count_ = 0;
};

std::string Pad(uint64_t n, size_t width) {
  std::string s = std::to_string(n);
  if (s.size() < width) s.insert(0, width - s.size(), '0');
  return s;
}

struct Symbol {
  std::string subclass;
  uint32_t main = 1;
  std::string sub;  // at least two digits, no trailing zero beyond two
};

constexpr std::string_view kTypes[] = {"invention", "utility_model", "design"};
constexpr char kIdDigit[] = {'1', '2', '3'}, kIdKind[] = {'B', 'U', 'S'};
constexpr std::string_view kOutsideSubclasses[] = {"A01B", "A21D", "A23L", "A43B", "A47J", "A61K", "A63B", "B01D",
                                                   "B23K", "B29C", "B62K", "B65D", "B65G", "C02F", "C04B", "D06F",
                                                   "E02D", "E04B", "E05B", "F16H", "F24F", "H02J"};
// Pools of single CJK characters (three UTF-8 bytes each), read by Random::PickChar.
constexpr std::string_view kBrand = "华中新天恒海宏瑞博卓创智远盛达信联正丰锐";
constexpr std::string_view kSurnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高";
constexpr std::string_view kGiven = "伟芳娜敏静丽强磊军洋勇艳杰涛明超霞平刚华鹏宇";
constexpr std::string_view kWords[] = {"科技",   "电子", "材料",     "生物", "信息技术", "智能装备", "光电",
                                       "新能源", "医药", "精密机械", "通信", "半导体",   "化工",     "软件"};
constexpr std::string_view kSuffixes[] = {"有限公司",     "有限公司",     "有限公司",
                                          "股份有限公司", "股份有限公司", "集团有限公司"};
constexpr std::string_view kSchools[] = {"大学",     "理工大学", "工业大学", "科技大学",
                                         "医科大学", "农业大学", "师范大学"};
constexpr std::string_view kFallbackPrefixes[] = {"重庆", "北京", "深圳", "杭州", "成都", "武汉"};
struct NamedHolder {
  std::string_view name, country;
};
constexpr NamedHolder kForeign[] = {{"Qualcomm Incorporated", "US"},
                                    {"International Business Machines Corporation", "US"},
                                    {"Apple Inc.", "US"},
                                    {"Acme \"Quantum\" Labs, Inc.", "US"},
                                    {"Sony Group Corporation", "JP"},
                                    {"Toyota Jidosha Kabushiki Kaisha", "JP"},
                                    {"Siemens Aktiengesellschaft", "DE"},
                                    {"Robert Bosch GmbH", "DE"},
                                    {"Samsung Electronics Co., Ltd.", "KR"},
                                    {"LG Chem, Ltd.", "KR"}};
constexpr NamedHolder kGreater[] = {{"香港应用科技研究院有限公司", "HK"},
                                    {"香港大学", "HK"},
                                    {"鸿海精密工业股份有限公司", "TW"},
                                    {"台达电子工业股份有限公司", "TW"}};
constexpr std::string_view kFamilyCountries[] = {"US", "US", "EP", "JP", "KR", "HK", "TW"};
constexpr std::string_view kTitleAdj[] = {"基于深度学习的", "高效", "低功耗", "分布式", "柔性", "智能", "可降解"};
constexpr std::string_view kTitleObj[] = {"图像识别",   "数据存储", "锂离子电池", "光伏组件", "基因检测",
                                          "无人机控制", "电路板",   "复合材料",   "污水处理"};
constexpr std::string_view kTitleEnd[] = {"方法", "装置", "系统", "及其制备方法", "设备"};
constexpr std::string_view kParts[] = {"壳体",     "控制模块", "传感器组件", "数据处理单元", "驱动电机", "散热结构",
                                       "通信接口", "存储模块", "电极层",     "基板",         "检测电路"};
constexpr std::string_view kPurposes[] = {"实时采集运行数据",   "提高传输效率", "降低整体能耗",
                                          "实现目标的自动识别", "提升检测精度", "延长使用寿命"};
constexpr std::string_view kRoads[] = {"科技大道", "创新路", "高新路", "人民路", "建设路", "学府路"};

// "重庆市" -> "重庆", "延边朝鲜族自治州" -> "延边"; empty for placeholder names ("市辖区").
std::string ShortName(std::string name) {
  if (name.find("辖") != std::string::npos || name == "县") return "";
  for (std::string_view suffix :
       {"特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "地区", "省", "市", "盟"}) {
    if (name.size() > suffix.size() && name.ends_with(suffix)) {
      name.resize(name.size() - suffix.size());
      break;
    }
  }
  if (name.size() > 9 && (name[6] & 0xC0) != 0x80) name.resize(6);  // two CJK characters
  return name;
}

class DumpWriter {
 public:
  DumpWriter(const GenerateOptions& options, const rules::RuleSet& rules, std::ostream& out)
      : options_(options),
        rules_(rules),
        out_(out),
        rng_(options.seed),
        dump_date_(*Date::FromYmd(2026, 3, 31)),
        messy_(options.invalid_share > 0),
        us_seq_(10'000'000, rng_.Below(1'000'000'000)),
        ep_seq_(10'000'000, rng_.Below(1'000'000'000)),
        family_seq_(100'000'000, rng_.Below(1'000'000'000)) {
    for (int k = 0; k < 3; ++k) cn_seq_.emplace_back(100'000'000, rng_.Below(1'000'000'000));
    for (const auto& entry : rules.awards) {
      const std::string& id = entry.first;
      if (id.size() > 3 && id.starts_with("CN") && id[2] >= '1' && id[2] <= '3') {
        side_ids_.push_back(id);
      }
    }
    std::sort(side_ids_.begin(), side_ids_.end());
    BuildPool();
  }

  uint64_t Run() {
    for (uint64_t i = 0; i < options_.records; ++i) {
      Flush(i);
      if (messy_ && rng_.Chance(0.0005)) out_ << (rng_.Chance(0.5) ? "\n" : "\r\n");
      double u = rng_.Unit();
      if (u < options_.invalid_share) {
        EmitInvalid();
      } else if (u < options_.invalid_share + options_.duplicate_share && !history_.empty()) {
        EmitDuplicate();
      } else {
        EmitFresh(i);
      }
    }
    Flush(UINT64_MAX);
    return lines_;
  }

 private:
  static constexpr size_t kHistory = 4096;  // records kept as candidates for duplicates
  struct PoolEntry {
    std::string name, region;
  };

  void Emit(const std::string& line) {
    out_ << line << (messy_ && rng_.Chance(0.003) ? "\r\n" : "\n");
    ++lines_;
  }
  void Flush(uint64_t index) {
    while (!due_.empty() && due_.begin()->first <= index) {
      Emit(due_.begin()->second);
      due_.erase(due_.begin());
    }
  }

  // A few hundred holders, each tied to one region code (mostly county level).
  void BuildPool() {
    std::vector<std::string> lists[3];  // county, city, province
    for (const auto& entry : rules_.regions) {
      const std::string& code = entry.first;
      if (!base::IsAsciiDigits(code, 6)) continue;
      if (code == rules::kNationCode) continue;  // the nation's line is no holder's region
      const base::RegionLevel level = base::RegionLevelOf(code);
      lists[level == base::RegionLevel::kProvince ? 2 : level == base::RegionLevel::kCity ? 1 : 0].push_back(code);
    }
    for (auto& list : lists) std::sort(list.begin(), list.end());
    if (lists[0].empty() && lists[1].empty() && lists[2].empty()) {
      lists[0] = {"500117", "110108", "440305", "330106", "510107", "420111"};
    }
    std::set<std::string> seen;
    for (int attempt = 0; pool_.size() < 300 && attempt < 5000; ++attempt) {
      double u = rng_.Unit();
      int want = u < 0.85 ? 0 : u < 0.95 ? 1 : 2;
      while (lists[want].empty()) want = (want + 1) % 3;
      const std::string& code = rng_.Pick(lists[want]);
      std::string name = Prefix(code);
      u = rng_.Unit();
      if (u < 0.75) {
        std::string_view first = rng_.PickChar(kBrand), second = rng_.PickChar(kBrand);
        if (second == first) second = kBrand.substr(0, 3);
        name.append(first).append(second).append(rng_.Pick(kWords));
        name.append(rng_.Pick(kSuffixes));
      } else if (u < 0.9) {
        name.append(rng_.Pick(kSchools));
      } else {
        name.append(rng_.Pick(kWords)).append("研究院");
      }
      if (seen.insert(name).second) pool_.push_back({std::move(name), code});
    }
  }
  std::string Prefix(const std::string& code) {
    for (const std::string& key : {base::CityOf(code), base::ProvinceOf(code), code}) {
      auto it = rules_.regions.find(key);
      if (it == rules_.regions.end()) continue;
      std::string name = ShortName(it->second.name);
      if (!name.empty()) return name;
    }
    return std::string(rng_.Pick(kFallbackPrefixes));
  }

  Holder Domestic() {
    const PoolEntry& e = pool_[rng_.Skewed(pool_.size())];
    return {e.name, "CN", e.region};
  }
  Holder FromList(const NamedHolder& h) { return {std::string(h.name), std::string(h.country), ""}; }

  std::string NextCnId(int kind) {
    std::string id;
    do {
      id = std::string("CN") + kIdDigit[kind] + Pad(cn_seq_[kind].Next(), 8) + kIdKind[kind];
    } while (std::binary_search(side_ids_.begin(), side_ids_.end(), id));
    return id;
  }

  Symbol ConcordanceSymbol() {
    const rules::ConcordanceRow& row = concordance().row(rng_.Below(concordance().row_count()));
    std::optional<rules::Pattern> p;
    if (!row.include.empty()) p = rules::Pattern::Parse(rng_.Pick(row.include));
    if (!p) return OutsideSymbol();
    Symbol s{p->subclass, p->main_group, p->subgroup};
    using Kind = rules::Pattern::Kind;
    if (p->kind == Kind::kClass) s.subclass += rng_.Pick(std::string_view("ABCDFGHJKLMNPQ"));
    if (p->kind == Kind::kClass || p->kind == Kind::kSubclass) s.main = RandomMain();
    if (p->kind != Kind::kSubgroup && p->kind != Kind::kSubgroupPrefix) s.sub = RandomSub();
    if (p->kind == Kind::kSubgroupPrefix) {
      if (s.sub.size() < 2) s.sub.push_back(static_cast<char>('0' + rng_.Below(10)));
      if ((s.sub.size() < 6 && rng_.Chance(0.5)) || (s.sub.size() > 2 && s.sub.back() == '0')) {
        s.sub.push_back(static_cast<char>('1' + rng_.Below(9)));
      }
    }
    return s;
  }
  // A symbol of no industry, so that the sei rule is not met by nearly every patent.
  Symbol OutsideSymbol() {
    Symbol s;
    for (int attempt = 0; attempt < 8; ++attempt) {
      s = {std::string(rng_.Pick(kOutsideSubclasses)), RandomMain(), RandomSub()};
      std::string canonical = s.subclass + std::to_string(s.main) + "/" + s.sub;
      if (concordance().Industries({canonical}).empty()) break;
    }
    return s;
  }
  uint32_t RandomMain() {
    return static_cast<uint32_t>(rng_.Chance(0.8) ? rng_.Between(1, 40) : rng_.Between(41, 199));
  }
  std::string RandomSub() {
    double u = rng_.Unit();
    if (u < 0.35) return "00";
    std::string sub = Pad(static_cast<uint64_t>(rng_.Between(1, 99)), 2);
    if (u > 0.75 && rng_.Chance(0.5)) sub += std::to_string(rng_.Below(10));
    if (u > 0.75) sub += std::to_string(rng_.Between(1, 9));  // no trailing zero: one spelling
    return sub;
  }
  // One of the three spellings, rarely an unreadable one (kept as written, never invalid).
  std::string Ipc(bool in_concordance) {
    Symbol s = in_concordance && concordance().row_count() > 0 ? ConcordanceSymbol() : OutsideSymbol();
    std::string main = std::to_string(s.main);
    double u = rng_.Unit();
    if (u < 0.004) {
      std::string odd = s.subclass + "  " + main + "/" + s.sub;
      if (rng_.Chance(0.5)) {
        for (char& c : odd) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
      }
      return odd;
    }
    if (u < 0.45) return s.subclass + " " + main + "/" + s.sub;
    if (u < 0.8) return s.subclass + main + "/" + s.sub;
    return s.subclass + Pad(s.main, 4) + s.sub + std::string(6 - std::min<size_t>(6, s.sub.size()), '0');
  }

  void SetDatesAndStatus(Record& r, int kind) {
    // 1998..2025, more filings in recent years.
    int year = 1998 + static_cast<int>(28 * std::sqrt(rng_.Unit()));
    r.filing = Date::FromDays(Date::FromYmd(year, 1, 1)->days() + static_cast<int32_t>(rng_.Below(365)));
    Date grant = Date::FromDays(r.filing.days() + (kind == 0 ? rng_.Between(300, 1460) : rng_.Between(120, 540)));
    auto since_filing = [&] {
      return rng_.Chance(0.8) ? std::optional(rng_.DateIn(r.filing, dump_date_)) : std::nullopt;
    };
    if (grant > dump_date_ || (kind == 0 && rng_.Chance(0.06))) {
      r.status = grant > dump_date_ && rng_.Chance(0.9) ? "pending" : rng_.Chance(0.7) ? "rejected" : "withdrawn";
      if (r.status != "pending") r.status_date = since_filing();
      return;
    }
    r.grant = grant;
    Date expiry = r.filing.AddYears(kind == 0 ? rules_.config.term_years : 10);
    double u = rng_.Unit();
    if (expiry <= dump_date_) {
      if (u < 0.8) {
        r.status = "expired";
        r.status_date = expiry;
      } else if (u < 0.95) {
        r.status = "lapsed";
        r.status_date = rng_.DateIn(grant, std::max(grant, expiry));
      } else {
        r.status = "valid";  // a stale record: the term alone ends it
      }
    } else {
      r.status = u < 0.68 ? "valid" : u < 0.9 ? "lapsed" : u < 0.96 ? "invalidated" : "withdrawn";
      if (u >= 0.68) r.status_date = rng_.DateIn(grant, dump_date_);
    }
    if (r.status != "valid" && rng_.Chance(0.03)) r.status_date.reset();  // ended at every D
  }

  Pledge MakePledge(const Record& r) {
    const double t = std::max(1.0, rules_.config.pledge_threshold_cny);
    const double step = t >= 1e6 ? 10'000 : 1;
    auto round = [&](double x) { return std::max(step, std::round(x / step) * step); };
    Pledge p;
    double u = rng_.Unit();
    if (u < 0.3) {
      p.amount = round(t * (0.02 + 0.58 * rng_.Unit()));
    } else if (u < 0.4) {
      p.amount = t - (rng_.Chance(0.5) ? 1 : 0.5);  // just below
    } else if (u < 0.5) {
      p.amount = t;
    } else if (u < 0.75) {
      p.amount = round(t * (1 + 7 * rng_.Unit()));
    } else {  // one contract over several patents: the share decides by default
      p.patents = rng_.Between(2, 12);
      p.amount = (rng_.Chance(0.35) ? t : round(t * (0.3 + 1.7 * rng_.Unit()))) * p.patents;
    }
    Date lo = r.grant ? *r.grant : r.filing;
    if (lo <= dump_date_ && rng_.Chance(0.9)) {
      p.date = rng_.DateIn(lo, dump_date_);
      if (rng_.Chance(0.3)) p.released = rng_.DateIn(*p.date, dump_date_);
    }
    return p;
  }

  Award MakeAward(const Record& r) {
    static constexpr std::string_view kChoices[][2] = {
        {"china_patent", "gold"},        {"china_patent", "silver"},       {"china_patent", "silver"},
        {"china_patent", "excellence"},  {"china_patent", "excellence"},   {"china_patent", "excellence"},
        {"china_patent", "excellence"},  {"national_sci_tech", "special"}, {"national_sci_tech", "first"},
        {"national_sci_tech", "second"}, {"national_sci_tech", "second"}};
    Award a;
    if (rng_.Chance(0.05)) {  // kept, never accepted, not invalid
      a.award = rng_.Chance(0.5) ? "china_patent" : "provincial_patent";
      a.level = rng_.Chance(0.5) ? "bronze" : "first";
    } else {
      const auto& c = rng_.Pick(kChoices);
      a.award = c[0];
      a.level = c[1];
    }
    a.year = std::min(dump_date_.year(), (r.grant ? r.grant->year() : r.filing.year()) + rng_.Between(1, 6));
    return a;
  }

  std::string MemberId(std::string_view country, bool granted) {
    std::string id(country);
    id += std::to_string(rng_.Between(1'000'000, 9'999'999));
    return id + (granted ? (country == "US" || country == "JP" ? "B2" : "B1") : "A1");
  }

  Record MakeCn() {
    Record r;
    int kind;
    if (next_side_ < side_ids_.size() && rng_.Chance(0.002)) {  // exercise awards.tsv
      r.id = side_ids_[next_side_++];
      kind = r.id[2] - '1';
    } else {
      double u = rng_.Unit();
      kind = u < 0.65 ? 0 : u < 0.9 ? 1 : 2;
      r.id = NextCnId(kind);
    }
    r.office = "CN";
    r.type = kTypes[kind];
    r.write_country = rng_.Chance(0.3);
    r.numeric_dates = rng_.Chance(0.25);
    SetDatesAndStatus(r, kind);
    int symbols = kind == 2 ? (rng_.Chance(0.85) ? 0 : 1) : 1 + static_cast<int>(rng_.Skewed(4));
    bool sei = rng_.Chance(0.4);  // main symbol from the concordance; some others too
    for (int k = 0; k < symbols; ++k) r.ipc.push_back(Ipc(k == 0 ? sei : rng_.Chance(0.15)));
    int holders = rng_.Chance(0.72) ? 1 : rng_.Chance(0.75) ? 2 : 3;
    double u = rng_.Unit();
    r.holders.push_back(u < 0.08    ? FromList(rng_.Pick(kForeign))
                        : u < 0.095 ? FromList(rng_.Pick(kGreater))
                                    : Domestic());
    while (static_cast<int>(r.holders.size()) < holders) {
      r.holders.push_back(rng_.Chance(0.1) ? FromList(rng_.Pick(kForeign)) : Domestic());
    }
    if (kind == 0 && rng_.Chance(0.4)) {
      if (rng_.Chance(0.02)) {
        r.family_id = "";  // links nothing
      } else if (!families_.empty() && rng_.Chance(0.02)) {
        r.family_id = rng_.Pick(families_);  // a divisional sharing its parent's family
      } else {
        r.family_id = Pad(family_seq_.Next(), 8);
        if (families_.size() < 256) {
          families_.push_back(*r.family_id);
        } else {
          families_[rng_.Below(256)] = *r.family_id;
        }
      }
      for (int k = rng_.Chance(0.55) ? rng_.Between(1, 3) : 0; k > 0; --k) {
        std::string country(rng_.Pick(kFamilyCountries));
        bool granted = rng_.Chance(0.6);
        r.family.push_back({MemberId(country, granted), country, granted});
      }
    }
    if (rng_.Chance(r.grant ? (kind == 0 ? 0.09 : 0.04) : 0.01)) {
      for (int k = rng_.Chance(0.8) ? 1 : 2; k > 0; --k) r.pledges.push_back(MakePledge(r));
    }
    if (r.grant && rng_.Chance(kind == 0 ? 0.02 : 0.004)) r.awards.push_back(MakeAward(r));
    return r;
  }

  // Another office's member of a CN family, linked only through family_id.
  Record MakeForeign(const Record& cn) {
    Record f;
    bool us = rng_.Chance(0.6);
    f.office = us ? "US" : "EP";
    f.id = us ? "US" + std::to_string(10'000'000 + us_seq_.Next()) + "B2" : "EP" + Pad(ep_seq_.Next(), 7) + "B1";
    f.write_country = rng_.Chance(0.6);
    f.numeric_dates = rng_.Chance(0.4);
    f.type = "invention";
    f.filing = std::min(dump_date_, Date::FromDays(cn.filing.days() + rng_.Between(0, 365)));
    Date grant = Date::FromDays(f.filing.days() + rng_.Between(700, 1800));
    if (grant > dump_date_) {
      f.status = "pending";
    } else {
      f.grant = grant;
      f.status = rng_.Chance(0.9) ? "valid" : "lapsed";
      if (f.status == "lapsed") f.status_date = rng_.DateIn(grant, dump_date_);
    }
    f.ipc = cn.ipc.empty() ? std::vector<std::string>{Ipc(true)} : cn.ipc;
    if (rng_.Chance(0.7) || cn.holders.front().country != "CN") {
      f.holders.push_back(FromList(rng_.Pick(kForeign)));
    } else {
      f.holders.push_back(cn.holders.front());
      if (rng_.Chance(0.15)) f.holders.back().region.resize(4);  // not validated off CN
    }
    f.family_id = cn.family_id;
    return f;
  }

  void EmitFresh(uint64_t index) {
    Record r = MakeCn();
    if (r.family_id && !r.family_id->empty() && rng_.Chance(0.03)) {
      Record foreign = MakeForeign(r);
      std::string line = Write(foreign);
      if (rng_.Chance(0.5)) {
        Emit(line);  // the foreign member comes first
      } else {
        due_.emplace(index + static_cast<uint64_t>(rng_.Between(1, 50)), std::move(line));
      }
    }
    Emit(Write(r));
    if (history_.size() < kHistory) {
      history_.push_back(std::move(r));
    } else {
      history_[rng_.Below(kHistory)] = std::move(r);
    }
  }

  // Same id, later in the dump, with a changed status or a transferred first holder.
  void EmitDuplicate() {
    Record& r = history_[rng_.Below(history_.size())];
    if (rng_.Chance(0.5)) {
      if (r.grant && r.status == "valid") {
        r.status = rng_.Chance(0.8) ? "lapsed" : "invalidated";
        r.status_date = rng_.DateIn(*r.grant, dump_date_);
      } else if (r.status == "pending") {
        r.grant = rng_.DateIn(std::min(dump_date_, Date::FromDays(r.filing.days() + 300)), dump_date_);
        r.status = "valid";
      } else {
        r.status = r.grant ? "valid" : "pending";  // restored on appeal, re-examination
        r.status_date.reset();
      }
    } else {
      Holder h = Domestic();
      if (h.name != r.holders.front().name) {
        r.holders.front() = std::move(h);
      } else {
        r.holders.push_back(FromList(rng_.Pick(kForeign)));
      }
    }
    Emit(Write(r));
  }

  void EmitInvalid() {
    Record r = MakeCn();
    if (!history_.empty() && rng_.Chance(0.3)) r.id = history_[rng_.Below(history_.size())].id;
    Fault f;
    switch (rng_.Below(12)) {
      case 0:
        f.filing_text = r.numeric_dates ? "20210230" : "\"2021-02-30\"";
        break;
      case 1: {
        static constexpr std::string_view kBad[] = {"\"2021/02/03\"", "\"20210203\"", "\"2021-2-3\"", "20210203.0",
                                                    "true"};
        f.filing_text = rng_.Pick(kBad);
        break;
      }
      case 2:
        f.omit_status = true;
        break;
      case 3:
        r.holders.clear();
        break;
      case 4:
        r.holders.front() = Domestic();
        r.holders.front().region.resize(5);
        break;
      case 5:
        r.type = "utility-model";
        break;
      case 6:
        r.status = "valid";
        r.grant.reset();
        r.status_date.reset();
        break;
      case 7:
        f.repeat_status = true;
        break;
      case 8:
        r.pledges = {MakePledge(r)};
        r.pledges.front().patents = 0;
        break;
      case 9:
        r.id.clear();
        break;
      case 10: {  // broken JSON text, cut at an ASCII byte so the line stays UTF-8
        std::string line = Write(r, f);
        size_t cut = line.size() / 2;
        while (cut > 1 && static_cast<unsigned char>(line[cut]) >= 0x80) --cut;
        line.resize(cut);
        Emit(line);
        return;
      }
      default:
        if (rng_.Chance(0.5)) {
          Emit("[" + Write(r, f) + "]");
        } else {
          Emit("CN " + r.id + " 发明专利 valid");
        }
        return;
    }
    Emit(Write(r, f));
  }

  // Draws how the record is spelt where the format allows several spellings, and its
  // bulk, just before each time it is written: a duplicate is spelt afresh.
  void Spell(Record& r) {
    r.no_grant = r.grant ? NoDate::kAbsent : DrawNoDate();
    r.no_status_date = r.status_date ? NoDate::kAbsent : DrawNoDate();
    for (Holder& h : r.holders) h.null_region = h.region.empty() && rng_.Chance(0.7);
    for (Pledge& p : r.pledges) {
      p.write_one = p.patents == 1 && rng_.Chance(0.5);
      p.null_released = !p.released && rng_.Chance(0.6);
    }
    r.bulk.reset();
    if (options_.bulky) r.bulk = DrawBulk(r);
  }
  // The record spelt, then written.
  std::string Write(Record& r, const Fault& fault = {}) {
    Spell(r);
    return SerializeRecord(r, fault);
  }

  // "No date" in one of its three spellings: absent, null or 0.
  NoDate DrawNoDate() {
    const uint64_t form = rng_.Below(4);
    return form == 0 ? NoDate::kAbsent : form == 3 ? NoDate::kZero : NoDate::kNull;
  }

  Bulk DrawBulk(const Record& r) {
    Bulk bulk;
    bulk.title = "一种";
    bulk.title.append(rng_.Pick(kTitleAdj)).append(rng_.Pick(kTitleObj)).append(rng_.Pick(kTitleEnd));
    std::string abstract = "本发明公开了" + bulk.title + "，包括" + std::string(rng_.Pick(kParts)) + "和" +
                           std::string(rng_.Pick(kParts)) + "。";
    while (abstract.size() < 900) {
      abstract.append("所述").append(rng_.Pick(kParts)).append("与所述").append(rng_.Pick(kParts));
      abstract.append("连接，用于").append(rng_.Pick(kPurposes)).append("。");
    }
    abstract += "本发明结构简单、成本低廉、可靠性高，便于推广应用。";
    bulk.abstract = std::move(abstract);
    for (int k = rng_.Between(2, 6); k > 0; --k) {
      std::string name(rng_.PickChar(kSurnames));
      name.append(rng_.PickChar(kGiven));
      if (rng_.Chance(0.6)) name.append(rng_.PickChar(kGiven));
      bulk.inventors.push_back(std::move(name));
    }
    const Holder& first = r.holders.empty() ? Holder{} : r.holders.front();
    if (first.country == "CN" && first.region.size() == 6) bulk.address = Address(first.region);
    if (!r.family.empty()) {
      PriorityClaim claim;  // the date drawn first: the order of the dumps made so far
      claim.date = Date::FromDays(r.filing.days() - rng_.Between(30, 360));
      claim.number = "62/" + Pad(rng_.Below(1'000'000), 6);
      bulk.priority = std::move(claim);
    }
    return bulk;
  }
  // The holder's address: its province, city and county names, a road and a number.
  std::string Address(const std::string& region) {
    std::string address;
    for (const std::string& key : {base::ProvinceOf(region), base::CityOf(region), region}) {
      auto it = rules_.regions.find(key);
      if (it != rules_.regions.end() && address.find(it->second.name) == std::string::npos) {
        address += it->second.name;
      }
    }
    address.append(rng_.Pick(kRoads)).append(std::to_string(rng_.Between(1, 999))).append("号");
    return address;
  }

  const rules::Concordance& concordance() const { return rules_.concordance; }

  const GenerateOptions& options_;
  const rules::RuleSet& rules_;
  std::ostream& out_;
  Random rng_;
  const Date dump_date_;  // the day the dump was made: no date lies after it
  const bool messy_;      // a dump with invalid lines also gets empty lines and CRLF ends
  std::vector<IdSequence> cn_seq_;
  IdSequence us_seq_, ep_seq_, family_seq_;
  std::vector<std::string> side_ids_;  // ids of awards.tsv, sorted
  size_t next_side_ = 0;
  std::vector<PoolEntry> pool_;
  std::vector<std::string> families_;         // recent family ids
  std::vector<Record> history_;               // candidates for duplicates
  std::multimap<uint64_t, std::string> due_;  // foreign members written after their CN record
  uint64_t lines_ = 0;
};

}  // namespace

uint64_t Generate(const GenerateOptions& options, const rules::RuleSet& rules, std::ostream& out) {
  DumpWriter writer(options, rules, out);
  return writer.Run();
}

}  // namespace hvpat::gen
