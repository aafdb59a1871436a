## Replays the language-neutral spec (tests/conformance/spec.txt, or the file
## named by the environment variable HASHSET_SPEC) on the Octave binding.
## Run with Octave's test: test('test_conformance'). Every statement of the
## spec is expressible in Octave (big:N is a uint64 above 2^63 or a double
## below -2^63, null is []), so none is skipped as not applicable.
function [statements, not_applicable] = test_conformance ()
  spec = getenv ('HASHSET_SPEC');
  if (isempty (spec))
    spec = fullfile (fileparts (mfilename ('fullpath')), '..', 'conformance', 'spec.txt');
  endif
  text = fileread (spec);
  lines = regexp (text, '\r?\n', 'split');
  hashset;
  sets = struct ();
  statements = 0;
  not_applicable = 0;
  for number = 1:numel (lines)
    line = strtrim (lines{number});
    if (isempty (line) || line(1) == '#')
      continue;
    endif
    where = sprintf ('%s:%d: %s', spec, number, line);
    if (strncmp (line, 'case ', 5))
      sets = struct ();
      continue;
    endif
    parts = strsplit (line, ' -> ');
    tokens = strsplit (strtrim (parts{1}), ' ');
    expected = '';
    if (numel (parts) > 1)
      expected = strtrim (parts{2});
    endif
    op = tokens{1};
    args = parse_tokens (tokens(2:end));
    statements += 1;
    if (strncmp (expected, 'error:', 6))
      id = ['hashset:' expected(7:end)];
      raised = '';
      try
        [~, sets] = call (hashset, sets, op, args);
      catch err
        raised = err.identifier;
      end_try_catch
      if (! strcmp (raised, id))
        error ('%s\n  expected error %s, got "%s"', where, id, raised);
      endif
      continue;
    endif
    [result, sets] = call (hashset, sets, op, args);
    if (! isempty (expected))
      check (where, op, result, parse_tokens (strsplit (expected, ' ')){1});
    endif
  endfor
  printf ('conformance: %d statements replayed, %d not applicable\n', statements, not_applicable);
endfunction

## Values and lists ([ ... ]) of a statement, in order: a list is a cell
## array of its tokens.
function values = parse_tokens (tokens)
  values = {};
  stack = {};
  for i = 1:numel (tokens)
    token = tokens{i};
    if (strcmp (token, '['))
      stack{end+1} = {};
    elseif (strcmp (token, ']'))
      done = stack{end};
      stack(end) = [];
      if (isempty (stack))
        values{end+1} = done;
      else
        stack{end}{end+1} = done;
      endif
    elseif (isempty (stack))
      values{end+1} = token;
    else
      stack{end}{end+1} = token;
    endif
  endfor
endfunction

## A decimal integer token as an exact int64 (int64 arithmetic is exact
## within its range; digits are accumulated toward the sign).
function value = parse_int64 (text)
  negative = text(1) == '-';
  value = int64 (0);
  for digit = text(1 + negative:end) - '0'
    if (negative)
      value = value * 10 - digit;
    else
      value = value * 10 + digit;
    endif
  endfor
endfunction

## A spec value token as the Octave value a user would pass.
function value = parse_value (token)
  if (strcmp (token, 'null'))
    value = [];
  elseif (strncmp (token, 'big:', 4))
    digits = token(5:end);
    if (digits(1) == '-')
      value = str2double (digits);   # below -2^63: only a double can hold it
    else
      value = uint64 (0);           # up to 2^64-1, exact
      for digit = digits - '0'
        value = value * 10 + digit;
      endfor
    endif
  elseif (strncmp (token, 'float:', 6))
    value = str2double (token(7:end));
  elseif (strncmp (token, 'str:', 4))
    value = token(5:end);
  elseif (strncmp (token, 'hex:', 4))
    hex = token(5:end);
    value = uint8 (hex2dec (reshape (hex, 2, [])'))';
    if (isempty (hex))
      value = zeros (1, 0, 'uint8');
    endif
  else
    value = parse_int64 (token);
  endif
endfunction

## A list token as the argument of a bulk call: an int64 row vector when all
## values are integers, else a cell array of the parsed values (Octave cannot
## put [] or a string inside a numeric array).
function values = parse_list (tokens)
  parsed = cellfun (@parse_value, tokens, 'UniformOutput', false);
  if (all (cellfun (@(v) isa (v, 'int64'), parsed)))
    values = [parsed{:}];
    if (isempty (values))
      values = zeros (1, 0, 'int64');
    endif
  else
    values = parsed;
  endif
endfunction

## `module` is the loaded module (the variable `hashset` of the caller).
function [result, sets] = call (module, sets, op, args)
  result = [];
  name = args{1};
  switch (op)
    case 'new'
      if (numel (args) > 1)
        sets.(name) = module.HashSet (parse_list (args{2}));
      else
        sets.(name) = module.HashSet ();
      endif
      return;
    case 'copy'
      sets.(args{2}) = sets.(name).copy ();
      return;
    case 'deserialize'
      sets.(name) = module.HashSet.deserialize (parse_value (args{2}));
      return;
  endswitch
  s = sets.(name);
  switch (op)
    case 'insert'
      result = s.insert (parse_value (args{2}));
    case 'contains'
      result = s.contains (parse_value (args{2}));
    case 'erase'
      result = s.erase (parse_value (args{2}));
    case 'insert_many'
      result = s.insert_many (parse_list (args{2}));
    case 'erase_many'
      result = s.erase_many (parse_list (args{2}));
    case 'size'
      result = numel (s);
      assert (s.size (), result);
    case 'empty'
      result = isempty (s);
      assert (s.empty (), result);
    case 'clear'
      s.clear ();
    case 'reserve'
      s.reserve (parse_value (args{2}));
    case 'pop'
      result = s.pop ();
    case 'collect'
      result = s.collect ();
    case 'iterate'
      result = zeros (1, 0, 'int64');
      it = s.iterator ();
      while (it.has_next ())
        result(end+1) = it.next ();
      endwhile
    case 'iterate_then_insert'
      it = s.iterator ();
      it.next ();
      s.insert (parse_value (args{2}));
      result = it.next ();
    case 'iterate_then_close'
      it = s.iterator ();
      it.next ();
      s.delete ();
      result = it.next ();
    case 'close'
      s.delete ();
    case 'serialize'
      result = s.serialize ();
    case 'equals'
      result = s == sets.(args{2});
    case 'is_subset'
      result = s.is_subset (sets.(args{2}));
    case 'is_superset'
      result = s.is_superset (sets.(args{2}));
    case 'is_disjoint'
      result = s.is_disjoint (sets.(args{2}));
    case {'union', 'intersection', 'difference', 'symmetric_difference'}
      method = struct ('union', 'union', 'intersection', 'intersect', ...
                       'difference', 'setdiff', 'symmetric_difference', 'setxor').(op);
      result = s.(method) (sets.(args{2})).collect ();
    case {'update', 'intersection_update', 'difference_update', 'symmetric_difference_update'}
      s.(op) (sets.(args{2}));
    otherwise
      error ('unknown operation %s', op);
  endswitch
endfunction

function check (where, op, result, want)
  if (iscell (want))
    ok = isa (result, 'int64') && isrow (result) || isempty (result) && isa (result, 'int64');
    ok = ok && isequal (sort (result), sort (parse_list (want)));
  elseif (any (strcmp (want, {'true', 'false'})))
    ok = islogical (result) && isscalar (result) && result == strcmp (want, 'true');
  elseif (strncmp (want, 'hex:', 4))
    ok = isa (result, 'uint8') && isequal (result, parse_value (want));
  elseif (strcmp (op, 'pop'))
    ok = isa (result, 'int64') && result == parse_int64 (want);
  else
    ok = isa (result, 'double') && result == double (parse_int64 (want));
  endif
  if (! ok)
    error ('%s\n  got %s (%s)', where, mat2str (result), class (result));
  endif
endfunction

%!test
%! [statements, not_applicable] = test_conformance ();
%! ## Every statement of the spec ran (counted independently of the runner).
%! spec = getenv ('HASHSET_SPEC');
%! if (isempty (spec))
%!   spec = fullfile (fileparts (which ('test_conformance')), '..', 'conformance', 'spec.txt');
%! endif
%! lines = strtrim (regexp (fileread (spec), '\r?\n', 'split'));
%! lines = lines(! cellfun (@isempty, lines));
%! expected = sum (! strncmp (lines, '#', 1) & ! strncmp (lines, 'case ', 5));
%! assert (statements, expected);
%! assert (statements > 100);
%! assert (not_applicable, 0);
