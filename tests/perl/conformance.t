#!/usr/bin/perl
# Replays the language-neutral spec (tests/conformance/spec.txt, path in
# $ENV{HASHSET_SPEC}) on the Perl API, one subtest per case.
#
# Values are passed as Perl numbers; `big:N` as the decimal string "N", and
# again as a Math::BigInt and (when its nearest double is itself out of
# range) as a double; `float:X` as a double; `str:T` as a string; `null` as
# undef. Every value is expressible in Perl. A set has no explicit release
# (it is freed with its last reference), so `close`, `iterate_then_close` and
# every later statement naming a set they closed are not applicable.
use strict;
use warnings;
use Test::More;
use Math::BigInt;
use hashset;

no warnings 'experimental::builtin';
use builtin ();

my $spec = $ENV{HASHSET_SPEC} or BAIL_OUT('HASHSET_SPEC is not set');
open my $fh, '<', $spec or BAIL_OUT("cannot read $spec: $!");

my %ERRORS = (
    range      => qr/^hashset: .* is outside the int64 range/,
    type       => qr/^hashset: .* is not an integer/,
    empty      => qr/^hashset: the set is empty/,
    concurrent => qr/^hashset: the set changed during iteration/,
    format     => qr/^hashset: not a serialized set/,
);

# The cases: [name, [[line, op, args, expected], ...]].
my (@cases, $current);
while (my $line = <$fh>) {
    chomp $line;
    $line =~ s/^\s+|\s+$//g;
    next if $line eq '' || $line =~ /^#/;
    if ($line =~ /^case (\S+)$/) {
        $current = [$1, []];
        push @cases, $current;
        next;
    }
    my ($statement, $expected) = split / -> /, $line, 2;
    my ($op, @tokens) = split ' ', $statement;
    push @{ $current->[1] }, [$., $op, parse_tokens(@tokens),
                              defined $expected ? parse_tokens(split ' ', $expected)->[0] : undef];
}
close $fh;
BAIL_OUT("no case in $spec") unless @cases;

# Values and lists ([ ... ]) of a statement, in order, still as tokens.
sub parse_tokens {
    my (@values, @stack);
    for my $token (@_) {
        if ($token eq '[') {
            push @stack, [];
        } elsif ($token eq ']') {
            my $done = pop @stack;
            push @{ @stack ? $stack[-1] : \@values }, $done;
        } else {
            push @{ @stack ? $stack[-1] : \@values }, $token;
        }
    }
    return \@values;
}

# A value token as the Perl value a user would pass; $form picks the
# representation of big: values ('string', 'bigint' or 'double').
sub value {
    my ($token, $form) = @_;
    return undef if $token eq 'null';
    return pack('H*', $1) if $token =~ /^hex:(.*)$/;
    return 0 + $1 if $token =~ /^float:(.*)$/;
    return "$1" if $token =~ /^str:(.*)$/;
    if ($token =~ /^big:(.*)$/) {
        return Math::BigInt->new($1) if $form eq 'bigint';
        return 0 + $1 if $form eq 'double';
        return "$1";
    }
    die "bad value token '$token'\n" unless $token =~ /^-?\d+$/;
    return 0 + $token;
}

sub values_of { my ($list, $form) = @_; return [map { value($_, $form) } @$list] }

sub elements_of {
    my ($set) = @_;
    my @elements;
    my $it = $set->iterator;
    while (defined(my $x = $it->next)) { push @elements, $x }
    return \@elements;
}

# Runs one statement; returns its result.
sub call {
    my ($sets, $op, $args, $form) = @_;
    my ($name, @rest) = @$args;
    if ($op eq 'new') {
        $sets->{$name} = @rest ? hashset::HashSet->new(values_of($rest[0], $form)) : hashset::HashSet->new;
        return;
    }
    if ($op eq 'deserialize') {
        $sets->{$name} = hashset::HashSet->deserialize(value($rest[0], $form));
        return;
    }
    my $s = $sets->{$name} // die "no set '$name'\n";
    if ($op eq 'copy') {
        $sets->{ $rest[0] } = $s->copy;
        return;
    }
    return $s->$op(value($rest[0], $form)) if $op =~ /^(insert|contains|erase)$/;
    return $s->$op(values_of($rest[0], $form)) if $op =~ /^(insert_many|erase_many)$/;
    return $s->size if $op eq 'size';
    return !$s if $op eq 'empty';
    return $s->clear if $op eq 'clear';
    return $s->reserve(value($rest[0], $form)) if $op eq 'reserve';
    return $s->pop if $op eq 'pop';
    return $s->collect if $op eq 'collect';
    return elements_of($s) if $op eq 'iterate';
    if ($op eq 'iterate_then_insert') {
        my $it = $s->iterator;
        $it->next;
        $s->insert(value($rest[0], $form));
        return $it->next;
    }
    return $s->serialize if $op eq 'serialize';
    my $o = $sets->{ $rest[0] } // die "no set '$rest[0]'\n";
    return $s == $o if $op eq 'equals';
    return $s <= $o if $op eq 'is_subset';
    return $s >= $o if $op eq 'is_superset';
    return $s->is_disjoint($o) if $op eq 'is_disjoint';
    return ($s | $o)->collect if $op eq 'union';
    return ($s & $o)->collect if $op eq 'intersection';
    return ($s - $o)->collect if $op eq 'difference';
    return ($s ^ $o)->collect if $op eq 'symmetric_difference';
    if ($op =~ /^(update|intersection_update|difference_update|symmetric_difference_update)$/) {
        # The assignment operators; Perl copies first when the set is shared
        # (here with $s), so the result is stored back under its name.
        if    ($op eq 'update')              { $sets->{$name} |= $o }
        elsif ($op eq 'intersection_update') { $sets->{$name} &= $o }
        elsif ($op eq 'difference_update')   { $sets->{$name} -= $o }
        else                                 { $sets->{$name} ^= $o }
        return;
    }
    die "unknown operation '$op'\n";
}

sub check {
    my ($result, $want, $label) = @_;
    if (ref $want eq 'ARRAY') {
        return ok(0, "$label: a list, got " . (defined $result ? $result : 'undef'))
            unless ref $result eq 'ARRAY';
        my @got = map {"$_"} sort { $a <=> $b } @$result;
        my @expected = map {"$_"} sort { $a <=> $b } map { value($_, 'string') } @$want;
        return is_deeply(\@got, \@expected, $label);
    }
    if ($want eq 'true' || $want eq 'false') {
        return ok(defined $result && builtin::is_bool($result) && ($result ? 'true' : 'false') eq $want,
                  "$label: $want");
    }
    if ($want =~ /^hex:/) {
        return is(unpack('H*', $result // ''), substr($want, 4), $label);
    }
    ok(defined $result && $result =~ /^-?\d+$/, "$label: an integer") or return;
    return is("$result", "$want", $label);
}

# The representations a statement is run with.
sub forms_of {
    my ($args) = @_;
    my @tokens = map { ref $_ ? @$_ : $_ } @$args;
    my @big = map { /^big:(.*)$/ ? $1 : () } @tokens;
    return ('string') unless @big;
    my @forms = ('string', 'bigint');
    # A double only where its nearest double is still outside the range.
    my $min = Math::BigInt->new('-9223372036854775808');
    my $max = Math::BigInt->new('9223372036854775807');
    my $double_ok = !grep {
        my $exact = Math::BigInt->new(sprintf("%.0f", 0 + $_));
        $exact >= $min && $exact <= $max
    } @big;
    push @forms, 'double' if $double_ok;
    return @forms;
}

my $statements = 0;
my $runs = 0;
my $not_applicable = 0;
for my $case (@cases) {
    my ($name, $statement_list) = @$case;
    subtest $name => sub {
        my (%sets, %closed);
        for my $statement (@$statement_list) {
            my ($line, $op, $args, $want) = @$statement;
            my $label = "spec.txt:$line $op";
            $statements++;
            $closed{ $args->[0] } = 1 if $op eq 'close' || $op eq 'iterate_then_close';
            if (grep { !ref $_ && $closed{$_} } @$args) {
                $not_applicable++;
                next;
            }
            if (defined $want && !ref $want && $want =~ /^error:(\w+)$/) {
                my $kind = $1;
                my $pattern = $ERRORS{$kind} or die "unknown error kind $kind";
                for my $form (forms_of($args)) {
                    $runs++;
                    my $ok = eval { call(\%sets, $op, $args, $form); 1 };
                    ok(!$ok, "$label ($form) dies") and like($@, $pattern, "$label ($form): error:$kind");
                }
                next;
            }
            $runs++;
            my $result = eval { call(\%sets, $op, $args, 'string') };
            if (my $error = $@) {
                fail("$label died: $error");
                next;
            }
            if (defined $want) {
                check($result, $want, $label);
            } elsif ($op ne 'new' && $op ne 'copy' && $op ne 'deserialize') {
                ok(!defined $result, "$label returns nothing");
            }
        }
        plan skip_all => 'not applicable in Perl' unless Test::More->builder->current_test;
    };
}
diag("spec: $statements statements in " . scalar(@cases) . " cases, $runs runs, $not_applicable not applicable");
ok($statements > 100, 'the spec was read');
done_testing();
