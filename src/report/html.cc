// The report page: headline figures, sub-regions (sortable table and bar chart), rules,
// industries, holders, targets, series and pledge financing, in the style of a statistics
// bulletin. Every chart is SVG written here; the only script sorts the table.
#include "hvpat/report/html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "hvpat/base/json.h"
#include "hvpat/report/document.h"

namespace hvpat::report {
namespace {

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Num(double x, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

// 1234567 -> "1,234,567".
std::string Grouped(int64_t n) {
  std::string digits = std::to_string(n);
  for (int at = static_cast<int>(digits.size()) - 3; at > (n < 0 ? 1 : 0); at -= 3) digits.insert(at, ",");
  return digits;
}

std::string Ratio(std::optional<double> x) { return x ? TableText(Cell::Double(*x), Style::kRatio) : "—"; }

// A number cell: shown rounded, its exact value in data-value (sorting and tests read it).
std::string Td(const std::string& shown, const std::string& exact, const std::string& id = "") {
  return "<td class=\"n\"" + (id.empty() ? "" : " id=\"" + id + "\"") + " data-value=\"" + exact + "\">" + shown +
         "</td>";
}
std::string TdInt(uint64_t n) { return Td(Grouped(static_cast<int64_t>(n)), std::to_string(n)); }
std::string TdRatio(std::optional<double> x) { return Td(Ratio(x), x ? base::JsonNumber(*x) : ""); }

const char* kStyle = R"(
:root{--ink:#1d2733;--muted:#5b6675;--rule:#c9d1db;--accent:#1f5f9f;--accent2:#c8102e;--band:#f3f6f9}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fff;font:15px/1.6 "Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",sans-serif}
main{max-width:1100px;margin:0 auto;padding:24px 32px 48px}
header.top{border-top:6px solid var(--accent2);border-bottom:1px solid var(--rule);padding:18px 0 12px;margin-bottom:20px}
h1{font-size:26px;margin:0 0 4px;letter-spacing:1px}
h2{font-size:18px;margin:32px 0 10px;padding-left:10px;border-left:4px solid var(--accent)}
.meta{color:var(--muted);font-size:13px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:12px;margin:16px 0}
.card{background:var(--band);border:1px solid var(--rule);padding:12px 14px}
.card .label{font-size:13px;color:var(--muted)}
.card .value{font-size:26px;white-space:nowrap;font-weight:700;font-variant-numeric:tabular-nums;color:var(--accent)}
.card .unit{font-size:13px;color:var(--muted);margin-left:4px}
.card .value.long{font-size:20px;line-height:39px}
table{border-collapse:collapse;width:100%;font-size:14px;font-variant-numeric:tabular-nums}
caption{caption-side:bottom;text-align:left;color:var(--muted);font-size:12px;padding-top:6px}
th,td{padding:5px 8px;border-bottom:1px solid var(--rule)}
th{background:var(--band);text-align:left;font-weight:600;white-space:nowrap}
th.n,td.n{text-align:right}
table.sortable th{cursor:pointer}
table.sortable th::after{content:" \2195";color:var(--muted);font-size:11px}
tr.total td{font-weight:700;border-top:2px solid var(--ink)}
.bar{display:inline-block;height:10px;background:var(--accent);vertical-align:middle}
.progress{position:relative;background:#e4e9ef;height:14px;min-width:120px}
.progress span{position:absolute;left:0;top:0;bottom:0;background:var(--accent)}
.progress span.met{background:#2e7d32}
.progress i{position:absolute;top:-3px;bottom:-3px;width:2px;background:var(--accent2)}
svg text{font-family:inherit;font-size:12px;fill:var(--ink)}
.note{color:var(--muted);font-size:12px}
footer{margin-top:40px;border-top:1px solid var(--rule);padding-top:10px;color:var(--muted);font-size:12px}
@media print{main{max-width:none;padding:0}body{font-size:11pt}h2{break-after:avoid}table,svg,.cards{break-inside:avoid}
table.sortable th::after{content:""}a{color:inherit;text-decoration:none}header.top{border-top-color:#000}}
)";

const char* kScript = R"(
document.querySelectorAll('table.sortable').forEach(function(t){
  t.querySelectorAll('th').forEach(function(th,i){th.addEventListener('click',function(){
    var body=t.tBodies[0],rows=Array.from(body.rows),num=th.classList.contains('n');
    var dir=th.dataset.dir==='desc'?1:-1;th.dataset.dir=dir===1?'asc':'desc';if(!num)dir=-dir;
    rows.sort(function(a,b){var x=a.cells[i],y=b.cells[i];
      if(num){var p=parseFloat(x.dataset.value),q=parseFloat(y.dataset.value);
        if(isNaN(p))return 1;if(isNaN(q))return -1;return dir*(p-q);}
      return dir*x.textContent.localeCompare(y.textContent,'zh');});
    rows.forEach(function(r){body.appendChild(r);});});});});
document.documentElement.dataset.sortable='ready';
)";

std::string Card(const std::string& label, const std::string& value, const std::string& unit, const std::string& id,
                 const std::string& exact) {
  const char* size = value.size() > 9 ? " long" : "";  // 1,408,280,000 fits its card in a smaller size
  return "<div class=\"card\"><div class=\"label\">" + label + "</div><div class=\"value" + size + "\" id=\"" + id +
         "\" data-value=\"" + exact + "\">" + value + "<span class=\"unit\">" + unit + "</span></div></div>";
}

std::string Headline(const PageData& p) {
  const auto& h = p.headline;
  auto per10k = h.PerTenThousand(), valid10k = h.ValidPerTenThousand();
  std::string pop_note = h.population ? (h.population_year ? std::to_string(*h.population_year) + " 年末常住人口"
                                                           : std::string("第七次全国人口普查"))
                                      : "人口未知";
  std::string out = "<section class=\"cards\">";
  out += Card("每万人口高价值发明专利拥有量", Ratio(per10k), "件/万人", "headline-per10k",
              per10k ? base::JsonNumber(*per10k) : "");
  out += Card("高价值发明专利", Grouped(static_cast<int64_t>(h.counts.high_value)), "件", "headline-high-value",
              std::to_string(h.counts.high_value));
  out += Card("有效发明专利", Grouped(static_cast<int64_t>(h.counts.valid)), "件", "headline-valid",
              std::to_string(h.counts.valid));
  out += Card("每万人口发明专利拥有量", Ratio(valid10k), "件/万人", "headline-valid-per10k",
              valid10k ? base::JsonNumber(*valid10k) : "");
  out += Card("常住人口（" + pop_note + "）", h.population ? Grouped(*h.population) : "—", "人", "headline-population",
              h.population ? std::to_string(*h.population) : "");
  return out + "</section>";
}

// Horizontal bars, one per labelled value, largest scale = the largest value.
std::string BarChart(const std::vector<std::pair<std::string, double>>& bars, const std::string& unit) {
  if (bars.empty()) return "<p class=\"note\">无数据。</p>";
  double top = 0;
  for (const auto& [label, value] : bars) top = std::max(top, value);
  const int row = 22, left = 150, width = 560, height = static_cast<int>(bars.size()) * row + 24;
  std::string out = "<svg role=\"img\" width=\"100%\" viewBox=\"0 0 800 " + std::to_string(height) +
                    "\" xmlns=\"http://www.w3.org/2000/svg\">";
  for (size_t i = 0; i < bars.size(); ++i) {
    int y = static_cast<int>(i) * row + 4;
    double w = top > 0 ? bars[i].second / top * width : 0;
    out += "<text x=\"" + std::to_string(left - 8) + "\" y=\"" + std::to_string(y + 14) + "\" text-anchor=\"end\">" +
           Escape(bars[i].first) + "</text>";
    out += "<rect x=\"" + std::to_string(left) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" + Num(w, 1) +
           "\" height=\"14\" fill=\"#1f5f9f\"/>";
    out += "<text x=\"" + Num(left + w + 6, 1) + "\" y=\"" + std::to_string(y + 14) + "\">" +
           TableText(Cell::Double(bars[i].second), Style::kRatio) + "</text>";
  }
  out += "<text x=\"" + std::to_string(left) + "\" y=\"" + std::to_string(height - 4) + "\" class=\"note\">单位：" +
         unit + "</text>";
  return out + "</svg>";
}

std::string Children(const PageData& p) {
  std::string out =
      "<h2>下级地区</h2><table class=\"sortable\" id=\"children\"><thead><tr><th>代码</th><th>地区</th>"
      "<th class=\"n\">有效发明专利（件）</th><th class=\"n\">高价值发明专利（件）</th>"
      "<th class=\"n\">常住人口（人）</th><th class=\"n\">每万人口高价值（件）</th>"
      "<th class=\"n\">每万人口发明专利（件）</th></tr></thead><tbody>";
  std::vector<std::pair<std::string, double>> bars;
  for (const auto& c : p.children) {
    out += "<tr><td>" + c.region.value_or("") + "</td><td>" + Escape(c.name.value_or("")) + "</td>" +
           TdInt(c.counts.valid) + TdInt(c.counts.high_value) +
           Td(c.population ? Grouped(*c.population) : "—", c.population ? std::to_string(*c.population) : "") +
           TdRatio(c.PerTenThousand()) + TdRatio(c.ValidPerTenThousand()) + "</tr>";
    if (auto x = c.PerTenThousand()) bars.emplace_back(c.name.value_or(c.region.value_or("")), *x);
  }
  out += "</tbody><caption>点击表头排序。人口未知的地区不计算每万人口指标。</caption></table>";
  std::sort(bars.begin(), bars.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out + "<h2>各地区每万人口高价值发明专利拥有量</h2>" + BarChart(bars, "件/万人");
}

std::string Rules(const PageData& p) {
  static const char* kNames[] = {"战略性新兴产业", "海外同族专利权", "维持年限超过十年", "质押融资额较高",
                                 "获得国家科学技术奖或中国专利奖"};
  const auto& h = p.headline;
  std::string out =
      "<h2>高价值发明专利构成（按五类情形）</h2><table id=\"rules\"><thead><tr><th>情形</th>"
      "<th class=\"n\">专利数（件）</th><th class=\"n\">占高价值比重</th><th></th></tr></thead><tbody>";
  for (int r = 0; r < model::kRuleCount; ++r) {
    if (!h.enabled[r]) {
      out += std::string("<tr><td>") + kNames[r] + "</td><td class=\"n\">未启用</td><td></td><td></td></tr>";
      continue;
    }
    uint64_t n = h.counts.by_rule[r];
    double share = h.counts.high_value ? static_cast<double>(n) / static_cast<double>(h.counts.high_value) : 0;
    out += std::string("<tr><td>") + kNames[r] + "</td>" + TdInt(n) +
           Td(Num(share * 100, 1) + "%", base::JsonNumber(share)) +
           "<td><span class=\"bar\" style=\"width:" + Num(share * 200, 0) + "px\"></span></td></tr>";
  }
  return out + "</tbody><caption>一件专利可同时符合多类情形，各类之和大于高价值专利总数。</caption></table>";
}

std::string Industries(const PageData& p) {
  uint64_t top = 1;
  for (const auto& i : p.industries) top = std::max(top, i.valid_inventions);
  std::string out =
      "<h2>战略性新兴产业分布</h2><table id=\"industries\"><thead><tr><th>代码</th><th>产业</th>"
      "<th class=\"n\">有效发明专利（件）</th><th></th></tr></thead><tbody>";
  for (const auto& i : p.industries) {
    out += "<tr><td>" + i.industry + "</td><td>" + Escape(i.name.value_or("—")) + "</td>" + TdInt(i.valid_inventions) +
           "<td><span class=\"bar\" style=\"width:" +
           Num(static_cast<double>(i.valid_inventions) / static_cast<double>(top) * 260, 0) + "px\"></span></td></tr>";
  }
  return out + "</tbody><caption>一件专利属于多个产业时在每个产业各计一次。</caption></table>";
}

std::string Holders(const PageData& p) {
  std::string out =
      "<h2>主要专利权人（按高价值发明专利）</h2><table id=\"holders\"><thead><tr><th class=\"n\">位次</th>"
      "<th>专利权人</th><th class=\"n\">高价值（件）</th><th class=\"n\">有效发明（件）</th>"
      "<th class=\"n\">占本地区高价值比重</th></tr></thead><tbody>";
  for (size_t i = 0; i < p.holders.size(); ++i) {
    const auto& h = p.holders[i];
    out += "<tr><td class=\"n\">" + std::to_string(i + 1) + "</td><td>" + Escape(h.holder) + "</td>" +
           TdInt(h.high_value) + TdInt(h.valid_inventions) +
           Td(h.share ? Num(*h.share * 100, 1) + "%" : "—", h.share ? base::JsonNumber(*h.share) : "") + "</tr>";
  }
  return out + "</tbody><caption>共有专利计入每一位权利人。</caption></table>";
}

std::string Value(std::optional<double> x, rules::Metric m) {
  if (!x) return "—";
  if (m == rules::Metric::kPledgeCny) return TableText(Cell::Double(*x / 1e4), Style::kAmount) + " 万元";
  if (m == rules::Metric::kPer10kGrowth) return Num(*x * 100, 1) + "%";
  if (m == rules::Metric::kHighValue) return Num(*x, 0) + " 件";
  return TableText(Cell::Double(*x), Style::kRatio) + " 件/万人";
}

std::string Targets(const PageData& p) {
  static const char* kMetric[] = {"高价值发明专利", "每万人口高价值发明专利", "每万人口发明专利",
                                  "每万人口高价值发明专利增幅", "专利质押融资额"};
  std::string out = "<h2>规划目标完成情况</h2>";
  if (p.targets.empty()) return out + "<p class=\"note\">rules/targets.tsv 中没有本地区的目标。</p>";
  out +=
      "<table id=\"targets\"><thead><tr><th>地区</th><th>指标</th><th class=\"n\">目标</th><th>期限</th>"
      "<th class=\"n\">现值</th><th>完成进度</th><th class=\"n\">按趋势预计</th></tr></thead><tbody>";
  for (const auto& t : p.targets) {
    auto m = t.target.metric;
    double share = t.share.value_or(0);
    std::string bar = "<div class=\"progress\"><span class=\"" + std::string(t.met.value_or(false) ? "met" : "") +
                      "\" style=\"width:" + Num(std::clamp(share, 0.0, 1.0) * 100, 1) + "%\"></span></div>";
    out += "<tr><td>" + Escape(t.name.value_or(t.target.region)) + "</td><td>" + kMetric[static_cast<int>(m)] +
           (t.target.base ? "<br><span class=\"note\">基期 " + t.target.base->ToString() + "</span>" : "") + "</td>" +
           "<td class=\"n\">" + Value(t.target.target, m) + "</td><td>" + t.target.due.ToString() + "</td>" +
           Td(Value(t.current, m), t.current ? base::JsonNumber(*t.current) : "") + "<td>" + bar +
           "<span class=\"note\">" + (t.share ? Num(share * 100, 1) + "%" : "—") +
           (t.met ? (*t.met ? " 已完成" : " 未完成") : "") + "</span></td>" +
           Td(Value(t.projected, m), t.projected ? base::JsonNumber(*t.projected) : "") + "</tr>";
  }
  return out + "</tbody><caption>预计值：以最早与最新统计日期的数值作直线外推至期限日。</caption></table>";
}

std::string Outlook(const PageData& p) {
  std::string out =
      "<h2>维持年限展望</h2><table id=\"outlook\"><thead><tr><th>年数</th><th>日期</th>"
      "<th class=\"n\">届时首次满足维持年限的有效发明专利（件）</th></tr></thead><tbody>";
  for (const auto& r : p.outlook) {
    out +=
        "<tr><td>" + std::to_string(r.years) + "</td><td>" + r.as_of.ToString() + "</td>" + TdInt(r.patents) + "</tr>";
  }
  return out +
         "</tbody><caption>统计日期有效但尚非高价值的发明专利，若持续维持，将在该年首次满足维持年限条件。</caption></"
         "table>";
}

std::string LineChart(const std::vector<query::CountResult>& series) {
  std::vector<std::pair<base::Date, double>> points;
  for (const auto& c : series) {
    if (auto x = c.PerTenThousand()) points.emplace_back(c.as_of, *x);
  }
  if (points.size() < 2) return "<p class=\"note\">数据库只有一个统计日期（或人口未知），无法绘制趋势。</p>";
  double top = 0;
  for (const auto& pt : points) top = std::max(top, pt.second);
  top = top > 0 ? top * 1.15 : 1;
  const double x0 = 110, x1 = 740, y0 = 230, y1 = 20;
  double d0 = points.front().first.days(), d1 = points.back().first.days();
  auto px = [&](base::Date d) { return x0 + (d.days() - d0) / (d1 - d0) * (x1 - x0); };
  auto py = [&](double v) { return y0 - v / top * (y0 - y1); };
  std::string out = "<svg role=\"img\" width=\"100%\" viewBox=\"0 0 800 260\" xmlns=\"http://www.w3.org/2000/svg\">";
  for (int k = 0; k <= 4; ++k) {
    double v = top * k / 4;
    out += "<line x1=\"" + Num(x0, 0) + "\" x2=\"" + Num(x1, 0) + "\" y1=\"" + Num(py(v), 1) + "\" y2=\"" +
           Num(py(v), 1) + "\" stroke=\"#c9d1db\"/><text x=\"" + Num(x0 - 10, 0) + "\" y=\"" + Num(py(v) + 4, 1) +
           "\" text-anchor=\"end\">" + TableText(Cell::Double(v), Style::kRatio) + "</text>";
  }
  std::string path;
  for (size_t i = 0; i < points.size(); ++i) {
    const auto& [date, v] = points[i];
    // The end labels lean inwards, clear of the axis labels and the edge.
    const char* anchor = i == 0 ? "start" : i + 1 == points.size() ? "end" : "middle";
    path += (path.empty() ? "M" : " L") + Num(px(date), 1) + " " + Num(py(v), 1);
    out += "<circle cx=\"" + Num(px(date), 1) + "\" cy=\"" + Num(py(v), 1) + "\" r=\"4\" fill=\"#c8102e\"/>";
    out += "<text x=\"" + Num(px(date), 1) + "\" y=\"" + Num(py(v) - 9, 1) + "\" text-anchor=\"" + anchor + "\">" +
           TableText(Cell::Double(v), Style::kRatio) + "</text>";
    out +=
        "<text x=\"" + Num(px(date), 1) + "\" y=\"250\" text-anchor=\"" + anchor + "\">" + date.ToString() + "</text>";
  }
  return out + "<path d=\"" + path + "\" fill=\"none\" stroke=\"#1f5f9f\" stroke-width=\"2.5\"/></svg>";
}

std::string Series(const PageData& p) {
  std::string out = "<h2>历次统计日期</h2>" + LineChart(p.series) +
                    "<table id=\"series\"><thead><tr><th>统计日期</th><th class=\"n\">有效发明专利（件）</th>"
                    "<th class=\"n\">高价值发明专利（件）</th><th class=\"n\">常住人口（人）</th>"
                    "<th class=\"n\">每万人口高价值（件）</th></tr></thead><tbody>";
  for (const auto& c : p.series) {
    out += "<tr><td>" + c.as_of.ToString() + "</td>" + TdInt(c.counts.valid) + TdInt(c.counts.high_value) +
           Td(c.population ? Grouped(*c.population) : "—", c.population ? std::to_string(*c.population) : "") +
           TdRatio(c.PerTenThousand()) + "</tr>";
  }
  return out + "</tbody></table>";
}

std::string Pledges(const PageData& p) {
  auto row = [](const std::string& label, const query::PledgeResult& r) {
    return "<tr><td>" + label + "</td>" + TdInt(r.tally.pledges) + TdInt(r.tally.patents) +
           Td(TableText(Cell::Double(r.tally.amount_cny / 1e4), Style::kAmount), base::JsonNumber(r.tally.amount_cny)) +
           "</tr>";
  };
  std::string out =
      "<h2>专利质押融资</h2><table id=\"pledges\"><thead><tr><th>登记期间</th><th class=\"n\">质押（笔）</th>"
      "<th class=\"n\">涉及专利（件）</th><th class=\"n\">融资额（万元）</th></tr></thead><tbody>";
  for (const auto& y : p.pledges_by_year) {
    out += row((y.from ? y.from->ToString() : std::string("")) + " 至 " + y.to.ToString(), y);
  }
  out += "<tr class=\"total\">" + row("截至 " + p.pledges.to.ToString() + " 累计", p.pledges).substr(4);
  return out + "</tbody><caption>含各类专利、已解除的质押；多件专利共用一笔合同时按件均摊。</caption></table>";
}

}  // namespace

std::string RenderReportPage(const PageData& p) {
  const auto& h = p.headline;
  const std::string name = Escape(h.name.value_or(h.region.value_or("")));
  std::string pop = h.population_year ? std::to_string(*h.population_year) + " 年末常住人口"
                                      : (h.population ? "第七次全国人口普查常住人口" : "未知");
  std::string out =
      "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>" +
      name + " 高价值发明专利统计报告 " + h.as_of.ToString() + "</title><style>" + kStyle +
      "</style></head><body><main>";
  out += "<header class=\"top\"><h1>" + name +
         " 高价值发明专利统计报告</h1><div class=\"meta\">统计日期 <b id=\"as-of\">" + h.as_of.ToString() +
         "</b> · 地区代码 " + h.region.value_or("000000") + " · 人口口径 <span id=\"population-year\">" + pop +
         "</span> · 规则指纹 <code id=\"fingerprint\">" + p.fingerprint + "</code></div></header>";
  out += Headline(p);
  if (!p.children.empty()) out += Children(p);
  out += Rules(p) + Industries(p) + Holders(p) + Targets(p) + Outlook(p) + Series(p) + Pledges(p);
  out +=
      "<footer>高价值发明专利：有效发明专利中符合五类情形之一者（战略性新兴产业、海外同族、维持十年以上、"
      "质押融资、获奖）。每万人口指标 = 专利数 × 10000 ÷ 常住人口。由 hvpat 依据专利数据与规则目录生成；"
      "规则指纹标识所用规则文件。</footer></main><script>" +
      std::string(kScript) + "</script></body></html>\n";
  return out;
}

}  // namespace hvpat::report
