#ifndef MINID_CEVENT_SHIM_H
#define MINID_CEVENT_SHIM_H
// libevent's event loop and HTTP server, evhttp, through the system library (Debian: libevent-dev). The
// combined library `event` (evhttp is not in `event_core`) and `event_pthreads`, which makes `event_active`
// safe to call from the worker threads that hand replies back to the loop.
// libevent's headers need nothing of <sys/select.h>, which <sys/types.h> and <sys/time.h> pull in: kept out
// of this module, its fd_set is only Dispatch's (CDispatch includes it too), and clang does not meet two
// definitions of fd_set's anonymous struct when a Swift file sees both modules.
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H 1
#define MINID_CEVENT_SKIPPED_SELECT 1
#endif
#include <event2/event.h>
#include <event2/http.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/keyvalq_struct.h>
#include <event2/thread.h>
#ifdef MINID_CEVENT_SKIPPED_SELECT
#undef _SYS_SELECT_H
#undef MINID_CEVENT_SKIPPED_SELECT
#endif
#endif
