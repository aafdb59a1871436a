#!/usr/bin/perl
# Leaks over time (docs/reliability.md): many create/fill/iterate/destroy
# cycles with the error paths taken, every set freed by reference counting
# when its last reference goes (Perl has no close); resident memory must stay
# flat and no set or iterator may be left alive.
# HASHSET_LONG=1 selects the long profile.
use strict;
use warnings;
use Test::More;
use Time::HiRes ();
use hashset;

my $LONG = ($ENV{HASHSET_LONG} // '') eq '1';
my $BAD_BYTES = "\x01\x02\x03";

sub rss_bytes {
    open my $statm, '<', '/proc/self/statm' or die "/proc/self/statm: $!";
    my (undef, $resident) = split ' ', <$statm>;
    return $resident * 4096;
}

# Dies unless $code dies with a message matching $pattern.
sub expect_death {
    my ($code, $pattern) = @_;
    return if !eval { $code->(); 1 } && $@ =~ $pattern;
    die 'expected an error matching ', $pattern, ', got: ', ($@ || 'no error');
}

# One cycle: sets built every way, iterated fully, partly and past a change,
# every error path taken; an iterator outlives its set, another is abandoned.
sub cycle {
    my ($i) = @_;
    my $set = hashset::HashSet->new([$i, $i + 1, $i + 2, $i + 3]);
    $set->insert_many([-$i, $i % 64, $i % 64]);
    my $visited = 0;
    my $full = $set->iterator;
    $visited++ while defined $full->next;
    my $copy = $set->copy;
    $copy |= $set;
    my $union = $set | [$i + 100];
    my $restored = hashset::HashSet->deserialize($union->serialize);
    die "cycle $i" unless $copy == $set && $restored == $union && $visited == $set->size;
    $restored->iterator->next;    # a partial iteration, never finished
    my $orphan = hashset::HashSet->new([$i])->iterator;    # its set is gone at once
    die "cycle $i: orphan" unless $orphan->next == $i;
    my $stale = $copy->iterator;
    $stale->next;
    $copy->insert($i + 200);
    expect_death(sub { $stale->next }, qr/^hashset: the set changed during iteration/);
    expect_death(sub { $set->insert(1.5) }, qr/is not an integer/);
    expect_death(sub { hashset::HashSet->deserialize($BAD_BYTES) }, qr/^hashset: not a serialized set/);
    expect_death(sub { hashset::HashSet->new->pop }, qr/^hashset: the set is empty/);
}

# One leaked set per cycle (of seven) would cost about 10 MiB even in the
# short profile.
my $bound = 8 << 20;
my ($warm_up, $cycles) = $LONG ? (100_000, 1_000_000) : (10_000, 50_000);
cycle($_) for 1 .. $warm_up;
my $before = rss_bytes();
my $began = Time::HiRes::time();
my @checkpoints;
for my $i (1 .. $cycles) {
    cycle($i);
    push @checkpoints, int((rss_bytes() - $before) / 1024) if $i % ($cycles / 5) == 0;
}
my $growth = rss_bytes() - $before;
diag(sprintf 'leaks: %d cycles in %.1f s, resident growth %d KiB (checkpoints, KiB: %s)',
     $cycles, Time::HiRes::time() - $began, $growth / 1024, join ' ', @checkpoints);
cmp_ok($growth, '<', $bound, 'create/fill/iterate/destroy cycles keep resident memory flat');
is(scalar(keys %hashset::HashSet::OWNER), 0, 'every set was released');
is(scalar(keys %hashset::HashSetIterator::OWNER), 0, 'every iterator was released');
done_testing();
