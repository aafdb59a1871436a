;;; The Scheme protocol of (hashset) beyond the spec, checked against an oracle
;;; (a Guile hash table, and SRFI-1's lset procedures on lists): bad input,
;;; iteration with mutation, close and garbage collection. SRFI-64; exits
;;; non-zero when any test fails.

(use-modules (hashset)
             (srfi srfi-1)
             (srfi srfi-64)
             (rnrs bytevectors)
             (system foreign)
             (ice-9 popen)
             (ice-9 rdelim)
             (ice-9 textual-ports))

(define int64-min (- (expt 2 63)))
(define int64-max (1- (expt 2 63)))
(define edges (list int64-min int64-max -1 0 1 (1- (expt 2 53)) (expt 2 53) (1+ (expt 2 53))
                    (- (1+ (expt 2 53))) (expt 2 32) (- (expt 2 31))))

(define (sorted lst) (sort lst <))
(define (elements set) (sorted (hashset->list set)))

;; The key a thunk throws, or 'no-error.
(define (thrown thunk)
  (catch #t (lambda () (thunk) 'no-error) (lambda (key . _) key)))

;; The oracle: a Guile hash table used as a set.
(define (oracle-elements table) (sorted (hash-map->list (lambda (k v) k) table)))

(set! test-log-to-file #f)
(test-begin "guile-idioms")

(test-group "construction"
  (test-equal '() (elements (make-hashset)))
  (test-equal '(1 2 3) (elements (hashset 3 1 2 3 1)))
  (test-equal '(1 2 3) (elements (list->hashset '(1 2 3 2))))
  (test-equal '(4 5) (elements (list->hashset #(5 4 5))))
  (test-assert (hashset? (make-hashset)))
  (test-assert (not (hashset? '(1 2))))
  (test-assert (not (hashset? 42)))
  (test-assert (not (hashset? (make-pointer 16))))
  (let* ((a (hashset 1 2)) (b (hashset-copy a)))
    (hashset-add! b 3)
    (test-equal '(1 2) (elements a))
    (test-equal '(1 2 3) (elements b))
    (test-assert (not (eq? a b)))))

(test-group "exact 64-bit integers"
  (let ((s (list->hashset edges)))
    (test-equal (length edges) (hashset-size s))
    (test-equal (sorted edges) (elements s))
    (test-assert (every exact-integer? (hashset->list s)))
    (test-assert (every (lambda (v) (hashset-contains? s v)) edges))
    (test-assert (not (hashset-contains? s (+ (expt 2 53) 2))))
    (test-assert (not (hashset-contains? s (1- int64-max))))
    (test-assert (not (hashset-contains? s (1+ int64-min))))
    ;; pop! hands back each value exactly.
    (let loop ((popped '()))
      (if (hashset-empty? s)
          (test-equal (sorted edges) (sorted popped))
          (loop (cons (hashset-pop! s) popped))))))

(test-group "element operations against a hash table"
  (let ((s (make-hashset))
        (oracle (make-hash-table))
        (state (seed->random-state 20261124))
        (pool (append edges (iota 64 -32))))
    (define (pick) (list-ref pool (random (length pool) state)))
    (define mismatches 0)
    (do ((i 0 (1+ i))) ((= i 3000))
      (let ((v (pick)))
        (case (random 4 state)
          ((0) (unless (eq? (hashset-add! s v) (not (hash-ref oracle v)))
                 (set! mismatches (1+ mismatches)))
               (hash-set! oracle v #t))
          ((1) (unless (eq? (hashset-remove! s v) (and (hash-ref oracle v) #t))
                 (set! mismatches (1+ mismatches)))
               (hash-remove! oracle v))
          ((2) (unless (eq? (hashset-contains? s v) (and (hash-ref oracle v) #t))
                 (set! mismatches (1+ mismatches))))
          ((3) (unless (hashset-empty? s)
                 (let ((popped (hashset-pop! s)))
                   (unless (hash-ref oracle popped) (set! mismatches (1+ mismatches)))
                   (hash-remove! oracle popped)))))
        (unless (= (hashset-size s) (hash-count (const #t) oracle))
          (set! mismatches (1+ mismatches)))))
    (test-equal 0 mismatches)
    (test-equal (oracle-elements oracle) (elements s))
    (test-equal (hash-count (const #t) oracle) (hashset-size s))
    (test-assert (exact-integer? (hashset-size s)))
    (hashset-clear! s)
    (test-assert (hashset-empty? s))
    (test-equal 'hashset-empty (thrown (lambda () (hashset-pop! s))))))

(test-group "bulk calls"
  (let ((s (hashset 1)))
    (test-equal 3 (hashset-add-all! s (list 1 2 3 3 int64-min)))
    (test-equal 1 (hashset-add-all! s (vector 4 4)))
    (test-equal 0 (hashset-add-all! s '()))
    (test-equal 2 (hashset-remove-all! s '(2 4 99)))
    (test-equal (list int64-min 1 3) (elements s))))

(define bad-values
  ;; (value . key)
  `((,(expt 2 63) . out-of-range)
    (,(1- int64-min) . out-of-range)
    (,(1- (expt 2 64)) . out-of-range)
    (,(expt 10 30) . out-of-range)
    (1.5 . wrong-type-arg)
    (1.0 . wrong-type-arg)
    (-0.0 . wrong-type-arg)
    (1/2 . wrong-type-arg)
    (+inf.0 . wrong-type-arg)
    (+nan.0 . wrong-type-arg)
    (1+2i . wrong-type-arg)
    ("abc" . wrong-type-arg)
    ("1" . wrong-type-arg)
    (#f . wrong-type-arg)
    (() . wrong-type-arg)
    (sym . wrong-type-arg)
    (#\a . wrong-type-arg)
    (,*unspecified* . wrong-type-arg)
    ((1) . wrong-type-arg)))

(test-group "bad values leave the set unchanged"
  (let ((s (hashset 1 2)))
    (for-each
     (lambda (bad)
       (let ((value (car bad)) (key (cdr bad)))
         (test-equal (format #f "add! ~s" value) key (thrown (lambda () (hashset-add! s value))))
         (test-equal (format #f "remove! ~s" value) key (thrown (lambda () (hashset-remove! s value))))
         (test-equal (format #f "contains? ~s" value) key
           (thrown (lambda () (hashset-contains? s value))))
         (test-equal (format #f "add-all! ~s" value) key
           (thrown (lambda () (hashset-add-all! s (list 3 4 value 5)))))
         (test-equal (format #f "add-all! vector ~s" value) key
           (thrown (lambda () (hashset-add-all! s (vector 3 value)))))
         (test-equal (format #f "remove-all! ~s" value) key
           (thrown (lambda () (hashset-remove-all! s (list 1 value)))))
         (test-equal (format #f "list->hashset ~s" value) key
           (thrown (lambda () (list->hashset (list 7 value)))))
         (test-equal (format #f "hashset ~s" value) key (thrown (lambda () (hashset 7 value))))))
     bad-values)
    (test-equal '(1 2) (elements s))
    ;; Not a list: improper lists, other containers, single values.
    (for-each
     (lambda (bad)
       (test-equal (format #f "add-all! ~s" bad) 'wrong-type-arg
         (thrown (lambda () (hashset-add-all! s bad)))))
     (list '(3 4 . 5) 3 "34" #f (hashset 3) #vu8(3 4)))
    (test-equal '(1 2) (elements s))
    ;; reserve! takes a non-negative exact count.
    (test-equal 'out-of-range (thrown (lambda () (hashset-reserve! s -1))))
    (test-equal 'out-of-range (thrown (lambda () (hashset-reserve! s (expt 2 64)))))
    (test-equal 'out-of-range (thrown (lambda () (hashset-reserve! s (expt 2 62)))))
    (test-equal 'out-of-memory (thrown (lambda () (hashset-reserve! s (expt 2 57)))))
    (test-equal 'wrong-type-arg (thrown (lambda () (hashset-reserve! s 10.0))))
    (test-equal 'no-error (thrown (lambda () (hashset-reserve! s 1000))))
    (test-equal '(1 2) (elements s))))

(test-group "not a set"
  (for-each
   (lambda (bad)
     (test-equal (format #f "size ~s" bad) 'wrong-type-arg (thrown (lambda () (hashset-size bad))))
     (test-equal (format #f "add! ~s" bad) 'wrong-type-arg (thrown (lambda () (hashset-add! bad 1))))
     (test-equal (format #f "union ~s" bad) 'wrong-type-arg
       (thrown (lambda () (hashset-union (hashset 1) bad))))
     (test-equal (format #f "union! ~s" bad) 'wrong-type-arg
       (thrown (lambda () (hashset-union! (hashset 1) bad))))
     (test-equal (format #f "->list ~s" bad) 'wrong-type-arg (thrown (lambda () (hashset->list bad))))
     (test-equal (format #f "generator ~s" bad) 'wrong-type-arg
       (thrown (lambda () (hashset-generator bad))))
     (test-equal (format #f "close! ~s" bad) 'wrong-type-arg (thrown (lambda () (hashset-close! bad)))))
   (list '() #f 42 "set" '(1 2) (make-pointer 16) (make-hash-table)))
  (for-each
   (lambda (bad)
     (test-equal (format #f "bytevector->hashset ~s" bad) 'wrong-type-arg
       (thrown (lambda () (bytevector->hashset bad)))))
   (list "HSET" '(72 83) #f (hashset 1))))

(define (random-list state count span)
  (map (lambda (_) (- (random (* 2 span) state) span)) (iota count)))

(test-group "set algebra against SRFI-1 lsets"
  (let ((state (seed->random-state 7)))
    (do ((round 0 (1+ round))) ((= round 20))
      (let* ((la (delete-duplicates (random-list state (random 40 state) 30)))
             (lb (delete-duplicates (random-list state (random 40 state) 30)))
             (a (list->hashset la))
             (b (list->hashset lb)))
        (test-equal (sorted (lset-union = la lb)) (elements (hashset-union a b)))
        (test-equal (sorted (lset-intersection = la lb)) (elements (hashset-intersection a b)))
        (test-equal (sorted (lset-difference = la lb)) (elements (hashset-difference a b)))
        (test-equal (sorted (lset-xor = la lb)) (elements (hashset-xor a b)))
        (test-equal (lset<= = la lb) (hashset<=? a b))
        (test-equal (lset<= = la lb) (hashset-subset? a b))
        (test-equal (lset<= = lb la) (hashset>=? a b))
        (test-equal (lset<= = lb la) (hashset-superset? a b))
        (test-equal (lset= = la lb) (hashset=? a b))
        (test-equal (lset= = la lb) (hashset-equal? a b))
        (test-equal (null? (lset-intersection = la lb)) (hashset-disjoint? a b))
        (test-equal (and (lset<= = la lb) (not (lset= = la lb))) (hashset<? a b))
        (test-equal (and (lset<= = lb la) (not (lset= = la lb))) (hashset>? a b))
        ;; The operands are unchanged; the in-place forms change only the receiver.
        (test-equal (sorted la) (elements a))
        (test-equal (sorted lb) (elements b))
        (let ((x (hashset-copy a))) (hashset-union! x b)
          (test-equal (sorted (lset-union = la lb)) (elements x)))
        (let ((x (hashset-copy a))) (hashset-intersection! x b)
          (test-equal (sorted (lset-intersection = la lb)) (elements x)))
        (let ((x (hashset-copy a))) (hashset-difference! x b)
          (test-equal (sorted (lset-difference = la lb)) (elements x)))
        (let ((x (hashset-copy a))) (hashset-xor! x b)
          (test-equal (sorted (lset-xor = la lb)) (elements x)))
        (test-equal (sorted lb) (elements b))))))

(test-group "iteration"
  (let* ((values (append edges '(5 6 7)))
         (s (list->hashset values)))
    (test-equal (sorted values) (sorted (hashset-fold cons '() s)))
    (test-equal (apply + values) (hashset-fold + 0 s))
    (test-equal (sorted (map 1+ values)) (sorted (hashset-map->list 1+ s)))
    (test-equal (count odd? values) (hashset-count odd? s))
    (test-equal (sorted (filter negative? values)) (elements (hashset-filter negative? s)))
    (test-equal (sorted values) (elements s))
    (test-equal 7 (hashset-any (lambda (v) (and (= v 7) v)) s))
    (test-equal #f (hashset-any (lambda (v) (= v 8)) s))
    (test-assert (hashset-every exact-integer? s))
    (test-equal #f (hashset-every positive? s))
    (let ((seen '()))
      (test-assert (unspecified? (hashset-for-each (lambda (v) (set! seen (cons v seen))) s)))
      (test-equal (sorted values) (sorted seen)))
    ;; A generator returns every element once, then the eof object for good.
    (let ((next (hashset-generator s)))
      (let loop ((taken '()))
        (let ((v (next)))
          (if (eof-object? v)
              (test-equal (sorted values) (sorted taken))
              (loop (cons v taken)))))
      (test-assert (eof-object? (next)))
      (hashset-add! s 1000)          ; a change after the end is not an error
      (test-assert (eof-object? (next))))
    (hashset-remove! s 1000)
    (test-equal 0 (hashset-fold + 0 (make-hashset)))))

(test-group "iteration detects a change"
  (let ((s (hashset 1 2 3)))
    (test-equal 'hashset-concurrent-modification
      (thrown (lambda () (hashset-for-each (lambda (v) (hashset-add! s (+ v 100))) s))))
    (test-equal 4 (hashset-size s))          ; the one change made happened
    (test-equal 'hashset-concurrent-modification
      (thrown (lambda () (hashset-fold (lambda (v acc) (hashset-remove! s v) acc) 0 s))))
    (test-equal 'hashset-concurrent-modification
      (thrown (lambda () (hashset-for-each (lambda (v) (hashset-clear! s)) s))))
    (test-assert (hashset-empty? s))
    (hashset-add-all! s '(1 2 3))
    (let ((next (hashset-generator s)))
      (next)
      (hashset-add! s 2)                     ; not a change: already there
      (test-assert (exact-integer? (next)))
      (hashset-remove! s 99)                 ; not a change either
      (test-assert (exact-integer? (next)))
      (hashset-union! s (hashset 50))
      (test-equal 'hashset-concurrent-modification (thrown next))
      (test-equal 'hashset-concurrent-modification (thrown next)))
    ;; Leaving an iteration early (an escape) leaves the set usable.
    (test-equal 'found
      (call/cc (lambda (k) (hashset-for-each (lambda (v) (k 'found)) s))))
    (test-equal 'mine (catch 'mine (lambda () (hashset-for-each (lambda (v) (throw 'mine)) s))
                        (lambda (key . _) key)))
    (test-equal '(1 2 3 50) (elements s))))

(test-group "serialization"
  (let* ((s (list->hashset edges))
         (bytes (hashset->bytevector s)))
    (test-assert (bytevector? bytes))
    (test-assert (hashset=? s (bytevector->hashset bytes)))
    (test-equal bytes (hashset->bytevector (list->hashset (reverse edges))))
    (test-equal (sorted edges) (elements (bytevector->hashset bytes)))
    (let ((broken (bytevector-copy bytes)))
      (bytevector-u8-set! broken 20 (logxor 1 (bytevector-u8-ref broken 20)))
      (test-equal 'hashset-format-error (thrown (lambda () (bytevector->hashset broken)))))
    (test-equal 'hashset-format-error (thrown (lambda () (bytevector->hashset #vu8()))))
    (test-equal '() (elements (bytevector->hashset (hashset->bytevector (make-hashset)))))))

(test-group "close"
  (let ((s (hashset 1 2 3))
        (other (hashset 1)))
    (define next (hashset-generator s))
    (test-equal 1 (hashset-size other))
    (test-assert (not (hashset-closed? s)))
    (hashset-close! s)
    (test-assert (hashset-closed? s))
    (test-assert (hashset? s))
    (test-assert (unspecified? (hashset-close! s)))   ; closing twice is harmless
    (for-each
     (lambda (use)
       (test-equal (car use) 'hashset-closed (thrown (cdr use))))
     `(("add!" . ,(lambda () (hashset-add! s 4)))
       ("contains?" . ,(lambda () (hashset-contains? s 1)))
       ("remove!" . ,(lambda () (hashset-remove! s 1)))
       ("pop!" . ,(lambda () (hashset-pop! s)))
       ("size" . ,(lambda () (hashset-size s)))
       ("empty?" . ,(lambda () (hashset-empty? s)))
       ("clear!" . ,(lambda () (hashset-clear! s)))
       ("reserve!" . ,(lambda () (hashset-reserve! s 10)))
       ("->list" . ,(lambda () (hashset->list s)))
       ("add-all!" . ,(lambda () (hashset-add-all! s '(1))))
       ("copy" . ,(lambda () (hashset-copy s)))
       ("union receiver" . ,(lambda () (hashset-union s other)))
       ("union argument" . ,(lambda () (hashset-union other s)))
       ("union! argument" . ,(lambda () (hashset-union! other s)))
       ("=?" . ,(lambda () (hashset=? other s)))
       ("->bytevector" . ,(lambda () (hashset->bytevector s)))
       ("for-each" . ,(lambda () (hashset-for-each identity s)))
       ("generator made before" . ,next)
       ("generator made after" . ,(lambda () (hashset-generator s)))))
    (test-equal '(1) (elements other))))

;; Resident memory in kilobytes (Linux).
(define (rss-kb)
  (call-with-input-file "/proc/self/status"
    (lambda (port)
      (let loop ()
        (let ((line (read-line port)))
          (cond ((eof-object? line) 0)
                ((string-prefix? "VmRSS:" line)
                 (string->number (car (string-tokenize (substring line 6)))))
                (else (loop))))))))

(test-group "garbage collection frees the C++ sets"
  (let ((values (list->vector (iota 200000)))
        (before #f))
    (define (churn rounds close?)
      (do ((i 0 (1+ i))) ((= i rounds))
        (let ((s (make-hashset)))
          (hashset-add-all! s values)
          (when close? (hashset-close! s)))
        (when (zero? (modulo i 5)) (gc))))
    (churn 5 #f)
    (gc)
    (set! before (rss-kb))
    ;; 40 sets of 200000 elements hold about 100 MB when none is freed.
    (churn 40 #f)
    (gc)
    (test-assert (format #f "GC: RSS grew by ~a kB" (- (rss-kb) before))
                 (< (- (rss-kb) before) 40000))
    (set! before (rss-kb))
    (churn 40 #t)                            ; closed sets are not freed twice
    (gc)
    (test-assert (format #f "close!: RSS grew by ~a kB" (- (rss-kb) before))
                 (< (- (rss-kb) before) 40000))))

;; The set is referenced by nothing but the generator's closure when (gc) runs.
(test-group "dropping the set mid-iteration finishes the iteration"
  (let* ((values (map (lambda (i) (- (* i 7919) 3000)) (iota 1000)))
         (next ((lambda () (hashset-generator (list->hashset values)))))
         (rest (make-hash-table)))
    (for-each (lambda (v) (hash-set! rest v #t)) values)
    (let ((first (next)))
      (test-assert (hash-ref rest first))
      (hash-remove! rest first))
    (gc)
    (gc)
    (let loop ((seen '()))
      (let ((value (next)))
        (if (eof-object? value)
            (begin
              (test-equal "each remaining element once" (hash-count (const #t) rest) (length seen))
              (test-equal (oracle-elements rest) (sorted seen)))
            (loop (cons value seen)))))))

;; A child guile (this executable, this load path and environment) that leaves
;; live sets, generators mid-way, a closed set and a cycle, and exits.
(test-group "process exit with live sets is clean"
  (let* ((module-dir (dirname (search-path %load-path "hashset.scm")))
         (script "(use-modules (hashset))
                  (define live
                    (map (lambda (i)
                           (let* ((s (list->hashset (iota (* i 100))))
                                  (next (hashset-generator s)))
                             (next)
                             (cons s next)))
                         (iota 50)))
                  (define large (list->hashset (iota 1000000)))
                  (define large-next (hashset-generator large))
                  (large-next)
                  (define closed (hashset 1 2 3))
                  (define closed-next (hashset-generator closed))
                  (hashset-close! closed)
                  (define cycle (vector (hashset 7) #f))
                  (vector-set! cycle 1 cycle)
                  (display \"live sets left at exit\n\")")
         (errors (mkstemp! (string-copy "/tmp/hashset-guile-exit-XXXXXX")))
         (child (with-error-to-port errors
                  (lambda ()
                    (open-pipe* OPEN_READ (readlink "/proc/self/exe") "--no-auto-compile"
                                "-L" module-dir "-c" script))))
         (output (get-string-all child))
         (status (close-pipe child)))
    (test-equal "" (call-with-input-file (port-filename errors) get-string-all))
    (delete-file (port-filename errors))
    (close-port errors)
    (test-equal 0 (status:exit-val status))
    (test-equal "live sets left at exit\n" output)))

(define runner (test-runner-current))
(define failures (+ (test-runner-fail-count runner) (test-runner-xpass-count runner)))
(define passes (test-runner-pass-count runner))
(test-end "guile-idioms")
(format #t "idioms: ~a passed, ~a failed~%" passes failures)
(exit (if (and (zero? failures) (> passes 300)) 0 1))
