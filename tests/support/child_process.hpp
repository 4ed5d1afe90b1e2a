#pragma once
// The outreach binary as a child process that a test can watch, signal and kill (SIGKILL), for
// tests of what survives a crash or an interruption.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace test_support {

class OutreachChild {
 public:
  // Starts `outreach args...` in `cwd`, stdout and stderr to files there.
  OutreachChild(const std::vector<std::string>& args, const std::filesystem::path& cwd)
      : out_(cwd / "child-stdout.txt"), err_(cwd / "child-stderr.txt") {
    std::vector<std::string> all{OUTREACH_BINARY};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::string dir = cwd.string(), out = out_.string(), err = err_.string();
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {  // only async-signal-safe calls until exec
      const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (::chdir(dir.c_str()) != 0 || o < 0 || e < 0 || ::dup2(o, 1) < 0 || ::dup2(e, 2) < 0) ::_exit(126);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
  }
  ~OutreachChild() {
    if (!reaped_) {
      ::kill(pid_, SIGKILL);
      wait();
    }
  }
  OutreachChild(const OutreachChild&) = delete;
  OutreachChild& operator=(const OutreachChild&) = delete;

  // True while the child has not exited (reaps it when it has).
  bool running() {
    if (reaped_) return false;
    const pid_t r = ::waitpid(pid_, &status_, WNOHANG);
    if (r == pid_) reaped_ = true;
    return !reaped_;
  }
  // SIGKILL, then waits; returns true if the signal is what ended the child (it had not
  // finished on its own first).
  bool kill() {
    if (!running()) return false;
    ::kill(pid_, SIGKILL);
    wait();
    return WIFSIGNALED(status_) && WTERMSIG(status_) == SIGKILL;
  }
  // Sends `signo` (SIGINT, SIGTERM) to a running child; false if it had already exited.
  bool signal(int signo) {
    if (!running()) return false;
    return ::kill(pid_, signo) == 0;
  }
  // Waits for the exit; returns the exit status, or -1 if a signal ended it.
  int wait() {
    while (!reaped_) {
      const pid_t r = ::waitpid(pid_, &status_, 0);
      if (r == pid_ || (r < 0 && errno != EINTR)) reaped_ = true;
    }
    return WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
  }
  const std::filesystem::path& stdout_path() const { return out_; }
  const std::filesystem::path& stderr_path() const { return err_; }

 private:
  std::filesystem::path out_, err_;
  pid_t pid_ = -1;
  int status_ = 0;
  bool reaped_ = false;
};

}  // namespace test_support
