# The README's R example, run by the r_package test with the package installed
# into a fresh library (the first argument), not from the build tree.
library_dir <- commandArgs(trailingOnly = TRUE)[[1]]
library(hashset, lib.loc = library_dir)
s <- HashSet(c(1, 2)); s$insert(bit64::as.integer64("9007199254740993"))
c(2, 3) %in% s; hashset_deserialize(s$serialize())

loaded <- normalizePath(getLoadedDLLs()[["hashset"]][["path"]])
if (!startsWith(loaded, normalizePath(library_dir))) stop("hashset.so was not loaded from the library: ", loaded)
cat("from ", sub(normalizePath(library_dir), "<library>", loaded, fixed = TRUE), "\n", sep = "")
