#include <semaphore.h>

#include <cerrno>
#include <csignal>
#include <mutex>
#include <samverkan/http/server.hpp>

namespace samverkan::http {

namespace {

// sem_post is async-signal-safe, so the handler may run on whichever thread the kernel picks.
sem_t termination;

void on_termination(int /*signal*/) { sem_post(&termination); }

}  // namespace

void wait_for_termination_signal() {
  static std::once_flag initialised;
  std::call_once(initialised, [] { sem_init(&termination, 0, 0); });

  std::signal(SIGPIPE, SIG_IGN);
  struct sigaction action {};
  action.sa_handler = on_termination;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);

  while (sem_wait(&termination) != 0 && errno == EINTR) {
  }

  // A second signal during the graceful drain ends the process at once.
  action.sa_handler = SIG_DFL;
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
}

}  // namespace samverkan::http
