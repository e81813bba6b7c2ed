#ifndef MINID_CQRENCODE_SHIM_H
#define MINID_CQRENCODE_SHIM_H
// libqrencode through the system library (Debian: libqrencode-dev), for the QR code on activation letters.
#include <qrencode.h>
#endif
