#!/usr/bin/env Rscript
# glmnet peer of bench/suites/models.ts: the same data files (written by the suite), the same paths.
#   Rscript bench/peers/glmnet_models.R DATA_DIR OUT_JSON [REPS]
# Times (median of REPS runs, elapsed seconds) and, for the objective comparison, every fit of each
# path (lambda, intercept, nonzero coefficients on the original scale):
#   spam-l1-path     binomial lasso, nlambda 20, lambda.min.ratio 1e-3, standardize FALSE
#   spam-l1-path-std the same with standardize TRUE (glmnet's default)
#   spam-l1-cv       cv.glmnet of spam-l1-path, 5 folds
#   dense-l1-path    gaussian lasso, nlambda 100, lambda.min.ratio 1e-3, standardize TRUE
#   spam-l2-path     binomial ridge (alpha 0), nlambda 20, lambda.min.ratio 1e-5, standardize FALSE
# glmnet's own defaults otherwise (thresh 1e-7, type.gaussian: "naive" since nvars >= 500).
suppressMessages(library(glmnet))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; out <- args[2]; reps <- if (length(args) >= 3) as.integer(args[3]) else 5L
meta <- jsonlite_free <- NULL

read_svm <- function(file, cols) {
  lines <- readLines(file)
  y <- numeric(length(lines)); ii <- vector("list", length(lines)); jj <- ii; vv <- ii
  for (i in seq_along(lines)) {
    parts <- strsplit(lines[i], " ", fixed = TRUE)[[1]]
    y[i] <- as.numeric(parts[1])
    if (length(parts) > 1) {
      kv <- do.call(rbind, strsplit(parts[-1], ":", fixed = TRUE))
      jj[[i]] <- as.integer(kv[, 1]); vv[[i]] <- as.numeric(kv[, 2]); ii[[i]] <- rep(i, nrow(kv))
    }
  }
  X <- sparseMatrix(i = unlist(ii), j = unlist(jj), x = unlist(vv), dims = c(length(lines), cols))
  list(X = X, y = y)
}

num <- function(v) paste0("[", paste(sprintf("%.17g", as.vector(v)), collapse = ","), "]")
timeit <- function(f) {
  ts <- numeric(reps); res <- NULL
  for (r in seq_len(reps)) { t0 <- proc.time()[["elapsed"]]; res <- f(); ts[r] <- proc.time()[["elapsed"]] - t0 }
  list(res = res, median = median(ts), times = ts)
}
fits_json <- function(fit) {
  B <- fit$beta
  per <- character(length(fit$lambda))
  for (k in seq_along(fit$lambda)) {
    col <- B[, k]; nz <- which(col != 0)
    per[k] <- sprintf('{"lambda":%.17g,"intercept":%.17g,"idx":%s,"coef":%s}', fit$lambda[k], fit$a0[k],
                      if (length(nz)) num(nz - 1) else "[]", if (length(nz)) num(col[nz]) else "[]")
  }
  paste0("[", paste(per, collapse = ","), "]")
}
row <- function(op, t, fits) sprintf('{"op":"%s","impl":"glmnet","median_s":%.6f,"times_s":%s,"fits":%s}', op, t$median, num(t$times), fits)

shape <- readLines(file.path(dir, "datasets.json"))
spam_cols <- as.integer(sub('.*"spam":\\{"rows":[0-9]+,"cols":([0-9]+).*', "\\1", shape))
dense_rows <- as.integer(sub('.*"dense":\\{"rows":([0-9]+).*', "\\1", shape))
dense_cols <- as.integer(sub('.*"dense":\\{"rows":[0-9]+,"cols":([0-9]+).*', "\\1", shape))
spam <- read_svm(file.path(dir, "spam.svm"), spam_cols)
Xd <- matrix(readBin(file.path(dir, "dense.X.f64"), "double", dense_rows * dense_cols, endian = "little"),
             dense_rows, dense_cols, byrow = TRUE)
yd <- readBin(file.path(dir, "dense.y.f64"), "double", dense_rows, endian = "little")

rows <- character(0)
t <- timeit(function() glmnet(spam$X, spam$y, family = "binomial", nlambda = 20, lambda.min.ratio = 1e-3, standardize = FALSE))
rows <- c(rows, row("spam-l1-path", t, fits_json(t$res)))
t <- timeit(function() glmnet(spam$X, spam$y, family = "binomial", nlambda = 20, lambda.min.ratio = 1e-3, standardize = TRUE))
rows <- c(rows, row("spam-l1-path-std", t, fits_json(t$res)))
set.seed(1)
t <- timeit(function() cv.glmnet(spam$X, spam$y, family = "binomial", nlambda = 20, lambda.min.ratio = 1e-3, standardize = FALSE, nfolds = 5))
rows <- c(rows, sprintf('{"op":"spam-l1-cv","impl":"glmnet","median_s":%.6f,"times_s":%s,"lambda_min":%.17g,"lambda_1se":%.17g}',
                        t$median, num(t$times), t$res$lambda.min, t$res$lambda.1se))
t <- timeit(function() glmnet(Xd, yd, family = "gaussian", nlambda = 100, lambda.min.ratio = 1e-3, standardize = TRUE))
rows <- c(rows, row("dense-l1-path", t, fits_json(t$res)))
t <- timeit(function() glmnet(spam$X, spam$y, family = "binomial", alpha = 0, nlambda = 20, lambda.min.ratio = 1e-5, standardize = FALSE))
rows <- c(rows, row("spam-l2-path", t, fits_json(t$res)))
writeLines(sprintf('{"glmnet":"%s","R":"%s","rows":[%s]}', as.character(packageVersion("glmnet")),
                   R.version.string, paste(rows, collapse = ",")), out)
