#ifndef MINID_CCRYPTO_SHIM_H
#define MINID_CCRYPTO_SHIM_H
// OpenSSL's libcrypto through the system library (Debian: libssl-dev).
// Only libcrypto is linked: minid needs scrypt, randomness, hashes and signatures, not TLS.
#include <openssl/opensslv.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/kdf.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/param_build.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/rsa.h>
#include <openssl/pem.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

// Composite macros Swift cannot import.
static inline int minid_evp_pkey_public_key_selection(void) { return EVP_PKEY_PUBLIC_KEY; }
#endif
