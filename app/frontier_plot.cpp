#include "app/frontier_plot.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "sim/csv.hpp"

extern char** environ;

namespace app {
namespace {

namespace fs = std::filesystem;

// A gnuplot string literal in single quotes (no escapes, no command substitution).
std::string quote(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("''") : static_cast<unsigned char>(c) < 0x20 ? " " : std::string(1, c);
  return out + "'";
}

// A data-block field: double-quoted, no tab, newline or double quote inside.
std::string field(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? '\'' : static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
  return out + "\"";
}

std::optional<fs::path> find_gnuplot() {
  const char* path = std::getenv("PATH");
  if (!path) return std::nullopt;
  std::string rest = path;
  for (;;) {
    const auto colon = rest.find(':');
    const fs::path candidate = fs::path(rest.substr(0, colon).empty() ? "." : rest.substr(0, colon)) / "gnuplot";
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) return fs::absolute(candidate);
    if (colon == std::string::npos) return std::nullopt;
    rest = rest.substr(colon + 1);
  }
}

bool starts_with_bytes(const fs::path& p, const std::string& head) {
  std::ifstream in(p, std::ios::binary);
  std::string got(head.size(), '\0');
  return in.read(got.data(), static_cast<std::streamsize>(got.size())) && got == head;
}

}  // namespace

std::string frontier_script(const std::string& title, const std::vector<FrontierPoint>& points, double confidence,
                            std::optional<double> budget) {
  // Costs in millions of VND, for readable axes.
  std::string data = "$candidates << EOD\n", frontier = "$frontier << EOD\n", chosen = "$chosen << EOD\n";
  // The frontier is drawn as a line: its points by cost.
  std::vector<const FrontierPoint*> by_cost;
  for (const FrontierPoint& p : points) by_cost.push_back(&p);
  std::stable_sort(by_cost.begin(), by_cost.end(), [](auto* a, auto* b) { return a->cost < b->cost; });
  for (const FrontierPoint* q : by_cost) {
    const FrontierPoint& p = *q;
    const std::string row = sim::format_decimal(p.cost / 1e6, 6) + "\t" + sim::format_decimal(p.p, 6) + "\t" +
                            sim::format_decimal(p.lo, 6) + "\t" + sim::format_decimal(p.hi, 6) + "\t" +
                            field(p.label) + "\t" + (p.over_budget ? "1" : "0") + "\n";
    data += row;
    if (p.pareto) frontier += row;
    if (p.chosen) chosen += row;
  }
  data += "EOD\n";
  frontier += "EOD\n";
  chosen += "EOD\n";
  std::string s = "# Drawn by outreach optimize; \"gnuplot frontier.gp\" in this folder redraws it.\n"
                  "set encoding utf8\nset datafile separator \"\\t\"\nset datafile commentschars \"\"\n";
  s += data + frontier + chosen;
  s += "set title " + quote(title) + "\n"
       "set xlabel 'mean cost (million VND)'\nset ylabel 'P(target met), 95 % interval'\n"
       "set yrange [-0.02:1.08]\nset offsets graph 0.05, graph 0.05, 0, 0\nset grid\nset key bottom right\n";
  char line[200];
  std::snprintf(line, sizeof line, "set arrow from graph 0, first %.6f to graph 1, first %.6f nohead dt 2 lc rgb 'black'\n",
                confidence, confidence);
  s += line;
  if (budget) {
    std::snprintf(line, sizeof line, "set arrow from first %.6f, graph 0 to first %.6f, graph 1 nohead dt 3 lc rgb '#aa3333'\n",
                  *budget / 1e6, *budget / 1e6);
    s += line;
  }
  const std::string plot =
      "plot $candidates using 1:2:3:4 with yerrorbars pt 7 ps 0.6 lc rgb '#7f7f7f' title 'candidates', "
      "$frontier using 1:2 with linespoints pt 7 ps 0.8 lw 2 lc rgb '#1f77b4' title 'Pareto frontier', "
      "$chosen using 1:2 with points pt 9 ps 2.5 lc rgb '#d62728' title 'chosen', "
      "$chosen using 1:2:5 with labels left offset 1,-1.2 notitle";
  s += "set terminal pngcairo size 960,540 noenhanced font 'DejaVu Sans,11'\nset output 'frontier.png'\n" + plot +
       "\nset terminal svg size 960,540 noenhanced font 'DejaVu Sans,11' background rgb 'white'\n"
       "set output 'frontier.svg'\nreplot\nunset output\n";
  return s;
}

std::string run_frontier_script(const fs::path& relative_folder) {
  const fs::path folder = fs::absolute(relative_folder);  // the log is opened after the chdir
  const auto gnuplot = find_gnuplot();
  if (!gnuplot) return "gnuplot not found on PATH (Debian: apt-get install gnuplot-nox); frontier.gp is kept";
  const fs::path log = folder / ".frontier.log";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, folder.c_str());
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  std::string arg0 = gnuplot->string(), arg1 = "frontier.gp";
  char* argv[] = {arg0.data(), arg1.data(), nullptr};
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, gnuplot->c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return "cannot start gnuplot";
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return "waitpid failed";
  std::string why;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::ifstream in(log);
    why = "gnuplot failed on frontier.gp: " + std::string(std::istreambuf_iterator<char>(in), {});
  } else if (!starts_with_bytes(folder / "frontier.png", "\x89PNG\r\n\x1a\n") ||
             !starts_with_bytes(folder / "frontier.svg", "<?xml")) {
    why = "gnuplot did not write frontier.png and frontier.svg";
  }
  std::error_code ec;
  fs::remove(log, ec);
  return why;
}

}  // namespace app
