#ifndef MINID_CEVENT_SHIM_H
#define MINID_CEVENT_SHIM_H
// libevent's event loop and HTTP server, evhttp, through the system library (Debian: libevent-dev). The
// combined library `event` (evhttp is not in `event_core`) and `event_pthreads`, which makes `event_active`
// safe to call from the worker threads that hand replies back to the loop.
#include <event2/event.h>
#include <event2/http.h>
#include <event2/buffer.h>
#include <event2/keyvalq_struct.h>
#include <event2/thread.h>
#endif
