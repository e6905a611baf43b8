// The report page in a real browser: headless Chromium loads the file with the network
// unreachable, the test reads the rendered DOM and checks the figures against `count
// --format json` and `info`, and a screenshot is left in the build directory (a test
// artifact, not committed). Skipped where Chromium is absent (scripts/setup.sh installs it).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "support/cli_runner.h"

namespace hvpat {
namespace {

using testing::Json;
using testing::RunCli;
using testing::TempDir;

std::string Chromium() {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    if (std::system((std::string("command -v ") + name + " >/dev/null 2>&1").c_str()) == 0) return name;
  }
  return "";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs Chromium headless on `page` with every host unresolvable and a dead proxy: a page
// that needed the network would show it (and the test checks the source for URLs too).
int Browse(const std::string& chromium, const std::string& flags, const std::string& page, const std::string& out) {
  std::string command = "timeout 120 " + chromium +
                        " --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run"
                        " --proxy-server=127.0.0.1:9 --host-resolver-rules='MAP * ~NOTFOUND'"
                        " --user-data-dir=" +
                        out + ".profile " + flags + " 'file://" + page + "' > '" + out + "' 2>/dev/null";
  return std::system(command.c_str());
}

// The data-value attribute of the element with `id` in the rendered DOM.
std::string DataValue(const std::string& dom, const std::string& id) {
  std::smatch match;
  std::regex pattern("id=\"" + id + "\" data-value=\"([^\"]*)\"");
  return std::regex_search(dom, match, pattern) ? match[1].str() : "<absent>";
}

std::string JsonText(simdjson::dom::element e) { return simdjson::minify(e); }

TEST(ReportPageTest, PageIsSelfContainedAndNamesCjkFonts) {
  TempDir dir;
  const std::string db = dir / "db", page = dir / "report.html";
  auto ingest = RunCli({"ingest", "--db", db, "--rules", std::string(HVPAT_TEST_DATA_DIR) + "/analytics_rules",
                        "--as-of", "2021-12-31,2023-12-31", std::string(HVPAT_TEST_DATA_DIR) + "/analytics.ndjson"});
  ASSERT_EQ(ingest.status, 0) << ingest.err;
  ASSERT_EQ(RunCli({"report", "--db", db, "--region", "500117", "--html", page}).status, 0);
  const std::string source = ReadFile(page);
  // No link, script or font is fetched: the only URL is the SVG namespace.
  EXPECT_EQ(std::regex_replace(source, std::regex("http://www\\.w3\\.org/2000/svg"), "").find("://"),
            std::string::npos);
  EXPECT_EQ(source.find("<link"), std::string::npos);
  EXPECT_EQ(source.find("src="), std::string::npos);
  for (const char* font : {"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC"}) {
    EXPECT_NE(source.find(font), std::string::npos) << font;
  }
  EXPECT_NE(source.find("@media print"), std::string::npos);
  // A county has no sub-regions: no table of them, the other sections still there.
  EXPECT_EQ(source.find("id=\"children\""), std::string::npos);
  EXPECT_NE(source.find("合川区 高价值发明专利统计报告"), std::string::npos);
  EXPECT_NE(source.find("id=\"headline-per10k\" data-value=\"0.32\""), std::string::npos);  // 4 * 10000 / 125000
  EXPECT_EQ(RunCli({"report", "--db", db, "--html", dir / "no/such/dir/x.html"}).status, 3);
}

TEST(ReportPageTest, BrowserShowsTheFiguresOfCount) {
  const std::string chromium = Chromium();
  if (chromium.empty())
    GTEST_SKIP() << "chromium not installed (scripts/setup.sh installs it): report page not checked";
  TempDir dir;
  const std::string db = dir / "db", page = dir / "report.html";
  auto ingest = RunCli({"ingest", "--db", db, "--rules", std::string(HVPAT_TEST_DATA_DIR) + "/analytics_rules",
                        "--as-of", "2021-12-31,2023-12-31", std::string(HVPAT_TEST_DATA_DIR) + "/analytics.ndjson"});
  ASSERT_EQ(ingest.status, 0) << ingest.err;
  ASSERT_EQ(RunCli({"report", "--db", db, "--html", page}).status, 0);
  const std::string source = ReadFile(page);
  // Self-contained: no link, script or font fetched; the only URL is the SVG namespace.
  EXPECT_EQ(std::regex_replace(source, std::regex("http://www\\.w3\\.org/2000/svg"), "").find("://"),
            std::string::npos);
  EXPECT_NE(source.find("Noto Sans CJK SC"), std::string::npos);

  ASSERT_EQ(Browse(chromium, "--dump-dom", page, dir / "dom.html"), 0);
  const std::string dom = ReadFile(dir / "dom.html");
  ASSERT_NE(dom.find("高价值发明专利统计报告"), std::string::npos) << dom.substr(0, 500);
  EXPECT_NE(dom.find("data-sortable=\"ready\""), std::string::npos);  // the inline script ran

  auto count = RunCli({"count", "--db", db, "--format", "json"});
  Json c(count.out);
  ASSERT_TRUE(c.ok()) << count.out;
  EXPECT_EQ(DataValue(dom, "headline-per10k"), JsonText(c["high_value_per_10k"]));
  EXPECT_EQ(DataValue(dom, "headline-valid-per10k"), JsonText(c["valid_per_10k"]));
  EXPECT_EQ(DataValue(dom, "headline-high-value"), JsonText(c["high_value"]));
  EXPECT_EQ(DataValue(dom, "headline-valid"), JsonText(c["valid_inventions"]));
  EXPECT_EQ(DataValue(dom, "headline-population"), JsonText(c["population"]));
  std::smatch as_of;
  ASSERT_TRUE(std::regex_search(dom, as_of, std::regex("id=\"as-of\">([0-9-]+)<")));
  EXPECT_EQ("\"" + as_of[1].str() + "\"", JsonText(c["as_of"]));
  EXPECT_NE(dom.find("2023 年末常住人口"), std::string::npos);  // the population year used

  Json info(RunCli({"info", "--db", db}).out);
  std::string fingerprint(info["rules"]["fingerprint"].get_string().value());
  EXPECT_NE(dom.find("id=\"fingerprint\">" + fingerprint + "<"), std::string::npos);
  // One sub-region row per province of regions.tsv (重庆市, 四川省), and every section there.
  EXPECT_NE(dom.find("<td>500000</td><td>重庆市</td>"), std::string::npos);
  EXPECT_NE(dom.find("<td>510000</td><td>四川省</td>"), std::string::npos);
  for (const char* id : {"children", "rules", "industries", "holders", "targets", "outlook", "series", "pledges"}) {
    EXPECT_NE(dom.find(std::string("id=\"") + id + "\""), std::string::npos) << id;
  }

  const std::string shot = std::string(HVPAT_TEST_OUTPUT_DIR) + "/report_page.png";
  std::filesystem::remove(shot);
  ASSERT_EQ(Browse(chromium, "--screenshot=" + shot + " --window-size=1280,2000", page, dir / "shot.log"), 0);
  ASSERT_TRUE(std::filesystem::exists(shot));
  EXPECT_GT(std::filesystem::file_size(shot), 20000u);
}

}  // namespace
}  // namespace hvpat
