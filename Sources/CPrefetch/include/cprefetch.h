/*
 * cprefetch.h - a cache prefetch hint for Swift, which has none of its own.
 * Header only: the function is inlined where Swift calls it.
 */
#ifndef PRECIS_CPREFETCH_H
#define PRECIS_CPREFETCH_H

/* Asks the CPU to start loading the cache line holding `address` for reading; never faults. */
static inline void cprefetch_read(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
