#!/usr/bin/perl
# The Perl API beyond the spec, checked against a Perl hash used as a set
# (keys are the decimal strings of the elements).
use strict;
use warnings;
use Test::More;
use Math::BigInt;
use Scalar::Util qw(refaddr);
use hashset;

no warnings 'experimental::builtin';
use builtin ();

my $MIN = -9223372036854775808;    # an IV
my $MAX = 9223372036854775807;     # an IV
my @EDGES = ($MIN, $MAX, -1, 0, 1, 9007199254740991, 9007199254740992, 9007199254740993,
             -9007199254740993);

# Warnings are failures: a conversion must never warn ("isn't numeric", ...).
my @warnings;
$SIG{__WARN__} = sub { push @warnings, $_[0] };

srand(20261124);
sub random_value {
    my $r = rand();
    return $EDGES[ int rand @EDGES ] if $r < 0.1;
    return int(rand(200)) - 100 if $r < 0.7;
    # A wide value: two 31-bit halves, sign included.
    return (int(rand(2**31)) << 32 | int(rand(2**32))) * (rand() < 0.5 ? -1 : 1);
}

sub sorted_keys { my ($oracle) = @_; return [sort { $a <=> $b } map { 0 + $_ } keys %$oracle] }
sub sorted { return [sort { $a <=> $b } @_] }
sub contents { my ($set) = @_; return [map {"$_"} sort { $a <=> $b } $set->elements] }
sub oracle_contents { my ($oracle) = @_; return [map {"$_"} @{ sorted_keys($oracle) }] }

sub dies_like(&$$) {
    my ($code, $pattern, $name) = @_;
    my $ok = eval { $code->(); 1 };
    return ok(!$ok && $@ =~ $pattern, $name) || diag('got: ' . ($ok ? 'no error' : $@));
}

subtest 'random operations agree with a hash' => sub {
    my $set = hashset::HashSet->new;
    my %oracle;
    my $mismatches = 0;
    for my $step (1 .. 3000) {
        my $x = random_value();
        my $op = int rand 4;
        if ($op == 0 || $op == 1) {
            my $new = !exists $oracle{$x};
            $oracle{$x} = 1;
            $mismatches++ unless !!$set->insert($x) == $new;
        } elsif ($op == 2) {
            my $was = exists $oracle{$x};
            delete $oracle{$x};
            $mismatches++ unless !!$set->erase($x) == $was;
        } else {
            $mismatches++ unless !!$set->contains($x) == !!exists $oracle{$x};
        }
        $mismatches++ unless $set->size == keys %oracle;
    }
    is($mismatches, 0, 'insert/erase/contains/size agree on 3000 random steps');
    is_deeply(contents($set), oracle_contents(\%oracle), 'the same elements');
    is_deeply([map {"$_"} @{ sorted(@{ $set->collect }) }], oracle_contents(\%oracle), 'collect agrees');
    is("$set", 'HashSet(' . join(', ', @{ oracle_contents(\%oracle) }) . ')', 'stringification sorts');
    my %popped;
    while ($set) { $popped{ $set->pop } = 1 }
    is_deeply(\%popped, \%oracle, 'pop hands out every element once');
    ok(!$set && $set->empty && $set->is_empty && $set->size == 0, 'then the set is empty and false');
};

subtest 'exact 64-bit integers' => sub {
    my $set = hashset::HashSet->new(\@EDGES);
    is($set->size, scalar @EDGES, 'all edges are distinct elements');
    is_deeply(contents($set), [map {"$_"} @{ sorted(@EDGES) }], 'they come back bit-exact');
    ok(!$set->contains(9007199254740994) && $set->contains(9007199254740993), '2**53+1 is not 2**53+2');
    for my $x (@EDGES) {
        my $one = hashset::HashSet->new([$x]);
        my $back = $one->pop;
        ok(builtin::created_as_number($back) && "$back" eq "$x", "pop gives back $x as an integer");
    }
    my $size = $set->size;
    ok(builtin::created_as_number($size) && $size == @EDGES, 'size is a number');
    ok(builtin::is_bool($set->insert(5)) && builtin::is_bool($set->contains(5)), 'predicates give booleans');
};

subtest 'accepted spellings of an integer' => sub {
    my $numified = '77';
    { no warnings; my $unused = $numified + 0; }
    my @cases = (
        [42, 42, 'an IV'],
        [18446744073709551615 - 18446744073709551615 + 7, 7, 'a UV-derived IV'],
        [9223372036854775807, $MAX, 'a UV-sized literal at the maximum'],
        [1e3, 1000, 'an integral double'],
        [-2**63, $MIN, 'the double -2**63'],
        ['42', 42, 'a decimal string'],
        ['-9223372036854775808', $MIN, 'the minimum as a string'],
        ['+5', 5, 'a string with a plus sign'],
        ['-0', 0, 'the string -0'],
        [$numified, 77, 'a string once used as a number'],
        [Math::BigInt->new('9007199254740993'), 9007199254740993, 'a Math::BigInt'],
        [!!1, 1, 'true'],
    );
    for my $case (@cases) {
        my ($input, $expected, $name) = @$case;
        my $set = hashset::HashSet->new;
        ok($set->insert($input) && $set->contains($expected) && $set->size == 1
           && "@{[$set->elements]}" eq "$expected", "$name is accepted");
    }
};

subtest 'bad values die and leave the set unchanged' => sub {
    my $empty_string = '';
    my @range = (
        ['9223372036854775808', 'a string past the maximum'],
        ['-9223372036854775809', 'a string below the minimum'],
        ['99999999999999999999999', 'a long string'],
        [9223372036854775808, 'the literal 2**63 (a UV)'],
        [18446744073709551615, 'the largest UV'],
        [2**63, 'the double 2**63'],
        [-2**64, 'the double -2**64'],
        [9**9**9, 'infinity'],
        [-9**9**9, 'minus infinity'],
        [Math::BigInt->new('9223372036854775808'), 'a Math::BigInt past the maximum'],
    );
    my @type = (
        [1.5, 'a fractional double'], [-0.5, 'a negative fraction'], ['1.5', 'a fractional string'],
        ['abc', 'a word'], [$empty_string, 'the empty string'], [' 42', 'a string with a space'],
        ['42 ', 'a string with a trailing space'], ['1e3', 'an exponent string'],
        ['0x10', 'a hex string'], ['4a', 'a string with a suffix'], ['-', 'a lone sign'],
        [undef, 'undef'], [[1], 'an array reference'], [{}, 'a hash reference'],
        [\1, 'a scalar reference'], [sub {1}, 'a code reference'], [9**9**9 / 9**9**9, 'NaN'],
        [hashset::HashSet->new([1]), 'a set'],
    );
    my $set = hashset::HashSet->new([1, 2, 3]);
    my $before = $set->serialize;
    my $check = sub {
        my ($value, $pattern, $name) = @_;
        for my $method (qw(insert erase contains)) {
            dies_like { $set->$method($value) } $pattern, "$method($name)";
        }
        dies_like { $set->insert_many([4, 5, $value]) } qr/^hashset: element 2: /, "insert_many with $name";
        dies_like { $set->erase_many([1, $value]) } $pattern, "erase_many with $name";
        dies_like { hashset::HashSet->new([4, $value]) } $pattern, "new with $name";
        dies_like { $set->reserve($value) } $pattern, "reserve($name)";
        is($set->serialize, $before, "the set is unchanged after $name");
    };
    $check->(@$_[0], qr/^hashset: .* is outside the int64 range \[-2\*\*63, 2\*\*63\) at \Q$0\E line/, $_->[1])
        for @range;
    $check->(@$_[0], qr/^hashset: .* is not an integer at \Q$0\E line/, $_->[1]) for @type;
    dies_like { $set->insert_many(5) } qr/^hashset: expected an array reference/, 'insert_many needs an array reference';
    dies_like { $set->insert_many({}) } qr/^hashset: expected an array reference/, 'not a hash reference';
    my @holes; $holes[2] = 7;
    dies_like { $set->insert_many(\@holes) } qr/^hashset: element 0: undef is not an integer/, 'an array with holes';
    dies_like { $set->reserve(-1) } qr/^hashset: a count cannot be negative/, 'reserve(-1)';
    dies_like { $set->insert(1, 2) } qr/Usage/, 'too many arguments';
    dies_like { hashset::HashSet::size(undef) } qr/^hashset: a method was called without an object/, 'no object';
    dies_like { hashset::HashSet->size } qr/TypeError/, 'a class is not an object';
    is($set->serialize, $before, 'still unchanged');
    is_deeply(\@warnings, [], 'no conversion warned');
    @warnings = ();
};

subtest 'collect and elements' => sub {
    my $set = hashset::HashSet->new([3, 1, 2]);
    my $list = $set->collect;
    is(ref $list, 'ARRAY', 'collect returns a plain array reference');
    ok(!Scalar::Util::blessed($list), 'not an object');
    push @$list, 99;
    is($set->size, 3, 'changing it leaves the set alone');
    is_deeply(sorted($set->elements), [1, 2, 3], 'elements returns a list');
    is(scalar(my @x = $set->elements), 3, 'of three items');
    is_deeply(hashset::HashSet->new->collect, [], 'an empty set collects to []');
};

subtest 'operators agree with a hash' => sub {
    for my $round (1 .. 30) {
        my (%a, %b);
        $a{ int(rand 40) } = 1 for 1 .. int rand 30;
        $b{ int(rand 40) } = 1 for 1 .. int rand 30;
        my $sa = hashset::HashSet->new([keys %a]);
        my $sb = hashset::HashSet->new([keys %b]);
        my %union = (%a, %b);
        my %inter = map { $_ => 1 } grep { $b{$_} } keys %a;
        my %diff = map { $_ => 1 } grep { !$b{$_} } keys %a;
        my %sym = map { $_ => 1 } grep { !($a{$_} && $b{$_}) } keys %union;
        my $eq = join(',', sort keys %a) eq join(',', sort keys %b);
        my $sub = !grep { !$b{$_} } keys %a;
        my $sup = !grep { !$a{$_} } keys %b;
        my $ok = 1;
        $ok &&= is_deeply(contents($sa | $sb), oracle_contents(\%union), "round $round: |");
        $ok &&= is_deeply(contents($sa & $sb), oracle_contents(\%inter), "round $round: &");
        $ok &&= is_deeply(contents($sa - $sb), oracle_contents(\%diff), "round $round: -");
        $ok &&= is_deeply(contents($sa ^ $sb), oracle_contents(\%sym), "round $round: ^");
        $ok &&= is_deeply(contents($sa | [keys %b]), oracle_contents(\%union), "round $round: | array");
        $ok &&= is_deeply(contents([keys %b] - $sa), oracle_contents({map { $_ => 1 } grep { !$a{$_} } keys %b}),
                          "round $round: array - set");
        $ok &&= ok(!!($sa == $sb) == $eq && !!($sa != $sb) == !$eq, "round $round: == !=");
        $ok &&= ok(!!($sa eq $sb) == $eq && !!($sa ne $sb) == !$eq, "round $round: eq ne");
        $ok &&= ok(!!($sa <= $sb) == $sub && !!($sa >= $sb) == $sup, "round $round: <= >=");
        $ok &&= ok(!!($sa < $sb) == ($sub && !$eq) && !!($sa > $sb) == ($sup && !$eq), "round $round: < >");
        $ok &&= ok(!!$sa->is_disjoint($sb) == !%inter, "round $round: is_disjoint");
        $ok &&= ok(!!$sa == !!%a, "round $round: bool");
        $ok &&= ok(!!($sa->union($sb) == ($sa | $sb)) && !!($sa->difference($sb) == ($sa - $sb)),
                   "round $round: methods match operators");
        $ok &&= is_deeply(contents($sa), oracle_contents(\%a), "round $round: operands unchanged");
        last unless $ok;
    }
    my $s = hashset::HashSet->new([1, 2]);
    ok(!($s == [1, 2]) && $s != 'x' && !($s == undef), 'a non-set is never equal');
    dies_like { my $x = $s | 'x' } qr/^hashset: 'x' is not a hashset::HashSet or an array reference at \Q$0\E line/,
        'a bad operand dies at the caller';
    dies_like { my $x = $s & [1.5] } qr/is not an integer/, 'a bad array operand dies';
    ok(hashset::HashSet->new ? 0 : 1, 'an empty set is false');
    is(hashset::HashSet->new . '', 'HashSet()', 'an empty set stringifies');
};

subtest 'assignment operators' => sub {
    my $s = hashset::HashSet->new([1, 2, 3]);
    my $address = refaddr($s);
    $s |= hashset::HashSet->new([4]);
    $s -= [1];
    $s &= [2, 3, 4, 5];
    $s ^= [5, 2];
    is_deeply(contents($s), [3, 4, 5], '|= -= &= ^= compute in place');
    is(refaddr($s), $address, 'on the same object when nobody shares it');
    my $t = $s;
    $s |= [6];
    is_deeply(contents($t), [3, 4, 5], 'a variable sharing the set keeps its contents (copy constructor)');
    is_deeply(contents($s), [3, 4, 5, 6], 'the assigned one changes');
    $t->update(hashset::HashSet->new([7]));
    is_deeply(contents($t), [3, 4, 5, 7], 'update() changes the set itself');
    $t->intersection_update($s);
    $t->difference_update(hashset::HashSet->new([3]));
    $t->symmetric_difference_update(hashset::HashSet->new([4, 8]));
    is_deeply(contents($t), [5, 8], 'and so do the other in-place methods');
};

subtest 'construction, copy and serialization' => sub {
    my $s = hashset::HashSet->new([5, 6, 5]);
    my $copy = hashset::HashSet->new($s);
    my $other = $s->copy;
    $s->insert(7);
    ok(!$copy->contains(7) && !$other->contains(7) && $copy == $other, 'copies are independent');
    my $bytes = $s->serialize;
    ok(!utf8::is_utf8($bytes), 'serialize gives a byte string');
    my $back = hashset::HashSet->deserialize($bytes);
    ok($back == $s && ref($back) eq 'hashset::HashSet', 'deserialize gives an equal set');
    ok(hashset::HashSet::deserialize($bytes) == $s, 'also as a function');
    my $upgraded = $bytes;
    utf8::upgrade($upgraded);
    ok(hashset::HashSet->deserialize($upgraded) == $s, 'an upgraded byte string is read as its bytes');
    dies_like { hashset::HashSet->deserialize("\x{263a}") } qr/Wide character/, 'wide characters die';
    dies_like { hashset::HashSet->deserialize(undef) } qr/^hashset: expected a byte string, not undef at \Q$0\E line/,
        'undef dies';
    dies_like { hashset::HashSet->deserialize(substr($bytes, 0, -1)) } qr/^hashset: not a serialized set .* at \Q$0\E line/,
        'truncated bytes die at the caller';
    my $big = hashset::HashSet->new([map { random_value() } 1 .. 500]);
    ok(hashset::HashSet->deserialize($big->serialize) == $big, 'a random set round-trips');
    dies_like { hashset::HashSet->new->pop } qr/^hashset: the set is empty at \Q$0\E line/, 'pop of an empty set';
};

subtest 'iteration' => sub {
    my %oracle = map { $_ => 1 } map { random_value() } 1 .. 200;
    my $set = hashset::HashSet->new([keys %oracle]);
    my $it = $set->iterator;
    is($it->remaining, scalar keys %oracle, 'remaining counts the elements');
    my %seen;
    while (defined(my $x = $it->next)) { $seen{$x}++ }
    is_deeply(\%seen, \%oracle, 'every element exactly once');
    ok(!defined $it->next && !defined $it->next && !$it->has_next, 'then undef, and it stays exhausted');

    for my $change (
        [insert => sub { $_[0]->insert(1_000_000) }],
        [erase => sub { $_[0]->erase(($_[0]->elements)[0]) }],
        [clear => sub { $_[0]->clear }],
        [pop => sub { $_[0]->pop }],
        ['|=' => sub { $_[0] |= [2_000_000] }],
        [insert_many => sub { $_[0]->insert_many([3_000_000]) }],
    ) {
        my ($name, $code) = @$change;
        my $s = hashset::HashSet->new([1, 2, 3]);
        my $i = $s->iterator;
        $i->next;
        $code->($s);
        dies_like { $i->next } qr/^hashset: the set changed during iteration at \Q$0\E line/, "$name during iteration dies";
        dies_like { $i->next } qr/changed during iteration/, 'and keeps dying';
    }
    my $s = hashset::HashSet->new([1, 2, 3]);
    my $i = $s->iterator;
    my $first = $i->next;
    $s->insert($first);
    $s->erase(42);
    ok(defined $i->next, 'a call that changes nothing does not stop the iteration');
    my $j = $s->iterator;
    $j->next;
    $j->remove;
    is($s->size, 2, "the iterator's own remove() is allowed");
    ok(defined $j->next, 'and the iteration goes on');

    my $orphan = hashset::HashSet->new([10, 20, 30])->iterator;   # the set is gone at once
    my @rest;
    while (defined(my $x = $orphan->next)) { push @rest, $x }
    is_deeply(sorted(@rest), [10, 20, 30], 'an iterator outlives its set');
};

subtest 'dropping the set mid-iteration finishes the iteration' => sub {
    my @values = map { $_ * 7919 - 3000 } 1 .. 1000;
    my $sets = scalar(keys %hashset::HashSet::OWNER);
    my $s = hashset::HashSet->new(\@values);
    my $it = $s->iterator;
    my %rest = map { $_ => 1 } @values;
    ok(delete $rest{ $it->next }, 'the first element is one of the set');
    undef $s;
    is(scalar(keys %hashset::HashSet::OWNER), $sets, 'the set itself was freed');
    my @seen;
    while (defined(my $x = $it->next)) { push @seen, $x }
    is(scalar(@seen), scalar(keys %rest), 'each remaining element once');
    is_deeply(sorted(@seen), sorted_keys(\%rest), 'exactly the remaining elements');
};

subtest 'process exit with live sets is clean' => sub {
    require IPC::Open3;
    require Symbol;
    # Globals, lexicals of the main file, an iterator mid-way, a closed-over
    # set and a cycle, all left to perl's global destruction.
    my $script = <<'PERL';
use strict;
use warnings;
use hashset;
our @LIVE = map {
    my $s = hashset::HashSet->new([1 .. $_ * 100]);
    my $it = $s->iterator;
    $it->next;
    [$s, $it];
} 0 .. 49;
my $large = hashset::HashSet->new([1 .. 1_000_000]);
my $iterator = $large->iterator;
$iterator->next;
my $orphan = hashset::HashSet->new([1, 2, 3])->iterator;
my $cycle = { set => hashset::HashSet->new([7]) };
$cycle->{self} = $cycle;
my $closure = sub { $large->size };
print "live sets left at exit\n";
PERL
    my $stderr = Symbol::gensym();
    my $pid = IPC::Open3::open3(my $stdin, my $stdout, $stderr, $^X, '-e', $script);
    close $stdin;
    my $output = do { local $/; <$stdout> };
    my $errors = do { local $/; <$stderr> };
    waitpid($pid, 0);
    is($errors, '', 'nothing on stderr (no "during global destruction" warning)');
    is($?, 0, 'exit status 0, no signal');
    is($output, "live sets left at exit\n", 'the marker');
};

subtest 'memory is freed by reference counting' => sub {
    is(scalar(keys %hashset::HashSet::OWNER), 0, 'no live set before');
    my $rss = sub { open my $fh, '<', '/proc/self/statm' or return 0; my @f = split ' ', <$fh>; return $f[1] * 4096 };
    my $before;
    for my $round (1 .. 60) {
        my $s = hashset::HashSet->new([1 .. 20000]);
        my $t = $s | [30000];
        my $it = $t->iterator;
        $before = $rss->() if $round == 10;
    }
    my $growth = $rss->() - $before;
    cmp_ok($growth, '<', 8 * 1024 * 1024, 'creating and dropping 150 sets of 20000 does not grow the process');
    is(scalar(keys %hashset::HashSet::OWNER), 0, 'every set was released');

    # Errors leave by croak (a longjmp past C++ destructors): nothing may leak.
    {
        my $set = hashset::HashSet->new([1]);
        my @values = (1 .. 1000, 'x');
        for my $round (1 .. 3000) {
            eval { $set->insert_many(\@values) };
            eval { hashset::HashSet->new(\@values) };
            eval { $set->union(undef) };
            eval { hashset::HashSet->deserialize('HSET') };
            $before = $rss->() if $round == 300;
        }
        $growth = $rss->() - $before;
        cmp_ok($growth, '<', 8 * 1024 * 1024, '3000 rounds of failing calls do not grow the process');
    }
    is(scalar(keys %hashset::HashSetIterator::OWNER), 0, 'every iterator was released');
    {
        my $kept = hashset::HashSet->new([1]);
        is(scalar(keys %hashset::HashSet::OWNER), 1, 'a live set is counted');
    }
    is(scalar(keys %hashset::HashSet::OWNER), 0, 'and released at the end of its scope');
};

is_deeply(\@warnings, [], 'nothing warned');
done_testing();
