;;; Replays the language-neutral spec (tests/conformance/spec.txt, path in
;;; $HASHSET_SPEC) on the Guile API, one SRFI-64 test per statement.
;;;
;;; Every statement runs: Scheme can express every bad value of the spec at a
;;; call site (big: an exact integer beyond int64, float: an inexact number,
;;; str: a string, null: #f). Exits non-zero when any test fails.

(use-modules (hashset)
             (srfi srfi-64)
             (ice-9 rdelim)
             (ice-9 match)
             (srfi srfi-1)
             (rnrs bytevectors))

(define spec-path
  (or (getenv "HASHSET_SPEC")
      (error "HASHSET_SPEC is not set")))

;; Expected error kinds of the spec -> the key the binding throws.
(define error-keys
  '(("range" . out-of-range)
    ("type" . wrong-type-arg)
    ("empty" . hashset-empty)
    ("concurrent" . hashset-concurrent-modification)
    ("format" . hashset-format-error)
    ("closed" . hashset-closed)))

(define (hex->bytevector text)
  (let* ((count (quotient (string-length text) 2))
         (bytes (make-bytevector count)))
    (do ((i 0 (1+ i))) ((= i count) bytes)
      (bytevector-u8-set! bytes i
                          (string->number (substring text (* 2 i) (+ 2 (* 2 i))) 16)))))

;; A spec value token as the Scheme object a user would pass.
(define (value token)
  (define (after-colon) (substring token (1+ (string-index token #\:))))
  (cond ((string=? token "null") #f)
        ((string-prefix? "big:" token) (string->number (after-colon)))
        ((string-prefix? "float:" token) (exact->inexact (string->number (after-colon))))
        ((string-prefix? "str:" token) (after-colon))
        ((string-prefix? "hex:" token) (hex->bytevector (after-colon)))
        (else (let ((number (string->number token)))
                (unless (and number (exact-integer? number))
                  (error "bad spec token" token))
                number))))

;; Values and lists ([ ... ]) of a statement, in order (tokens stay strings).
(define (parse-tokens tokens)
  (let loop ((tokens tokens) (stack '()) (values '()))
    (match tokens
      (() (reverse values))
      (("[" . rest) (loop rest (cons '() stack) values))
      (("]" . rest)
       (let ((done (reverse (car stack))))
         (if (null? (cdr stack))
             (loop rest '() (cons done values))
             (loop rest (cons (cons done (cadr stack)) (cddr stack)) values))))
      ((token . rest)
       (if (null? stack)
           (loop rest stack (cons token values))
           (loop rest (cons (cons token (car stack)) (cdr stack)) values))))))

;; (line op args expected) statements grouped as (name statement ...) cases.
(define (load-cases path)
  (call-with-input-file path
    (lambda (port)
      (let loop ((number 1) (cases '()))
        (let ((line (read-line port)))
          (if (eof-object? line)
              (reverse (map (lambda (c) (cons (car c) (reverse (cdr c)))) cases))
              (let ((line (string-trim-both line)))
                (cond
                 ((or (string-null? line) (string-prefix? "#" line))
                  (loop (1+ number) cases))
                 ((string-prefix? "case " line)
                  (loop (1+ number) (cons (list (cadr (string-tokenize line))) cases)))
                 (else
                  (let* ((arrow (string-contains line " -> "))
                         (statement (if arrow (substring line 0 arrow) line))
                         (expected (and arrow (substring line (+ arrow 4))))
                         (words (string-tokenize statement))
                         (entry (list number (car words) (parse-tokens (cdr words))
                                      (and expected (parse-tokens (string-tokenize expected))))))
                    (loop (1+ number)
                          (cons (cons (caar cases) (cons entry (cdar cases))) (cdr cases)))))))))))))

(define (first-then-insert set extra)
  (let ((next (hashset-generator set)))
    (next)
    (hashset-add! set extra)
    (next)))

(define (first-then-close set)
  (let ((next (hashset-generator set)))
    (next)
    (hashset-close! set)
    (next)))

;; Runs one statement on the sets of the current case; returns its result.
(define (run sets op args)
  (define (set-named name)
    (or (hash-ref sets name) (error "unknown set" name)))
  (match (cons op args)
    (("new" name) (hash-set! sets name (make-hashset)) *unspecified*)
    (("new" name values) (hash-set! sets name (list->hashset (map value values))) *unspecified*)
    (("copy" name target) (hash-set! sets target (hashset-copy (set-named name))) *unspecified*)
    (("deserialize" target bytes)
     (hash-set! sets target (bytevector->hashset (value bytes))) *unspecified*)
    ((op name . rest)
     (let ((s (set-named name)))
       (define (other) (set-named (car rest)))
       (match op
         ("insert" (hashset-add! s (value (car rest))))
         ("contains" (hashset-contains? s (value (car rest))))
         ("erase" (hashset-remove! s (value (car rest))))
         ("insert_many" (hashset-add-all! s (map value (car rest))))
         ("erase_many" (hashset-remove-all! s (map value (car rest))))
         ("size" (hashset-size s))
         ("empty" (hashset-empty? s))
         ("clear" (hashset-clear! s))
         ("reserve" (hashset-reserve! s (value (car rest))))
         ("pop" (hashset-pop! s))
         ("collect" (hashset->list s))
         ("iterate" (hashset-fold cons '() s))
         ("iterate_then_insert" (first-then-insert s (value (car rest))))
         ("iterate_then_close" (first-then-close s))
         ("close" (hashset-close! s))
         ("serialize" (hashset->bytevector s))
         ("equals" (hashset=? s (other)))
         ("is_subset" (hashset<=? s (other)))
         ("is_superset" (hashset>=? s (other)))
         ("is_disjoint" (hashset-disjoint? s (other)))
         ("union" (hashset->list (hashset-union s (other))))
         ("intersection" (hashset->list (hashset-intersection s (other))))
         ("difference" (hashset->list (hashset-difference s (other))))
         ("symmetric_difference" (hashset->list (hashset-xor s (other))))
         ("update" (hashset-union! s (other)))
         ("intersection_update" (hashset-intersection! s (other)))
         ("difference_update" (hashset-difference! s (other)))
         ("symmetric_difference_update" (hashset-xor! s (other)))
         (_ (error "unknown spec op" op)))))))

;; The expected value of a `-> X' as a Scheme object comparable with equal?.
(define (expected-value want)
  (cond ((list? want) (sort (map value want) <))
        ((string=? want "true") #t)
        ((string=? want "false") #f)
        (else (value want))))

(define (normalise result)
  (if (and (list? result) (every exact-integer? result)) (sort result <) result))

(define statements-run 0)

(set! test-log-to-file #f)
(test-begin "guile-conformance")
(for-each
 (lambda (case)
   (let ((name (car case)) (sets (make-hash-table)))
     (test-group name
       (for-each
        (lambda (statement)
          (match statement
            ((number op args expected)
             (set! statements-run (1+ statements-run))
             (let ((label (format #f "spec.txt:~a ~a ~a" number op args))
                   (want (and expected (car expected))))
               (cond
                ((and (string? want) (string-prefix? "error:" want))
                 (let ((key (assoc-ref error-keys (substring want 6))))
                   (test-equal label key
                     (catch #t
                       (lambda () (run sets op args) 'no-error)
                       (lambda (thrown . _) thrown)))))
                (want
                 (test-equal label (expected-value want) (normalise (run sets op args))))
                ((member op '("new" "copy" "deserialize"))
                 (test-assert label (begin (run sets op args) #t)))
                (else
                 ;; Mutators without a result return *unspecified*.
                 (test-assert label (unspecified? (run sets op args)))))))))
        (cdr case)))))
 (load-cases spec-path))

(define runner (test-runner-current))
(define failures (+ (test-runner-fail-count runner) (test-runner-xpass-count runner)))
(define passes (test-runner-pass-count runner))
(test-end "guile-conformance")

(format #t "conformance: ~a statements run, ~a passed, ~a failed, 0 not applicable~%"
        statements-run passes failures)
(exit (if (and (zero? failures) (= passes statements-run) (> statements-run 100)) 0 1))
