// Resumable batches, with real kills: the outreach binary runs as a child process, is killed
// (SIGKILL) once its journal shows some progress, and is started again with the same command;
// its files must then be those of a run that was never interrupted. Each command runs in its
// own folder with the same relative --out, so the command lines, and hence the manifests, match.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "model/run/replication_record.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "sim/io/crc32c.hpp"
#include "sim/journal.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/resume_support.hpp"
#include "tests/support/run_binary.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using namespace test_support;

TEST_CASE("A run killed at the start, early and late, then run again, ends with the files of an uninterrupted run") {
  Scratch tmp;
  const Args args{"run", shipped("scenarios/examples/minimal.toml"), "-n", scaled_text(8000), "--threads", "2",
                  "--events", "2", "--quiet", "--out", "res"};
  const auto ref = run_in(args, tmp.path / "ref");
  INFO(ref.err);
  REQUIRE(ref.status == 0);
  REQUIRE(ref.err.empty());  // a run that meets no journal says nothing about one

  const fs::path cwd = tmp.path / "killed", journal = cwd / ".res.journal";
  std::uint64_t kept = 0;
  for (const std::uint64_t at : {scaled(0), scaled(30), scaled(1000)}) {  // 0: as soon as the journal exists
    // Each later child must add records of its own before it is killed.
    const std::uint64_t wait_for = at == 0 ? 0 : std::max(at, kept + 1);
    kept = kill_after(args, cwd, journal, wait_for);
    CHECK(kept >= wait_for);
    CHECK(kept < scaled(8000));
    CHECK_FALSE(fs::exists(cwd / "res"));  // no half-populated results folder
  }
  const auto last = run_in(args, cwd);
  INFO(last.err);
  REQUIRE(last.status == 0);
  CHECK_THAT(last.err, Contains("outreach run: resuming from .res.journal: " + std::to_string(kept) +
                                " replications already done"));
  CHECK(last.out == ref.out);
  require_same_results(tmp.path / "ref" / "res", cwd / "res");
  require_clean(cwd);
}

TEST_CASE("A torn journal tail or a corrupted record is detected, and what it held is run again") {
  Scratch tmp;
  const Args args{"run", shipped("scenarios/examples/minimal.toml"), "-n", scaled_text(3000), "--threads", "2",
                  "--events", "1", "--quiet", "--out", "res"};
  REQUIRE(run_in(args, tmp.path / "ref").status == 0);
  const fs::path cwd = tmp.path / "damaged", journal = cwd / ".res.journal";
  REQUIRE(kill_after(args, cwd, journal, scaled(300)) >= scaled(300));
  const std::uint64_t bad = scaled(100);
  const auto offsets = sim::scan_journal(journal).record_offsets;
  std::uint64_t trusted = 0;
  std::string damage;
  SECTION("torn tail: the last record cut in half, as a crash mid-write leaves it") {
    fs::resize_file(journal, offsets.back() + 20);
    trusted = offsets.size() - 1;
    damage = "torn tail: record " + std::to_string(trusted) + " at byte " + std::to_string(offsets.back());
  }
  SECTION("a flipped byte in a record well before the end") {
    std::fstream f(journal, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(static_cast<std::streamoff>(offsets[bad] + 8 + 30));
    char c = 0;
    f.read(&c, 1);
    f.seekp(static_cast<std::streamoff>(offsets[bad] + 8 + 30));
    f.put(static_cast<char>(c ^ 0x01));
    trusted = bad;
    damage = "record " + std::to_string(bad) + " at byte " + std::to_string(offsets[bad]) +
             " is corrupted (CRC-32C mismatch)";
  }
  const auto last = run_in(args, cwd);
  INFO(last.err);
  REQUIRE(last.status == 0);
  CHECK_THAT(last.err, Contains(".res.journal: " + damage));
  CHECK_THAT(last.err, Contains("resuming from .res.journal: " + std::to_string(trusted) + " replications"));
  require_same_results(tmp.path / "ref" / "res", cwd / "res");
  require_clean(cwd);
}

TEST_CASE("A resumed run takes the journal's results rather than re-running them") {
  Scratch tmp;
  const Args args{"run", shipped("scenarios/examples/minimal.toml"), "-n", scaled_text(3000), "--threads", "2",
                  "--events", "1", "--quiet", "--out", "res"};
  const fs::path journal = tmp.path / ".res.journal";
  const auto offsets = (kill_after(args, tmp.path, journal, scaled(300)), sim::scan_journal(journal).record_offsets);
  // Forge replication 5's final count, with a valid CRC: a run that re-ran replication 5
  // would not show it.
  const std::string bytes = read_file(journal);
  const auto u8 = [&](std::uint64_t from, std::uint64_t to) {
    return std::vector<std::uint8_t>(bytes.begin() + static_cast<std::ptrdiff_t>(from),
                                     bytes.begin() + static_cast<std::ptrdiff_t>(to));
  };
  const model::Scenario s = model::load_scenario(shipped("scenarios/examples/minimal.toml"));
  auto results = model::decode_replication_record(u8(offsets[5] + 8, offsets[6]), 5, {&s});
  results[0].final_count = 999;
  const std::vector<std::uint8_t> payload = model::encode_replication_record(5, results);
  std::vector<std::uint8_t> frame(8);
  const auto length = static_cast<std::uint32_t>(payload.size());
  std::memcpy(frame.data(), &length, 4);
  sim::Crc32c crc;
  crc.update(std::span(frame).first(4));
  crc.update(payload);
  const std::uint32_t sum = crc.value();
  std::memcpy(frame.data() + 4, &sum, 4);
  {
    std::ofstream out(journal, std::ios::binary | std::ios::trunc);
    out << bytes.substr(0, offsets[5]);
    out.write(reinterpret_cast<const char*>(frame.data()), 8);
    out.write(reinterpret_cast<const char*>(payload.data()), static_cast<std::streamsize>(payload.size()));
    out << bytes.substr(offsets[6]);
  }
  REQUIRE(run_in(args, tmp.path).status == 0);
  CHECK_THAT(read_file(tmp.path / "res" / "replications.csv"), Contains("\r\n5,999,0,"));
}

TEST_CASE("A journal of another seed or another --set is not reused: the run starts afresh and says why") {
  Scratch tmp;
  const Args base{"run", shipped("scenarios/examples/minimal.toml"), "-n", scaled_text(3000), "--threads", "2",
                  "--events", "0", "--quiet", "--out", "res"};
  Args other_seed = base;
  other_seed.insert(other_seed.end(), {"--seed", "7"});
  Args other_set = other_seed;
  other_set.insert(other_set.end(), {"--set", "walk_in.per_day=0.6"});
  const fs::path cwd = tmp.path / "changed", journal = cwd / ".res.journal";

  // Killed with the default seed, started again with seed 7.
  const std::uint64_t left = kill_after(base, cwd, journal, scaled(300));
  auto last = run_in(other_seed, cwd);
  REQUIRE(last.status == 0);
  CHECK_THAT(last.err, Contains(".res.journal holds " + std::to_string(left) +
                                " replications of another batch (seed 20180905, now 7)") &&
                           Contains("starting afresh"));
  REQUIRE(run_in(other_seed, tmp.path / "ref-seed").status == 0);
  require_same_results(tmp.path / "ref-seed" / "res", cwd / "res");

  // Killed with seed 7, started again with an override.
  kill_after(other_seed, cwd, journal, scaled(300));
  last = run_in(other_set, cwd);
  REQUIRE(last.status == 0);
  CHECK_THAT(last.err, Contains("of another batch (another scenario") && Contains("starting afresh"));
  REQUIRE(run_in(other_set, tmp.path / "ref-set").status == 0);
  require_same_results(tmp.path / "ref-set" / "res", cwd / "res");
}

TEST_CASE("Batches run to a --precision resume after a kill and stop at the same replication") {
  Scratch tmp;
  // P(met) near one half needs about 2,400 replications (24 batches of 100) for ±0.02, or
  // about 270 (27 batches of 10) for ±0.06.
  const Args args{"run", shipped("scenarios/examples/minimal.toml"), "--set", "scenario.target=59",
                  "-n", scaled_text(100), "--precision", scaled(10) == 10 ? "0.02" : "0.06",
                  "--max-replications", scaled_text(5000), "--events", "1", "--quiet", "--out", "res"};
  const auto ref = run_in(args, tmp.path / "ref");
  REQUIRE(ref.status == 0);
  REQUIRE_THAT(ref.out, Contains("precision: reached"));
  const fs::path cwd = tmp.path / "killed";
  const std::uint64_t left = kill_after(args, cwd, cwd / ".res.journal", scaled(1000));
  const auto last = run_in(args, cwd);
  REQUIRE(last.status == 0);
  CHECK_THAT(last.err, Contains(std::to_string(left) + " replications already done"));
  CHECK(last.out == ref.out);
  require_same_results(tmp.path / "ref" / "res", cwd / "res");
}

TEST_CASE("outreach compare resumes after a kill and ends with the files of an uninterrupted comparison") {
  Scratch tmp;
  // A second plan beside the shipped minimal one: more walk-ins (data files are found beside
  // the program).
  const fs::path more = tmp.path / "more_walk_ins.toml";
  std::ofstream(more) << "[scenario]\nname = \"more walk-ins\"\nstart = 2018-09-05\nend = 2018-12-31\n"
                         "target = 232\n\n[walk_in]\nper_day = 0.8\n";
  const Args args{"compare", shipped("scenarios/examples/minimal.toml"), more.string(), "-n", scaled_text(2000),
                  "--threads", "2", "--events", "1", "--quiet", "--out", "res"};
  const auto ref = run_in(args, tmp.path / "ref");
  INFO(ref.err);
  REQUIRE(ref.status == 0);
  const fs::path cwd = tmp.path / "killed";
  const std::uint64_t left = kill_after(args, cwd, cwd / ".res.journal", scaled(500));
  const auto last = run_in(args, cwd);
  REQUIRE(last.status == 0);
  CHECK_THAT(last.err, Contains("outreach compare: resuming from .res.journal: " + std::to_string(left)));
  CHECK(last.out == ref.out);
  for (const char* f : {"comparison.csv", "differences.csv", "plans/minimal/summary.csv",
                        "plans/more_walk_ins/events/replication-000000.log"})
    CHECK(fs::exists(cwd / "res" / f));
  require_same_results(tmp.path / "ref" / "res", cwd / "res");
  require_clean(cwd);
}

TEST_CASE("A killed run leaves earlier results whole, and puts back those a killed swap had moved aside") {
  Scratch tmp;
  const Args first{"run", shipped("scenarios/examples/minimal.toml"), "-n", "50", "--quiet", "--out", "res"};
  REQUIRE(run_in(first, tmp.path).status == 0);
  std::map<std::string, std::string> before;
  for (const std::string& f : files_in(tmp.path / "res")) before[f] = read_file(tmp.path / "res" / f);
  const auto unchanged = [&] {
    std::map<std::string, std::string> now;
    for (const std::string& f : files_in(tmp.path / "res")) now[f] = read_file(tmp.path / "res" / f);
    return now == before;
  };
  // Far more replications than are ever run: the child is killed a few hundred in, and must not
  // finish first while a loaded machine keeps the test from looking at its journal.
  const Args second{"run", shipped("scenarios/examples/minimal.toml"), "-n", scaled_text(300'000), "--seed", "3",
                    "--quiet", "--out", "res"};
  const std::uint64_t left = kill_after(second, tmp.path, tmp.path / ".res.journal", scaled(300));
  CHECK(unchanged());
  // A run killed between the two renames of a file system without an atomic swap leaves the
  // previous results under a hidden name and no results folder.
  fs::rename(tmp.path / "res", tmp.path / ".res.old-12345");
  kill_after(second, tmp.path, tmp.path / ".res.journal", left + scaled(300));  // well under way
  CHECK(unchanged());
  CHECK_FALSE(fs::exists(tmp.path / ".res.old-12345"));
}

TEST_CASE("A second run into a folder that a running batch is writing is refused, and changes nothing") {
  Scratch tmp;
  const Args args{"run", shipped("scenarios/examples/minimal.toml"), "-n", "1000000", "--events", "0",
                  "--quiet", "--out", "res"};
  const fs::path journal = tmp.path / ".res.journal";
  OutreachChild first(args, tmp.path);
  while (first.running() && journal_records(journal) < 10) ::usleep(200);
  REQUIRE(first.running());
  const auto second = test_support::run_outreach(
      "run '" + shipped("scenarios/examples/minimal.toml") + "' -n 1000000 --quiet --out '" +
          (tmp.path / "res").string() + "'",
      tmp.path / "second");
  CHECK(second.status == 1);
  CHECK_THAT(second.err, Contains(".res.journal: in use by another process"));
  CHECK(first.running());  // its staging folder was not swept away from under it
  REQUIRE(first.kill());
  CHECK(journal_records(journal) >= 10);
}

TEST_CASE("SIGINT or SIGTERM stops a batch within a second or two, keeps what was done, and says how to resume") {
  Scratch tmp;
  for (const int signo : {SIGINT, SIGTERM}) {
    const std::string name = signo == SIGINT ? "SIGINT" : "SIGTERM";
    INFO(name);
    const fs::path cwd = tmp.path / name, journal = cwd / ".res.journal";
    const std::string total = scaled_text(400'000);
    const Args args{"run", shipped("scenarios/examples/minimal.toml"), "-n", total, "--threads", "2", "--quiet",
                    "--out", "res"};
    const Interrupted stopped = interrupt_after(args, cwd, journal, scaled(2000), signo);
    INFO(stopped.err);
    CHECK(stopped.status == 128 + signo);
    CHECK(stopped.seconds < 2.0);
    // What was finished is in the journal, and the message says so.
    const std::string done = std::to_string(journal_records(journal));
    CHECK_THAT(stopped.err,
               Contains("outreach run: interrupted (" + name + ") after " + done + " of " + total + " replications"));
    CHECK_THAT(stopped.err, Contains("run the same command again to resume from replication " + done));
    CHECK(journal_records(journal) >= scaled(2000));
    require_only_journal(cwd);
  }
}
