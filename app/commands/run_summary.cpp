#include "app/commands/run_summary.hpp"

#include <string>

#include "app/text/messages.hpp"
#include "app/text/number_format.hpp"

namespace app {
namespace {

using text::Msg;
using text::say;

// A whole number exactly as it is (a double would round a very large target).
template <class Whole>
std::string whole_text(Whole x, text::Language l) {
  return text::localised_number(std::to_string(x), l);
}

std::string run_heading_text(const model::Scenario& s, const model::BatchSummary& b, text::Language l) {
  return say(Msg::run_heading, {{"name", s.name},
                                {"target", whole_text(s.target, l)},
                                {"end", text::date_text(s.end, l)},
                                {"enrolled", whole_text(s.enrolled_at_start, l)},
                                {"start", text::date_text(s.start, l)},
                                {"replications", whole_text(b.replications(), l)},
                                {"seed", std::to_string(s.seed)}});
}

std::string uncertain_line(const model::Scenario& s) {
  std::string line = say(Msg::run_uncertain, {{"count", std::to_string(s.uncertain.size())}});
  for (std::size_t i = 0; i < s.uncertain.size(); ++i) line += (i ? ", " : " ") + s.uncertain[i].key;
  return line + "\n";
}

}  // namespace

std::string run_summary(const model::Scenario& s, const model::BatchSummary& b) {
  const text::Language l = text::current_language();
  const auto n = [l](double x, int decimals) { return text::fixed(x, decimals, l); };
  const auto ci = b.p_met_interval();
  const auto& f = b.finals();
  std::string out = run_heading_text(s, b, l);
  out += say(Msg::run_p_met, {{"p", n(100 * b.p_met(), 1)}, {"lo", n(100 * ci.lo, 1)}, {"hi", n(100 * ci.hi, 1)}});
  out += say(Msg::run_final_count, {{"median", n(f.quantile(0.5), 0)}, {"p05", n(f.quantile(0.05), 0)},
                                    {"p95", n(f.quantile(0.95), 0)}, {"mean", n(b.final_stats().mean(), 1)}});
  out += say(Msg::run_shortfall, {{"shortfall", n(b.shortfall().mean(), 1)}, {"pending", n(b.pipeline().mean(), 1)}});
  out += say(Msg::run_cost, {{"cost", n(b.cost().mean(), 0)}, {"per", n(b.cost_per_member(), 0)}});
  if (!s.uncertain.empty()) out += uncertain_line(s);
  return out;
}

}  // namespace app
