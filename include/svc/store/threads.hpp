#pragma once
// Threads that may not be had: under a process limit (`ulimit -u`, a container's pids.max)
// starting one fails with EAGAIN, and svc then does the work on the thread it has.
#include <system_error>
#include <thread>
#include <utility>

namespace svc::store {

/// A new thread running `f`, or one that is not joinable when the system gives none.
template <class F>
std::thread try_thread(F&& f) {
  try {
    return std::thread(std::forward<F>(f));
  } catch (const std::system_error&) {
    return std::thread();
  }
}

}  // namespace svc::store
