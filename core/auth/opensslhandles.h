#pragma once

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>

#include <memory>

namespace mcppm {

// OpenSSL objects owned by a std::unique_ptr that frees them the OpenSSL way.
// (A header of deleters only: the auth code's one place for them.)
struct OpenSslFree
{
    void operator()(BIO *b) const { BIO_free(b); }
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
    void operator()(BIGNUM *b) const { BN_free(b); }
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
    void operator()(ECDSA_SIG *s) const { ECDSA_SIG_free(s); }
};

using BioPtr = std::unique_ptr<BIO, OpenSslFree>;
using PKeyPtr = std::unique_ptr<EVP_PKEY, OpenSslFree>;
using BigNumPtr = std::unique_ptr<BIGNUM, OpenSslFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpenSslFree>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, OpenSslFree>;

// Never prompt on a terminal for a passphrase: an encrypted key is refused.
inline int refusePassphrase(char *, int, int, void *)
{
    return -1;
}

} // namespace mcppm
