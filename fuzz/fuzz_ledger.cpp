// libFuzzer target: an office's ledger CSV (model::load_ledger_csv), checked against the shipped
// Chi Lăng communes, the as-of date and the agent groups of scenarios/chi_lang_2018_ledger.toml.
// sim::ParseError is the documented answer to a bad ledger; any other exception, crash,
// sanitizer report or hang is a bug, and so is an accepted ledger that breaks what the
// loader promises (rows by date, communes and groups that exist) or that the scenario cannot
// compile with.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz/fuzz_support.hpp"
#include "model/run/compiled_scenario.hpp"
#include "model/scenario/ledger.hpp"
#include "model/scenario/scenario_loader.hpp"

namespace {

// The ledger scenario as shipped: its communes, as-of date and agent groups are the context.
const model::Scenario& base() {
  static const model::Scenario s =
      model::load_scenario((fuzz::source_dir / "scenarios" / "chi_lang_2018_ledger.toml").string());
  return s;
}

void check_accepted(const model::Ledger& ledger, const model::LedgerContext& ctx) {
  const auto by_date = [](const model::LedgerEntry& a, const model::LedgerEntry& b) { return a.date < b.date; };
  if (!std::is_sorted(ledger.entries.begin(), ledger.entries.end(), by_date))
    fuzz::bug("accepted ledger's rows are not in date order");
  for (const model::LedgerEntry& e : ledger.entries) {
    if (e.date > ctx.as_of) fuzz::bug("accepted a row after the as-of date, line " + std::to_string(e.line));
    const bool has_commune = e.kind != model::LedgerKind::lapsed;
    if (has_commune && (e.commune < 0 || static_cast<std::size_t>(e.commune) >= ctx.communes->size()))
      fuzz::bug("accepted a row with commune index " + std::to_string(e.commune) + ", line " + std::to_string(e.line));
    if (e.kind == model::LedgerKind::agent &&
        (e.agent_group < 0 || static_cast<std::size_t>(e.agent_group) >= ctx.agent_groups.size()))
      fuzz::bug("accepted an agent with group index " + std::to_string(e.agent_group));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const model::Scenario& s = base();
  model::LedgerContext ctx{s.start, &s.communes, {}};
  for (const model::AgentGroup& g : s.agents) ctx.agent_groups.push_back(g.name);
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  try {
    model::Ledger ledger = model::load_ledger_csv(in, "fuzz-ledger.csv", ctx);
    check_accepted(ledger, ctx);
    // The scenario with this ledger, as the loader would make it (read_ledger).
    model::Scenario with = s;
    with.enrolled_at_start = ledger.enrolled();
    with.ledger = std::move(ledger);
    const model::CompiledScenario cs(with);
  } catch (const sim::ParseError&) {
  } catch (const std::exception& e) {
    fuzz::unexpected(e);
  }
  return 0;
}
