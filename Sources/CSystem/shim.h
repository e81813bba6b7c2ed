#ifndef MINID_CSYSTEM_SHIM_H
#define MINID_CSYSTEM_SHIM_H
// Linux calls Swift cannot import as they are: prctl(2) is variadic.
#include <sys/prctl.h>

static inline int minid_set_dumpable(int dumpable) { return prctl(PR_SET_DUMPABLE, dumpable, 0, 0, 0); }
static inline int minid_get_dumpable(void) { return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0); }
#endif
