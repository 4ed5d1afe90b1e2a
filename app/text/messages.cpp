#include "app/text/messages.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace app::text {
namespace {

// Each id's English and Vietnamese text, in the enum's order. The English is what outreach
// printed before it spoke Vietnamese, byte for byte: tests and golden files compare it.
constexpr std::array<MessageText, static_cast<std::size_t>(Msg::count_)> table{{
    {Msg::run_heading, "{name}: target {target} by {end}, {enrolled} at {start} ({replications} replications, seed {seed})\n",
     "{name}: chỉ tiêu {target} người đến {end}, {enrolled} người tham gia ngày {start} ({replications} lần mô phỏng, seed {seed})\n"},
    {Msg::run_p_met, "  P(target met)     {p} %  (95 % interval {lo} – {hi} %)\n",
     "  Xác suất đạt chỉ tiêu   {p} %  (khoảng tin cậy 95 %: {lo} – {hi} %)\n"},
    {Msg::run_final_count, "  final count       median {median}, 90 % band {p05} – {p95}, mean {mean}\n",
     "  Số người tại thời hạn   trung vị {median}, khoảng 90 %: {p05} – {p95}, trung bình {mean}\n"},
    {Msg::run_shortfall, "  mean shortfall    {shortfall} people; decisions pending at the deadline {pending}\n",
     "  Thiếu hụt bình quân     {shortfall} người; hồ sơ còn chờ quyết định tại thời hạn {pending}\n"},
    {Msg::run_cost, "  mean cost         {cost} VND ({per} VND per new member)\n",
     "  Chi phí bình quân       {cost} đồng ({per} đồng cho mỗi người tham gia mới)\n"},
    {Msg::run_uncertain, "  uncertain         {count} parameters drawn anew in each replication (replications.csv):",
     "  Tham số bất định        {count} tham số được rút lại trong mỗi lần mô phỏng (replications.csv):"},
    {Msg::run_results_in, "  results in {dir}/\n", "  Kết quả lưu tại {dir}/\n"},
    {Msg::progress_terminal, "[{bar}] {done}/{total} replications  {rate}/s  {left} s left  {estimate}",
     "[{bar}] {done}/{total} lần mô phỏng  {rate}/giây  còn {left} giây  {estimate}"},
    {Msg::progress_plain, "progress: {done}/{total} replications, {rate}/s, {left} s left, {estimate}\n",
     "tiến độ: {done}/{total} lần mô phỏng, {rate}/giây, còn {left} giây, {estimate}\n"},
    {Msg::progress_estimate_p_met, "P(met) {p}", "xác suất đạt {p}"},
    {Msg::report_question_heading, "The question", "Câu hỏi"},
    {Msg::report_question,
     "Will the office reach its target of <strong>{target}</strong> by <strong>{deadline}</strong>? Scenario: {scenario}.",
     "BHXH huyện có đạt chỉ tiêu <strong>{target}</strong> người tham gia đến ngày <strong>{deadline}</strong> không? "
     "Kịch bản: {scenario}."},
    {Msg::report_answer_heading, "The answer", "Câu trả lời"},
    {Msg::report_answer, "<strong>{verdict}</strong> The target is met in {p} of {n} simulated replications.",
     "<strong>{verdict}</strong> Đạt chỉ tiêu ở {p} trong số {n} lần mô phỏng."},
    {Msg::report_p_met_item, "P(target met): <strong>{p}</strong>, 95 % interval {interval}.",
     "Xác suất đạt chỉ tiêu: <strong>{p}</strong>, khoảng tin cậy 95 %: {interval}."},
    {Msg::report_final_item, "Final count at the deadline: median <strong>{median}</strong>, 90 % band {band}, mean {mean}.",
     "Số người tham gia tại thời hạn: trung vị <strong>{median}</strong>, khoảng 90 %: {band}, trung bình {mean}."},
    {Msg::report_shortfall_item, "Mean shortfall: {n} people.", "Số còn thiếu so với chỉ tiêu (bình quân): {n} người."},
    {Msg::report_pending_item,
     "Decisions still pending at the deadline: {n} on average (they do not count towards the target).",
     "Hồ sơ còn chờ quyết định tại thời hạn: bình quân {n} (không được tính vào chỉ tiêu)."},
    {Msg::report_cost_item, "Mean cost {cost} VND: <strong>{per} VND per new member</strong>.",
     "Chi phí bình quân {cost} đồng: <strong>{per} đồng cho mỗi người tham gia mới</strong>."},
    {Msg::report_plan_heading, "The plan", "Kế hoạch"},
    {Msg::report_charts_heading, "Charts", "Biểu đồ"},
    {Msg::report_communes_heading, "New members by commune and channel (means over the replications)",
     "Người tham gia mới theo xã và kênh (bình quân các lần mô phỏng)"},
    {Msg::report_funnel_heading, "Funnel by channel (means over the replications)",
     "Kết quả vận động theo kênh (bình quân các lần mô phỏng)"},
    {Msg::report_costs_heading, "Costs (means over the replications, VND)",
     "Chi phí (bình quân các lần mô phỏng, đồng)"},
    {Msg::report_provenance_heading, "Provenance (manifest.json)", "Nguồn gốc kết quả (manifest.json)"},
    {Msg::report_footer, "Written by <code>outreach plot</code>. Formats: results/README.md.",
     "Tạo bởi <code>outreach plot</code>. Định dạng các tệp: results/README.md."},
    {Msg::verdict_almost_certainly, "Almost certainly.", "Gần như chắc chắn đạt."},
    {Msg::verdict_likely, "Likely.", "Nhiều khả năng đạt."},
    {Msg::verdict_more_likely_than_not, "More likely than not.", "Khả năng đạt cao hơn khả năng không đạt."},
    {Msg::verdict_unlikely, "Unlikely.", "Khó đạt."},
    {Msg::verdict_very_unlikely, "Very unlikely.", "Rất khó đạt."},
    {Msg::verdict_almost_certainly_not, "Almost certainly not.", "Gần như chắc chắn không đạt."},
    {Msg::plan_scenario, "scenario", "kịch bản"},
    {Msg::plan_scenario_file, "scenario file", "tệp kịch bản"},
    {Msg::plan_count_as_of, "count as of", "số liệu tính đến ngày"},
    {Msg::plan_deadline, "deadline", "thời hạn"},
    {Msg::plan_target, "target (people)", "chỉ tiêu (người)"},
    {Msg::plan_replications, "replications", "số lần mô phỏng"},
    {Msg::plan_seed, "seed", "seed (hạt giống ngẫu nhiên)"},
    {Msg::plan_mean_cost, "mean cost (VND)", "chi phí bình quân (đồng)"},
    {Msg::plan_cost_per_member, "cost per new member (VND)", "chi phí cho mỗi người tham gia mới (đồng)"},
    {Msg::table_commune, "commune", "xã"},
    {Msg::table_all_channels, "all channels", "tất cả các kênh"},
    {Msg::table_all_communes, "all communes", "tất cả các xã"},
    {Msg::chart_fan_caption,
     "Cumulative count by day: median, 50 % and 90 % bands of the replications; target and deadline.",
     "Số người tham gia lũy kế theo ngày: trung vị, khoảng 50 % và 90 % của các lần mô phỏng; chỉ tiêu và thời hạn."},
    {Msg::chart_fan_title, "P(target met) {p} (95 % interval {lo} – {hi}), {replications}",
     "Xác suất đạt chỉ tiêu {p} (khoảng tin cậy 95 % {lo} – {hi}), {replications}"},
    {Msg::chart_date_axis, "date ({years})", "ngày ({years})"},
    {Msg::chart_members_axis, "members (people)", "người tham gia (người)"},
    {Msg::chart_band_90, "90 % band (p05–p95)", "khoảng 90 % (p05–p95)"},
    {Msg::chart_band_50, "50 % band (p25–p75)", "khoảng 50 % (p25–p75)"},
    {Msg::chart_median, "median", "trung vị"},
    {Msg::chart_target, "target {n}", "chỉ tiêu {n}"},
    {Msg::chart_deadline, "deadline {date}", "thời hạn {date}"},
    {Msg::chart_replications, "{n} replications", "{n} lần mô phỏng"},
    {Msg::chart_final_caption, "Final count at the deadline over the replications; the dashed line is the target.",
     "Số người tham gia tại thời hạn qua các lần mô phỏng; đường nét đứt là chỉ tiêu."},
    {Msg::chart_final_title, "final count at the deadline, {replications}: target met in {p}",
     "số người tham gia tại thời hạn, {replications}: đạt chỉ tiêu ở {p}"},
    {Msg::chart_final_axis, "final count (people)", "số người tham gia tại thời hạn (người)"},
    {Msg::chart_final_axis_bins, "final count (people, bins of {width})",
     "số người tham gia tại thời hạn (người, nhóm {width})"},
    {Msg::chart_replications_axis, "replications", "số lần mô phỏng"},
    {Msg::chart_missed, "missed the target ({k} of {n})", "không đạt chỉ tiêu ({k} trong {n})"},
    {Msg::chart_met, "met the target ({k} of {n})", "đạt chỉ tiêu ({k} trong {n})"},
    {Msg::chart_channels_caption, "Mean new members per channel (breakdown.csv summed over communes and classes).",
     "Người tham gia mới bình quân theo kênh (breakdown.csv cộng qua các xã và nhóm hộ)."},
    {Msg::chart_channels_title, "mean new members per channel, {replications} (total {total})",
     "người tham gia mới bình quân theo kênh, {replications} (tổng {total})"},
    {Msg::chart_mean_members_axis, "mean new members (people)", "người tham gia mới bình quân (người)"},
    {Msg::chart_communes_caption, "Mean new members per commune, all channels and classes.",
     "Người tham gia mới bình quân theo xã, mọi kênh và nhóm hộ."},
    {Msg::chart_communes_title, "mean new members per commune, {replications}",
     "người tham gia mới bình quân theo xã, {replications}"},
}};

std::string id_name(std::size_t i) { return "message " + std::to_string(i); }

// Problems of one entry expected at position i.
void check_entry(const MessageText& m, std::size_t i, std::vector<std::string>& problems) {
  if (static_cast<std::size_t>(m.id) != i)
    problems.push_back(id_name(i) + ": the table holds " + id_name(static_cast<std::size_t>(m.id)) + " here");
  if (m.en.empty()) problems.push_back(id_name(i) + ": no English text");
  if (m.vi.empty()) problems.push_back(id_name(i) + ": no Vietnamese text");
  if (placeholders(m.en) != placeholders(m.vi))
    problems.push_back(id_name(i) + ": the English and Vietnamese texts have different placeholders");
}

}  // namespace

std::span<const MessageText> message_table() { return table; }

std::vector<std::string> check_table(std::span<const MessageText> t, std::size_t ids) {
  std::vector<std::string> problems;
  if (t.size() != ids)
    problems.push_back("the table has " + std::to_string(t.size()) + " entries for " + std::to_string(ids) + " ids");
  for (std::size_t i = 0; i < t.size(); ++i) check_entry(t[i], i, problems);
  return problems;
}

std::vector<std::string> placeholders(std::string_view text) {
  std::vector<std::string> names;
  for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
    const std::size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    names.emplace_back(text.substr(open + 1, close - open - 1));
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::string say(Language language, Msg id, std::span<const Arg> args) {
  const MessageText& m = table.at(static_cast<std::size_t>(id));
  const std::string_view text = language == Language::vi ? m.vi : m.en;
  std::string out;
  std::size_t from = 0;
  for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', from)) {
    const std::size_t close = text.find('}', open);
    const std::string_view name = text.substr(open + 1, close - open - 1);
    const auto arg = std::find_if(args.begin(), args.end(), [&](const Arg& a) { return a.name == name; });
    if (arg == args.end()) throw std::logic_error(id_name(static_cast<std::size_t>(id)) + ": no value for {" + std::string(name) + "}");
    out.append(text.substr(from, open - from)).append(arg->value);
    from = close + 1;
  }
  return out.append(text.substr(from));
}

std::string say(Language language, Msg id, std::initializer_list<Arg> args) {
  return say(language, id, std::span<const Arg>(args.begin(), args.size()));
}

std::string say(Msg id, std::initializer_list<Arg> args) { return say(current_language(), id, args); }

}  // namespace app::text
