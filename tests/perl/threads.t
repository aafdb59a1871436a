#!/usr/bin/perl
# Threads (docs/threads.md): ithreads copy Perl data into each new thread, but
# a set's native memory is not copied (hashset::HashSet has CLONE_SKIP), so a
# set or iterator made in one thread is an unblessed reference in any other
# (also when returned by join), on which every method call dies; the thread
# that made it keeps using it. Sets made in different threads run at the same
# time without a lock; each is checked against its own model.
# HASHSET_LONG=1 selects the long profile (8 x 100,000 operations).
use strict;
use warnings;
use threads;
use Test::More;
use hashset;

my $LONG = ($ENV{HASHSET_LONG} // '') eq '1';
my $THREADS = 8;
my $OPS = $LONG ? 100_000 : 2_000;

# Dies unless $code dies with a message matching $pattern.
sub expect_death {
    my ($code, $pattern, $what) = @_;
    return if !eval { $code->(); 1 } && $@ =~ $pattern;
    die "$what: expected an error matching $pattern, got: ", ($@ || 'no error');
}

my $NOT_A_SET = qr/Can't call method "\w+" on unblessed reference/;

# A thread's set against a hash of its elements: every answer is checked.
sub exercise_own_set {
    my ($seed) = @_;
    srand($seed);
    my $set = hashset::HashSet->new;
    my %model;
    my ($completed, $interrupted) = (0, 0);
    for my $i (1 .. $OPS) {
        my $key = int(rand(4096)) - 2048;
        my $op = int(rand(10));
        if ($op <= 2) {
            die "insert $key" unless !!$set->insert($key) == !exists $model{$key};
            $model{$key} = 1;
        } elsif ($op <= 4) {
            die "erase $key" unless !!$set->erase($key) == !!exists $model{$key};
            delete $model{$key};
        } elsif ($op == 5) {
            die "contains $key" unless !!$set->contains($key) == !!exists $model{$key};
        } elsif ($op == 6) {
            my @keys = map { int(rand(4096)) - 2048 } 0 .. int(rand(16));
            my %distinct = map { $_ => 1 } @keys;
            if ($i % 2) {
                die 'insert_many' unless $set->insert_many(\@keys) == grep { !exists $model{$_} } keys %distinct;
                $model{$_} = 1 for @keys;
            } else {
                die 'erase_many' unless $set->erase_many(\@keys) == grep { exists $model{$_} } keys %distinct;
                delete @model{@keys};
            }
        } elsif ($op == 7) {    # two-set calls, and a bad bulk call that changes nothing
            my $mine = hashset::HashSet->new([$key, $key + 1]);
            $set->update($mine);
            @model{$key, $key + 1} = (1, 1);
            die 'subset' unless $mine <= $set;
            my $before = $set->size;
            expect_death(sub { $set->insert_many([5000, 'x']) }, qr/not an integer/, 'bad bulk call');
            die 'a refused bulk call changed the set' if $set->size != $before || $set->contains(5000);
        } elsif ($op == 8) {
            die 'size' unless $set->size == keys %model;
            my $restored = hashset::HashSet->deserialize($set->serialize);
            die 'serialize round trip' unless $restored == $set;
        } else {    # an iteration, changed half-way in half of them
            my $it = $set->iterator;
            my $change_at = rand() < 0.5 ? int(rand($set->size + 1)) : -1;
            my $step = 0;
            my $finished = eval {
                while (defined(my $x = $it->next)) {
                    die "iterated $x, not an element" unless exists $model{$x};
                    if ($step++ == $change_at) {    # a change that leaves the contents as they were
                        $set->insert(9999);
                        $set->erase(9999);
                    }
                }
                1;
            };
            if ($finished) {
                $completed++;
            } else {
                die $@ unless $@ =~ /changed during iteration/;
                $interrupted++;
            }
        }
    }
    my @expected = sort { $a <=> $b } keys %model;
    my @actual = sort { $a <=> $b } $set->elements;
    die 'final contents differ from the model' unless "@expected" eq "@actual";
    return ($completed, $interrupted);
}

subtest 'threads use their own sets at the same time, each exact' => sub {
    my @workers = map { my $seed = 1000 + $_; threads->create({ context => 'list' }, \&exercise_own_set, $seed) } 1 .. $THREADS;
    my ($completed, $interrupted) = (0, 0);
    for my $worker (@workers) {
        my @counts = $worker->join;
        is(scalar @counts, 2, 'thread ' . $worker->tid . ' finished') or diag($worker->error);
        $completed += $counts[0] // 0;
        $interrupted += $counts[1] // 0;
    }
    ok($interrupted > 0, 'iterations changed half-way raised');
    diag("threads: $THREADS x $OPS ops; iterations completed $completed, interrupted $interrupted");
};

subtest 'a set does not cross into another thread, and survives in its own' => sub {
    my $set = hashset::HashSet->new([1, 2, 3]);
    my $iterator = $set->iterator;
    my $first = $iterator->next;
    my @seen = threads->create({ context => 'list' }, sub {
        my @errors;
        for my $call (sub { $set->size }, sub { $set->insert(4) }, sub { $iterator->next },
                      sub { hashset::HashSet->new([9])->update($set) }) {
            push @errors, eval { $call->(); 1 } ? 'no error' : $@;
        }
        return (ref($set), scalar(@errors), @errors);
    })->join;
    is($seen[0], 'SCALAR', 'in the other thread the variable is an unblessed reference');
    is($seen[1], 4, 'every call was tried');
    like($_, $NOT_A_SET, 'a method call on it dies') for @seen[2 .. 4];
    like($seen[5], qr/TypeError in method 'HashSet_update', argument 2/, 'passing it to a method dies');
    threads->create(sub { 1 })->join for 1 .. 3;    # threads that ignore the set
    is("$set", 'HashSet(1, 2, 3)', 'the set is unchanged and alive in its own thread');
    ok($set->insert(4), 'and still usable');
    my @rest = ($first);
    expect_death(sub { push @rest, $iterator->next }, qr/changed during iteration/, 'iterator after the change');
    is($set->size, 4, 'size');
};

subtest 'a set returned by join is not usable; its serialized bytes are' => sub {
    my ($returned, $bytes) = threads->create({ context => 'list' }, sub {
        my $made = hashset::HashSet->new([1 .. 1000]);
        return ($made, $made->serialize);
    })->join;
    is(ref($returned), 'SCALAR', 'the set came back as an unblessed reference');
    expect_death(sub { $returned->size }, $NOT_A_SET, 'a returned set');
    my $copy = hashset::HashSet->deserialize($bytes);
    is($copy->size, 1000, 'the bytes give the set back');
    ok($copy->contains(1000), 'with its elements');
};

subtest 'sets left alive in threads and at exit are freed once' => sub {
    my @sets = map { hashset::HashSet->new([$_ .. $_ + 100]) } 1 .. 20;
    my @threads = map {
        threads->create(sub {
            my @mine = map { hashset::HashSet->new([$_]) } 1 .. 50;    # left to the thread's end
            my $leaked_iterator = $mine[0]->iterator;
            return scalar @mine;
        })
    } 1 .. 4;
    is($_->join, 50, 'a thread made its sets') for @threads;
    threads->create(sub { my $s = hashset::HashSet->new([1]); 1 })->detach;
    is($sets[$_]->size, 101, "set $_ intact") for 0, 19;
    # The main thread ends with @sets and a detached thread possibly alive.
};

done_testing;
