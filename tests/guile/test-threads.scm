;;; Threads (docs/threads.md): Guile's threads run in parallel, and every
;;; hashset primitive holds the binding's process-wide lock, so calls on one
;;; shared set are serialised; an iteration that another thread disturbs
;;; throws hashset-concurrent-modification. 8 threads share one set, each
;;; checked against its own model; the final contents must be exact.
;;; HASHSET_LONG=1 selects the long profile (8 x 100,000 operations).
;;; SRFI-64; exits non-zero on failure.

(use-modules (hashset)
             (srfi srfi-1)
             (srfi srfi-64)
             (ice-9 threads)
             (ice-9 format))

(define long? (equal? (getenv "HASHSET_LONG") "1"))
(define thread-count 8)
(define ops (if long? 100000 2000))
(define span (ash 1 40))                ; thread t owns keys [t * span, t * span + 4096)
(define deadline-seconds (if long? 1200 120))

;; Runs (body t) in COUNT threads; returns their results in order. A thread
;; still running at the deadline is a deadlock: the process exits at once.
(define (in-threads count body)
  (let* ((until (+ (current-time) deadline-seconds))
         (threads (map (lambda (t)
                         (call-with-new-thread
                          (lambda ()
                            (catch #t
                              (lambda () (cons 'ok (body t)))
                              (lambda (key . args) (list 'error key args))))))
                       (iota count))))
    (map (lambda (thread)
           (let ((result (join-thread thread until 'timeout)))
             (when (eq? result 'timeout)
               (format (current-error-port) "deadlock: a thread did not finish~%")
               (primitive-exit 3))
             (if (eq? (car result) 'ok)
                 (cdr result)
                 (error "a thread failed:" (cdr result)))))
         threads)))

(define (check what ok)
  (unless ok (error "wrong result:" what)))

;; Runs THUNK; returns #t when it throws KEY, #f when it returns.
(define (throws? key thunk)
  (catch key (lambda () (thunk) #f) (lambda _ #t)))

(test-begin "guile-threads")

(test-group "mixed operations keep exact contents"
  (let* ((shared (make-hashset))
         (began (get-internal-real-time))
         (results
          (in-threads
           thread-count
           (lambda (t)
             (let ((state (seed->random-state (+ 1000 t)))
                   (model (make-hash-table))
                   (base (* t span))
                   (completed 0)
                   (interrupted 0))
               (define (key) (+ base (random 4096 state)))
               (define (mine? k) (hashv-ref model k #f))
               (do ((i 0 (1+ i))) ((= i ops))
                 (when (zero? (random 4 state)) (yield))
                 (let ((k (key)))
                   (case (random 12 state)
                     ((0 1 2)
                      (check 'add (eq? (hashset-add! shared k) (not (mine? k))))
                      (hashv-set! model k #t))
                     ((3 4)
                      (check 'remove (eq? (hashset-remove! shared k) (mine? k)))
                      (hashv-remove! model k))
                     ((5) (check 'contains (eq? (hashset-contains? shared k) (mine? k))))
                     ((6 7)
                      (let* ((keys (map (lambda (_) (key)) (iota (1+ (random 16 state)))))
                             (distinct (delete-duplicates keys)))
                        (if (even? i)
                            (begin
                              (check 'add-all (= (hashset-add-all! shared keys)
                                                 (count (lambda (x) (not (mine? x))) distinct)))
                              (for-each (lambda (x) (hashv-set! model x #t)) keys))
                            (begin
                              (check 'remove-all (= (hashset-remove-all! shared (list->vector keys))
                                                    (count mine? distinct)))
                              (for-each (lambda (x) (hashv-remove! model x)) keys)))))
                     ((8)               ; two-set calls, and a bad bulk call that changes nothing
                      (let ((private (hashset k (1+ k)))
                            (fresh (key)))
                        (hashset-union! shared private)
                        (hashv-set! model k #t)
                        (hashv-set! model (1+ k) #t)
                        (check 'own-keys (and (hashset-subset? private shared)
                                              (hashset-superset? shared private)))
                        (hashset-close! private)
                        (unless (mine? fresh)
                          (check 'bad-bulk-call-refused
                                 (throws? 'wrong-type-arg (lambda () (hashset-add-all! shared (list fresh 1.5)))))
                          (check 'bad-bulk-call-changed-nothing (not (hashset-contains? shared fresh))))))
                     ((9)
                      (hashset-contains? shared (+ (* (random thread-count state) span) (random 4096 state)))
                      (check 'size (>= (hashset-size shared) (hash-count (const #t) model))))
                     ((10)
                      (when (zero? (random 8 state))
                        (let ((snapshot (make-hash-table)))
                          (for-each (lambda (x) (hashv-set! snapshot x #t)) (hashset->list shared))
                          (hash-for-each (lambda (x _) (check 'snapshot (hashv-ref snapshot x #f))) model))))
                     (else
                      (when (zero? (random 8 state))
                        ;; Half the iterations let other threads run once, mid-way.
                        (let ((yield-at (if (zero? (random 2 state))
                                            (random (1+ (hashset-size shared)) state)
                                            -1))
                              (step 0))
                          (if (throws? 'hashset-concurrent-modification
                                       (lambda ()
                                         (hashset-for-each (lambda (_)
                                                             (when (= step yield-at) (yield))
                                                             (set! step (1+ step)))
                                                           shared)))
                              (set! interrupted (1+ interrupted))
                              (set! completed (1+ completed)))))))))
               (list model completed interrupted)))))
         (expected (make-hash-table)))
    (for-each (lambda (result)
                (hash-for-each (lambda (x _) (hashv-set! expected x #t)) (car result)))
              results)
    (test-equal "size is the union of the models" (hash-count (const #t) expected) (hashset-size shared))
    (test-equal "contents are the union of the models"
      (sort (hash-map->list (lambda (x _) x) expected) <)
      (sort (hashset->list shared) <))
    (format #t "threads: ~a x ~a ops in ~,1f s; iterations completed ~a, interrupted by hashset-concurrent-modification ~a~%"
            thread-count ops
            (exact->inexact (/ (- (get-internal-real-time) began) internal-time-units-per-second))
            (apply + (map cadr results)) (apply + (map caddr results)))))

(test-group "iteration while another thread mutates throws"
  (let* ((set (hashset 1 2 3))
         (next (hashset-generator set)))
    (next)
    (in-threads 1 (lambda (_) (hashset-add! set 4)))
    (test-assert "the next step throws" (throws? 'hashset-concurrent-modification next)))
  (let ((busy (list->hashset (iota 1000)))
        (stop #f)
        (failures 0))
    (in-threads 2 (lambda (t)
                    (if (zero? t)
                        (let loop ((i 1000))
                          (unless stop
                            (hashset-add! busy i)
                            (hashset-remove! busy (- i 1000))
                            (loop (1+ i))))
                        (begin
                          (do ((round 0 (1+ round)))
                              ((or (>= failures 5) (>= round 200)))
                            (when (throws? 'hashset-concurrent-modification
                                           (lambda () (hashset-for-each (lambda (_) #t) busy)))
                              (set! failures (1+ failures))))
                          (set! stop #t)))))
    (test-assert "an iteration under a busy writer throws" (> failures 0))))

(test-group "crossed updates do not deadlock"
  (let ((a (list->hashset (iota 100)))
        (b (list->hashset (iota 100 1000)))
        (rounds (if long? 100000 5000)))
    (in-threads 2 (lambda (t)
                    (do ((i 0 (1+ i))) ((= i rounds))
                      (if (zero? t) (hashset-union! a b) (hashset-union! b a)))))
    (test-equal "a holds both" 200 (hashset-size a))
    (test-assert "a and b are equal" (hashset-equal? a b))))

(test-group "close racing with calls never crashes"
  (do ((round 0 (1+ round))) ((= round (if long? 2000 20)))
    (let ((set (hashset 1 2 3 4 5))
          (other (hashset 9))
          (unexpected '())
          (unexpected-lock (make-mutex)))
      (in-threads
       4
       (lambda (t)
         (let ((state (seed->random-state t)))
           (if (zero? t)
               (begin
                 (let loop () (unless (zero? (random 8 state)) (yield) (loop)))
                 (hashset-close! set)
                 (hashset-close! set))
               (do ((i 0 (1+ i))) ((= i 200))
                 (when (zero? (random 4 state)) (yield))
                 ;; Closed, or changed by another thread: both are the contract.
                 (catch #t
                   (lambda ()
                     (case (random 6 state)
                       ((0) (hashset-add! set i))
                       ((1) (hashset-contains? set i))
                       ((2) (hashset->list set))
                       ((3) (hashset-union! set other))
                       ((4) (hashset-union! other set))
                       (else (hashset-for-each (lambda (_) (yield)) set))))
                   (lambda (key . _)
                     (unless (memq key '(hashset-closed hashset-concurrent-modification))
                       (with-mutex unexpected-lock
                         (set! unexpected (cons key unexpected)))))))))))
      (unless (null? unexpected) (error "unexpected errors:" unexpected))
      (check 'closed (hashset-closed? set))
      (check 'use-after-close-throws (throws? 'hashset-closed (lambda () (hashset-add! set 1))))
      (hashset-close! other))))

(define failures (+ (test-runner-fail-count (test-runner-current))
                    (test-runner-xpass-count (test-runner-current))))
(test-end "guile-threads")
(exit (if (zero? failures) 0 1))
