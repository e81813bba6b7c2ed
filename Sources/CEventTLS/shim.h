#ifndef MINID_CEVENTTLS_SHIM_H
#define MINID_CEVENTTLS_SHIM_H
// TLS for `minid serve` straight from the system libraries (Debian: libevent-dev, libssl-dev): OpenSSL's
// libssl makes the server's TLS context, and libevent's bufferevent_openssl puts each accepted connection of
// evhttp through it. <sys/select.h> is kept out as in CEvent (see its shim.h).
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H 1
#define MINID_CEVENTTLS_SKIPPED_SELECT 1
#endif
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <event2/bufferevent_ssl.h>
#ifdef MINID_CEVENTTLS_SKIPPED_SELECT
#undef _SYS_SELECT_H
#undef MINID_CEVENTTLS_SKIPPED_SELECT
#endif
#endif
