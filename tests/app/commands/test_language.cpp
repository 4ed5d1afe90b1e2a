// --lang vi|en and OUTREACH_LANG, run as a user runs them: the Vietnamese summary of a run, its
// report.html, and the mistakes (README, "Running a plan").
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "tests/support/run_binary.hpp"

namespace fs = std::filesystem;
using test_support::read_file;
using test_support::run_outreach;
using test_support::Scratch;

namespace {

const std::string plan = "run scenarios/chi_lang_2018_plan.toml -n 40 --events 0 --quiet ";

std::string out_option(const fs::path& dir) { return "--out '" + dir.string() + "' "; }

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The lines a Vietnamese run summary must have: the glossary's words, Vietnamese dates and the
// cost grouped with dots (the plan's cost is in the hundreds of millions of đồng).
void check_vietnamese_summary(const std::string& out) {
  CHECK(has(out, "Xác suất đạt chỉ tiêu"));
  CHECK(has(out, "chỉ tiêu 232 người đến 31/12/2018"));
  CHECK(has(out, "lần mô phỏng"));
  CHECK(has(out, "đồng cho mỗi người tham gia mới"));
  CHECK(has(out, "Kết quả lưu tại"));
  CHECK(!has(out, "P(target met)"));
  const auto cost = out.find("Chi phí bình quân");
  REQUIRE(cost != std::string::npos);
  const std::string line = out.substr(cost, out.find('\n', cost) - cost);
  INFO(line);
  CHECK(line.find_first_of("0123456789") != std::string::npos);
  CHECK(has(line, "."));  // thousands
}

}  // namespace

TEST_CASE("outreach run --lang vi prints its summary in Vietnamese, numbers and dates as Vietnam writes them") {
  Scratch tmp;
  const auto r = run_outreach(plan + out_option(tmp.path / "vi") + "--lang vi", tmp.path);
  INFO(r.err);
  REQUIRE(r.status == 0);
  check_vietnamese_summary(r.out);
  // The CSVs stay English, with '.' decimals.
  CHECK(read_file(tmp.path / "vi" / "summary.csv").rfind("scenario,replications,seed,target,p_met", 0) == 0);
}

TEST_CASE("OUTREACH_LANG=vi chooses Vietnamese too, and --lang en overrides it") {
  Scratch tmp;
  const auto vi = run_outreach(plan + out_option(tmp.path / "vi"), tmp.path, "env OUTREACH_LANG=vi");
  INFO(vi.err);
  REQUIRE(vi.status == 0);
  check_vietnamese_summary(vi.out);
  const auto en = run_outreach(plan + out_option(tmp.path / "en") + "--lang en", tmp.path, "env OUTREACH_LANG=vi");
  REQUIRE(en.status == 0);
  CHECK(has(en.out, "  P(target met)     "));
  CHECK(has(en.out, "target 232 by 2018-12-31"));
}

TEST_CASE("The English summary is unchanged by the message table") {
  Scratch tmp;
  const auto r = run_outreach(plan + out_option(tmp.path / "en"), tmp.path, "env -u OUTREACH_LANG");
  REQUIRE(r.status == 0);
  CHECK(has(r.out, "  P(target met)     "));
  CHECK(has(r.out, "  final count       median "));
  CHECK(has(r.out, "  mean shortfall    "));
  CHECK(has(r.out, " VND per new member)\n"));
  CHECK(has(r.out, "  results in "));
}

TEST_CASE("An unknown language exits 2 naming the option, what it expects and what it found") {
  Scratch tmp;
  for (const char* command : {"run scenarios/chi_lang_2018_plan.toml", "check scenarios/chi_lang_2018_plan.toml",
                              "plot results/none", "sweep scenarios/chi_lang_2018_plan.toml"}) {
    INFO(command);
    const auto r = run_outreach(std::string(command) + " --lang fr", tmp.path);
    CHECK(r.status == 2);
    CHECK(has(r.err, "--lang: expected vi or en, found \"fr\""));
  }
  const auto env = run_outreach("check scenarios/chi_lang_2018_plan.toml", tmp.path, "env OUTREACH_LANG=de");
  CHECK(env.status == 2);
  CHECK(has(env.err, "OUTREACH_LANG: expected vi or en, found \"de\""));
}

TEST_CASE("Every command's --help lists --lang") {
  Scratch tmp;
  for (const char* command : {"run", "check", "compare", "plot", "replay", "diff", "sweep", "sensitivity", "optimize",
                              "calibrate"}) {
    INFO(command);
    const auto r = run_outreach(std::string(command) + " --help", tmp.path);
    CHECK(r.status == 0);
    CHECK(has(r.out, "--lang"));
  }
}

TEST_CASE("report.html of a run with --lang vi is Vietnamese: lang=\"vi\", the verdict, the headings") {
  Scratch tmp;
  const fs::path dir = tmp.path / "vi";
  const auto r = run_outreach(plan + out_option(dir) + "--lang vi --plot", tmp.path);
  INFO(r.err);
  REQUIRE(r.status == 0);
  const std::string report = read_file(dir / "report.html");
  CHECK(has(report, "<html lang=\"vi\">"));
  CHECK(has(report, "<h2>Câu trả lời</h2>"));
  CHECK(has(report, "Xác suất đạt chỉ tiêu: <strong>"));
  CHECK(has(report, "Đạt chỉ tiêu ở "));
  CHECK((has(report, "Gần như chắc chắn đạt.") || has(report, "Nhiều khả năng đạt.")));  // the plan's P(met) is high
  CHECK(has(report, "31/12/2018"));
  CHECK(!has(report, "The answer"));
  CHECK(has(read_file(dir / "fan.svg"), "thời hạn 31/12/2018"));
  CHECK(has(read_file(dir / "final.gp"), "set ylabel 'số lần mô phỏng'"));
}
