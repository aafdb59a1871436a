## Leaks over time (docs/reliability.md): many create/fill/iterate/destroy
## cycles with the error paths taken, half the sets deleted and half freed by
## Octave with their last reference; resident memory must stay flat.
## HASHSET_LONG=1 selects the long profile. Run with test('test_leaks').
function test_leaks ()
  test ('test_leaks');
endfunction

%!function bytes = rss_bytes ()
%!  fields = sscanf (fileread ('/proc/self/statm'), '%d');
%!  bytes = fields(2) * 4096;
%!endfunction

## Fails the cycle unless f() raises an error with the identifier id.
%!function expect_error (f, id)
%!  try
%!    f ();
%!  catch err
%!    if (! strcmp (err.identifier, id))
%!      error ('expected %s, got %s: %s', id, err.identifier, err.message);
%!    endif
%!    return;
%!  end_try_catch
%!  error ('expected %s, got no error', id);
%!endfunction

## One cycle: sets built every way, iterated fully, partly and past a change,
## every error path taken; the sets of odd cycles and the partial iterator
## are left to Octave. `module` is the loaded module (the variable `hashset`
## of the caller); `block` joins every set after its full iteration.
%!function cycle (module, i, block)
%!  s = module.HashSet ([i, i+1, i+2, i+3]);
%!  s.insert_many ([-i, mod(i, 64), mod(i, 64)]);
%!  visited = 0;
%!  full = s.iterator ();
%!  while (full.has_next ())
%!    full.next ();
%!    visited++;
%!  endwhile
%!  if (visited != s.numel ())
%!    error ('cycle %d', i);
%!  endif
%!  s.insert_many (block);
%!  copy = s.copy ();
%!  copy.update (s);
%!  u = s | module.HashSet (i + 100);
%!  restored = module.HashSet.deserialize (u.serialize ());
%!  if (! (copy == s && restored == u))
%!    error ('cycle %d', i);
%!  endif
%!  partial = restored.iterator ();  # a partial iteration, never finished
%!  partial.next ();
%!  stale = copy.iterator ();
%!  stale.next ();
%!  copy.insert (i + 200);
%!  expect_error (@() stale.next (), 'hashset:concurrent');
%!  expect_error (@() s.insert (1.5), 'hashset:type');
%!  expect_error (@() module.HashSet.deserialize (uint8 ([1 2 3])), 'hashset:format');
%!  empty = module.HashSet ();
%!  expect_error (@() empty.pop (), 'hashset:empty');
%!  empty.delete ();
%!  expect_error (@() empty.pop (), 'hashset:closed');
%!  if (mod (i, 2) == 0)
%!    s.delete ();
%!    copy.delete ();
%!    u.delete ();
%!    restored.delete ();
%!  endif
%!endfunction

%!test
%! hashset;
%! long = strcmp (getenv ('HASHSET_LONG'), '1');
%! ## A cycle takes about half a millisecond, so the short profile runs few
%! ## cycles; each set also gets this block of elements, which makes one
%! ## leaked set (or iterator, which keeps its set's elements) cost about
%! ## 18 KB of native memory instead of 215 bytes: one per cycle would cost
%! ## about 35 MiB even in the short profile.
%! block = int64 (2^40) + int64 (0:999);
%! bound = 8 * 2^20;
%! if (long)
%!   warm_up = 100000; cycles = 1000000;
%! else
%!   warm_up = 500; cycles = 2000;
%! endif
%! for i = 1:warm_up
%!   cycle (hashset, i, block);
%! endfor
%! before = rss_bytes ();
%! began = tic ();
%! checkpoints = [];
%! for i = 1:cycles
%!   cycle (hashset, i, block);
%!   if (mod (i, cycles / 5) == 0)
%!     checkpoints(end+1) = floor ((rss_bytes () - before) / 1024);
%!   endif
%! endfor
%! growth = rss_bytes () - before;
%! printf ('leaks: %d cycles in %.1f s, resident growth %d KiB (checkpoints, KiB: %s)\n', cycles, ...
%!         toc (began), floor (growth / 1024), num2str (checkpoints));
%! assert (growth < bound, 'resident memory grew by %d KiB', floor (growth / 1024));
