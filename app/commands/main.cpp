// outreach: forecasts and compares outreach plans for voluntary social insurance.
#include <exception>
#include <iostream>
#include <string>
#include <string_view>

#include "app/cli/interruption.hpp"
#include "app/cli/visible_console.hpp"
#include "app/commands/commands.hpp"
#include "sim/io/cancellation.hpp"
#include "sim/io/input_error.hpp"
#ifdef OUTREACH_MPI
#include "sim/mpi/mpi_world.hpp"
#endif

namespace {

constexpr std::string_view usage =
    "usage: outreach <command> [options]\n"
    "\n"
    "commands:\n"
    "  run SCENARIO      simulate a plan: probability of meeting the target, final count, cost\n"
    "  check SCENARIO    validate a scenario and print the resolved plan with every default\n"
    "  compare A B ...   compare plans on common random numbers, each against the first\n"
    "  plot DIR          draw a results folder's charts (gnuplot) and write its report.html\n"
    "  replay LOG        rebuild a saved replication's files and its state at a date from its\n"
    "                    event log (--at DATE); --verify checks the log's checksums and consistency\n"
    "  diff LOG_A LOG_B  the first event where two saved runs differ\n"
    "  sweep SCENARIO    the plan over a grid or Sobol design of keys (--vary), common random numbers\n"
    "  sensitivity SCENARIO  which uncertain parameter moves the result most (PRCC, variance shares)\n"
    "  optimize SCENARIO the cheapest plan over levers (--lever KEY=LO:HI ...) that meets the\n"
    "                    target with a chosen confidence (racing on common random numbers)\n"
    "  calibrate SCENARIO --observed FILE --fit KEY,...\n"
    "                    fit uncertain parameters to observed cumulative counts (ABC-SMC)\n"
    "\n"
    "`outreach <command> --help` describes a command's options.\n";

int run_command(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << usage;
    return app::exit_invalid;
  }
  const std::string command = argv[1];
  const app::Args args(argv + 2, argv + argc);
  // Ctrl-C from the first input read on (app/cli/interruption.hpp): sim/ polls the flag.
  const app::InterruptionGuard interruption;
  sim::set_cancellation_flag(&interruption.requested());
  struct Unset {
    ~Unset() { sim::set_cancellation_flag(nullptr); }
  } unset;
  try {
    if (command == "run") return app::cmd_run(args);
    if (command == "check") return app::cmd_check(args);
    if (command == "compare") return app::cmd_compare(args);
    if (command == "plot") return app::cmd_plot(args);
    if (command == "replay") return app::cmd_replay(args);
    if (command == "diff") return app::cmd_diff(args);
    if (command == "sweep") return app::cmd_sweep(args);
    if (command == "sensitivity") return app::cmd_sensitivity(args);
    if (command == "optimize") return app::cmd_optimize(args);
    if (command == "calibrate") return app::cmd_calibrate(args);
    if (command == "--help" || command == "-h" || command == "help") {
      std::cout << usage;
      return app::exit_ok;
    }
    if (command == "--version") {
      std::cout << "outreach " << OUTREACH_VERSION << "\n";
      return app::exit_ok;
    }
    std::cerr << "outreach: unknown command '" << command << "'\n\n" << usage;
    return app::exit_invalid;
  } catch (const sim::InputError& e) {
    // Bad input of any kind, said one way (sim/io/input_error.hpp).
    std::cerr << "outreach " << command << ": " << e.what() << "\n";
    return app::exit_invalid;
  } catch (const sim::Cancelled&) {
    return interruption.report_cancelled(command, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "outreach: " << e.what() << "\n";
    return app::exit_failure;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const app::VisibleConsole visible_console;  // no control character from the input reaches the terminal
#ifdef OUTREACH_MPI
  // Under mpirun or srun: every rank runs the command, replications are split among them
  // (sim/rank_runner.hpp), rank 0 alone writes and prints.
  sim::MpiWorld world(argc, argv);
  if (world.active() && world.size() > 1) sim::set_world(&world);
  const int status = run_command(argc, argv);
  sim::set_world(nullptr);
  return world.finish(status);
#else
  return run_command(argc, argv);
#endif
}
