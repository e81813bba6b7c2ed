#ifndef MINID_CPOSTGRES_SHIM_H
#define MINID_CPOSTGRES_SHIM_H
// PostgreSQL's client library through the system library (Debian: libpq-dev).
#include <libpq-fe.h>
#endif
