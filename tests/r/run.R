# Runs one testthat file against the built binding: Rscript run.R <test file>.
# HASHSET_R_PATH is the build folder holding hashset.so and hashset.R.
args <- commandArgs(trailingOnly = TRUE)
path <- Sys.getenv("HASHSET_R_PATH")
if (!nzchar(path) || length(args) != 1) stop("usage: HASHSET_R_PATH=<build>/r Rscript run.R <test file>")
suppressPackageStartupMessages(library(testthat))
dyn.load(file.path(path, "hashset.so"))
source(file.path(path, "hashset.R"))
# testthat makes a _snaps folder beside the test file: run a copy, outside the source tree.
work <- tempfile("hashset-r-tests")
dir.create(work)
file.copy(args[[1]], work)
results <- testthat::test_file(file.path(work, basename(args[[1]])), reporter = "summary",
                               env = new.env(parent = globalenv()), stop_on_failure = TRUE)
unlink(work, recursive = TRUE)
