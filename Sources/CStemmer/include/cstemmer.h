/*
 * cstemmer.h - Precis's narrow C API over Snowball's libstemmer (Debian libstemmer-dev).
 * Only <stdint.h> types and an opaque handle cross this boundary.
 */
#ifndef PRECIS_CSTEMMER_H
#define PRECIS_CSTEMMER_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An opaque stemmer for one language. Not thread-safe: use one per thread. */
typedef struct cstemmer cstemmer;

/* A stemmer for `language` (an ISO 639 code such as "de", or an algorithm name such as "german"),
 * or NULL when Snowball has no algorithm for it. */
cstemmer *cstemmer_open(const char *language);

/* Frees a stemmer from cstemmer_open. */
void cstemmer_close(cstemmer *stemmer);

/* Stems the UTF-8 `word` (lower-cased by the caller). Returns a pointer to the stem, valid until
 * the next call on this stemmer, and writes its length into `stem_length`. */
const uint8_t *cstemmer_stem(cstemmer *stemmer, const uint8_t *word, int32_t length, int32_t *stem_length);

#ifdef __cplusplus
}
#endif

#endif /* PRECIS_CSTEMMER_H */
