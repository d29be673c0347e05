/* cstemmer.c - the only file in Precis that includes Snowball's header. */
#include "cstemmer.h"

#include <libstemmer.h>
#include <stdlib.h>

struct cstemmer {
  struct sb_stemmer *stemmer;
};

cstemmer *cstemmer_open(const char *language) {
  struct sb_stemmer *stemmer = sb_stemmer_new(language, "UTF_8");
  if (stemmer == NULL) return NULL;
  cstemmer *wrapper = (cstemmer *)malloc(sizeof *wrapper);
  if (wrapper == NULL) {
    sb_stemmer_delete(stemmer);
    return NULL;
  }
  wrapper->stemmer = stemmer;
  return wrapper;
}

void cstemmer_close(cstemmer *stemmer) {
  if (stemmer == NULL) return;
  sb_stemmer_delete(stemmer->stemmer);
  free(stemmer);
}

const uint8_t *cstemmer_stem(cstemmer *stemmer, const uint8_t *word, int32_t length, int32_t *stem_length) {
  const sb_symbol *stem = sb_stemmer_stem(stemmer->stemmer, (const sb_symbol *)word, length);
  if (stem == NULL) {
    *stem_length = length;
    return word;
  }
  *stem_length = sb_stemmer_length(stemmer->stemmer);
  return (const uint8_t *)stem;
}
