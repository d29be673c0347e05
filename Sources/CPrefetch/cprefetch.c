/* The prefetch hint lives in include/cprefetch.h (header only); SwiftPM needs one source file. */
#include "cprefetch.h"
