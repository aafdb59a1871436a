;;; Leaks over time (docs/reliability.md): many create/fill/iterate/destroy
;;; cycles, half the sets closed and half left to the garbage collector, with
;;; the error paths taken; resident memory must stay flat.
;;; HASHSET_LONG=1 selects the long profile. SRFI-64; exits non-zero on failure.

(use-modules (hashset)
             (srfi srfi-64)
             (rnrs bytevectors)
             (ice-9 format))

(define long? (equal? (getenv "HASHSET_LONG") "1"))
(define bad-bytes #vu8(1 2 3))

;; Resident memory in bytes (Linux).
(define (rss-bytes)
  (call-with-input-file "/proc/self/statm"
    (lambda (port)
      (read port)
      (* (read port) 4096))))

;; Fails the cycle unless THUNK throws KEY.
(define (expect-thrown key thunk)
  (let ((got (catch #t (lambda () (thunk) 'no-error) (lambda (thrown . _) thrown))))
    (unless (eq? got key)
      (error "expected" key 'got got))))

;; One cycle: sets built every way, iterated fully, partly and past a change,
;; every error path taken; the sets of odd cycles and the partial generator
;; are left to the GC.
(define (cycle i)
  (let ((set (hashset i (+ i 1) (+ i 2) (+ i 3))))
    (hashset-add-all! set (list (- i) (modulo i 64) (modulo i 64)))
    (let* ((sum (hashset-fold + 0 set))
           (copy (hashset-copy set))
           (union (hashset-union set (hashset (+ i 100))))
           (restored (bytevector->hashset (hashset->bytevector union)))
           (empty (make-hashset)))
      (hashset-union! copy set)
      (unless (and (exact-integer? sum) (hashset=? copy set) (hashset=? restored union))
        (error "cycle" i))
      ((hashset-generator restored))        ; a partial iteration, never finished
      (let ((stale (hashset-generator copy)))
        (stale)
        (hashset-add! copy (+ i 200))
        (expect-thrown 'hashset-concurrent-modification stale))
      (expect-thrown 'wrong-type-arg (lambda () (hashset-add! set 1.5)))
      (expect-thrown 'out-of-range (lambda () (hashset-add-all! set (list 1 (expt 2 63)))))
      (expect-thrown 'hashset-format-error (lambda () (bytevector->hashset bad-bytes)))
      (expect-thrown 'hashset-empty (lambda () (hashset-pop! empty)))
      (hashset-close! empty)
      (expect-thrown 'hashset-closed (lambda () (hashset-pop! empty)))
      (when (even? i)
        (for-each hashset-close! (list set copy union restored))))))

(set! test-log-to-file #f)
(test-begin "guile-leaks")

(test-group "create/fill/iterate/destroy cycles keep resident memory flat"
  ;; One leaked set per cycle (of six) would cost about 10 MiB even in the
  ;; short profile.
  (let ((bound (* 8 1024 1024))
        (warm-up (if long? 100000 10000))
        (cycles (if long? 1000000 50000)))
    (do ((i 0 (1+ i))) ((= i warm-up)) (cycle i))
    (gc)
    (let ((before (rss-bytes))
          (began (get-internal-real-time)))
      (let loop ((i 0) (checkpoints '()))
        (if (< i cycles)
            (begin
              (cycle i)
              (loop (1+ i)
                    (if (zero? (modulo (1+ i) (quotient cycles 5)))
                        (cons (quotient (- (rss-bytes) before) 1024) checkpoints)
                        checkpoints)))
            (begin
              (gc)
              (let ((growth (- (rss-bytes) before)))
                (format #t "leaks: ~a cycles in ~,1f s, resident growth ~a KiB (checkpoints, KiB: ~{~a~^ ~})~%"
                        cycles
                        (exact->inexact (/ (- (get-internal-real-time) began) internal-time-units-per-second))
                        (quotient growth 1024) (reverse checkpoints))
                (test-assert (format #f "resident memory grew by ~a KiB" (quotient growth 1024))
                  (< growth bound)))))))))

(define failures (+ (test-runner-fail-count (test-runner-current))
                    (test-runner-xpass-count (test-runner-current))))
(test-end "guile-leaks")
(exit (if (zero? failures) 0 1))
