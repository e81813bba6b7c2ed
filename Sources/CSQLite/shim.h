#ifndef MINID_CSQLITE_SHIM_H
#define MINID_CSQLITE_SHIM_H
// SQLite through the system library (Debian: libsqlite3-dev).
#include <sqlite3.h>
#endif
