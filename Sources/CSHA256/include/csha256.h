/*
 * csha256.h - SHA-256 (FIPS 180-4), streaming, for the manifest of a run's output files.
 * Written for Precis from the specification; no other code copied.
 */
#ifndef PRECIS_CSHA256_H
#define PRECIS_CSHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
  uint32_t state[8];
  uint64_t length;       /* bytes hashed so far */
  uint8_t block[64];     /* bytes of the block being filled */
  size_t filled;
} csha256_context;

void csha256_init(csha256_context *context);
void csha256_update(csha256_context *context, const void *bytes, size_t count);
/* Writes the 32-byte digest; the context is spent afterwards. */
void csha256_final(csha256_context *context, uint8_t digest[32]);

/* Whether the x86 SHA extensions are used (1) or the portable code (0). */
int csha256_hardware(void);
/* Chooses the portable code (0) or the SHA extensions where the CPU has them (1): for the oracle
 * test that compares the two. */
void csha256_use_hardware(int enabled);

#endif
