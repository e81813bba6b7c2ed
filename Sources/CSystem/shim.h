#ifndef MINID_CSYSTEM_SHIM_H
#define MINID_CSYSTEM_SHIM_H
// Linux calls Swift cannot import as they are: prctl(2) and syscall(2) are variadic.
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

static inline int minid_set_dumpable(int dumpable) { return prctl(PR_SET_DUMPABLE, dumpable, 0, 0, 0); }
static inline int minid_get_dumpable(void) { return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0); }
// The calling thread's niceness (Linux schedules threads: PRIO_PROCESS with a thread id names one thread).
static inline int minid_set_thread_niceness(int niceness) {
  return setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), niceness);
}
static inline int minid_thread_niceness(void) { return getpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid)); }
#endif
