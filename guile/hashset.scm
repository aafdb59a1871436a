;;; (hashset): a set of exact 64-bit integers, backed by the C++ hashset.
;;;
;;; Loads the SWIG extension libguile-hashset (put its folder on
;;; GUILE_EXTENSIONS_PATH) and exports its primitives plus the Scheme-level
;;; procedures below. Elements are exact integers in [-2^63, 2^63): anything
;;; else throws `out-of-range' (a bigger exact integer) or `wrong-type-arg'
;;; (inexact numbers such as 1.5 and 1.0, strings, #f, '(), ...) and leaves the
;;; set unchanged. Other error keys: `hashset-empty' (pop of an empty set),
;;; `hashset-concurrent-modification' (the set changed during an iteration),
;;; `hashset-format-error' (bytes that are not a serialized set),
;;; `hashset-closed' (a set used after hashset-close!).
;;;
;;; Sets are freed by the garbage collector, or at once by hashset-close!.

(define-module (hashset)
  #:export (;; construction
            make-hashset hashset list->hashset hashset-copy hashset?
            ;; elements (primitives)
            hashset-add! hashset-contains? hashset-remove! hashset-pop!
            hashset-size hashset-empty? hashset-clear! hashset-reserve!
            hashset-add-all! hashset-remove-all! hashset->list
            ;; comparisons
            hashset-equal? hashset-subset? hashset-superset? hashset-disjoint?
            hashset=? hashset<=? hashset>=? hashset<? hashset>?
            ;; set algebra
            hashset-union hashset-intersection hashset-difference hashset-xor
            hashset-union! hashset-intersection! hashset-difference! hashset-xor!
            ;; iteration (fail-fast)
            hashset-generator hashset-for-each hashset-fold hashset-map->list
            hashset-filter hashset-count hashset-any hashset-every
            ;; serialization
            hashset->bytevector bytevector->hashset
            ;; release
            hashset-close! hashset-closed?))

;; At expansion time too, so the compiler knows the primitives' names.
(eval-when (expand load eval)
  (load-extension "libguile-hashset" "scm_init_hashset_module"))

(define (make-hashset)
  "Return a new, empty hashset."
  (new-hashset))

(define (list->hashset values)
  "Return a new hashset of VALUES, a list (or vector) of exact integers."
  (let ((set (new-hashset)))
    (hashset-add-all! set values)
    set))

(define (hashset . values)
  "Return a new hashset of the given exact integers."
  (list->hashset values))

(define (hashset? object)
  "Return #t when OBJECT is a hashset (open or closed)."
  (%hashset? object))

(define (hashset-closed? set)
  "Return #t when SET was released by hashset-close!."
  (%hashset-closed? set))

(define (hashset-close! set)
  "Free SET's memory now; any later use throws `hashset-closed'. Closing
twice is harmless."
  (%hashset-close! set))

;; SRFI-113 style comparison names.
(define (hashset=? a b) (hashset-equal? a b))
(define (hashset<=? a b) (hashset-subset? a b))
(define (hashset>=? a b) (hashset-superset? a b))
(define (hashset<? a b)
  (and (< (hashset-size a) (hashset-size b)) (hashset-subset? a b)))
(define (hashset>? a b)
  (and (> (hashset-size a) (hashset-size b)) (hashset-superset? a b)))

(define (hashset-generator set)
  "Return a generator (SRFI-158 style) of SET's elements: each call returns
the next element, then the eof object. Throws
`hashset-concurrent-modification' if SET changed since the generator was
made, `hashset-closed' if it was closed."
  (let ((iterator (new-hashset-iterator set)))
    (lambda () (hashset-iterator-next-value iterator set))))

(define (hashset-fold kons knil set)
  "Fold KONS over SET's elements: (kons element accumulator)."
  (let ((next (hashset-generator set)))
    (let loop ((accumulator knil))
      (let ((value (next)))
        (if (eof-object? value)
            accumulator
            (loop (kons value accumulator)))))))

(define (hashset-for-each proc set)
  "Call PROC on each element of SET. Changing SET meanwhile throws
`hashset-concurrent-modification'."
  (hashset-fold (lambda (value _) (proc value) #t) #t set)
  (if #f #f))

(define (hashset-map->list proc set)
  "A list of (PROC element) for each element of SET."
  (hashset-fold (lambda (value results) (cons (proc value) results)) '() set))

(define (hashset-filter pred set)
  "A new hashset of the elements of SET that satisfy PRED."
  (list->hashset
   (hashset-fold (lambda (value kept) (if (pred value) (cons value kept) kept)) '() set)))

(define (hashset-count pred set)
  "How many elements of SET satisfy PRED."
  (hashset-fold (lambda (value count) (if (pred value) (1+ count) count)) 0 set))

(define (hashset-any pred set)
  "The first true (PRED element), or #f."
  (let ((next (hashset-generator set)))
    (let loop ()
      (let ((value (next)))
        (cond ((eof-object? value) #f)
              ((pred value))
              (else (loop)))))))

(define (hashset-every pred set)
  "#t when every element of SET satisfies PRED (the last result, like every)."
  (let ((next (hashset-generator set)))
    (let loop ((last #t))
      (let ((value (next)))
        (if (eof-object? value)
            last
            (let ((result (pred value)))
              (and result (loop result))))))))
