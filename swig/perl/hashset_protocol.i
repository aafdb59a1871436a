// Perl: the class hashset::HashSet as a Perl user expects it.
//
//   my $s = hashset::HashSet->new([1, 2, 3]);   # or ->new, or ->new($other)
//   $s->insert(4); print "yes\n" if $s->contains(4);
//   my $u = $s | $t;  $s -= $t;  print "$s\n" if $s && $s <= $u;
//   my $it = $s->iterator; while (defined(my $x = $it->next)) { ... }
//
// Operators (use overload): == != (equal contents; a non-set is never equal),
// | & - ^ (new sets), |= &= -= ^= (in place like ->update, except that Perl
// first copies a set another variable shares: `$t = $s; $s |= $u` leaves $t
// as it was, as with Math::BigInt), <= >= < > (subset/superset, proper ones),
// bool (non-empty) and "" (elements in ascending order: "HashSet(1, 2, 3)").
// The operand of a binary set operator may be a set or an array reference.
// The native set is freed when its last reference goes (DESTROY); an
// iterator keeps the elements alive, so it may outlive its set.

%extend hashset::HashSet {
  /// A set of the integers of an array reference.
  HashSet(const hashset_perl::Values& values) {
    auto* set = new hashset::HashSet();
    set->insert_many(values.items.data(), values.items.size());
    return set;
  }

  %newobject copy;
  /// A new set with the same elements.
  hashset::HashSet* copy() const { return new hashset::HashSet(*$self); }

  %newobject iterator;
  /// A fail-fast iterator: next() returns undef at the end, dies if the set changed.
  hashset::HashSetIterator* iterator() const { return new hashset::HashSetIterator(*$self); }
}

%perlcode %{
package hashset::HashSet;
use Carp ();
use Scalar::Util ();

# Calls $code in scalar context; its error is raised again at the first
# caller outside this class (the generated Perl subs would be blamed otherwise).
sub _at_caller {
    my $code = shift;
    my $result;
    eval { $result = $code->(@_); 1 } or do {
        die $@ if ref $@;
        (my $error = $@) =~ s/ at .+? line \d+(?:, <[^>]*> (?:line|chunk) \d+)?\.\n\z//;
        Carp::croak($error);
    };
    return $result;
}

# hashset::HashSet->new, ->new([1, 2, 3]) or ->new($other_set) (a copy).
{
    no warnings 'redefine';
    my $generated_new = \&new;
    *new = sub { return _at_caller($generated_new, @_) };
}

# hashset::HashSet->deserialize($bytes) or hashset::HashSet::deserialize($bytes).
sub deserialize {
    shift if @_ > 1;
    return _at_caller(\&_deserialize, @_);
}

# The elements as a list (collect returns an array reference).
sub elements { return @{ $_[0]->collect } }

sub is_empty { return $_[0]->empty }

sub _is_set { return Scalar::Util::blessed($_[0]) && $_[0]->isa('hashset::HashSet') }

# The other operand of a set operator: a set, or an array reference of integers.
sub _operand {
    my ($other) = @_;
    return $other if _is_set($other);
    return hashset::HashSet->new($other) if ref($other) eq 'ARRAY';
    my $what = defined($other) ? "'$other'" : 'undef';
    Carp::croak("hashset: $what is not a hashset::HashSet or an array reference");
}

sub _stringify {
    my ($self) = @_;
    # SWIG keys its ownership table by the inner (tied) object of the same
    # class: it must keep Perl's address-based string.
    return overload::StrVal($self) if Scalar::Util::reftype($self) ne 'HASH';
    return 'HashSet(' . join(', ', sort { $a <=> $b } @{ $self->collect }) . ')';
}

sub _equal { return _is_set($_[1]) && $_[0]->equals($_[1]) }

use overload
    '==' => sub { _equal(@_) },
    '!=' => sub { !_equal(@_) },
    '|' => sub { $_[0]->union(_operand($_[1])) },
    '&' => sub { $_[0]->intersection(_operand($_[1])) },
    '^' => sub { $_[0]->symmetric_difference(_operand($_[1])) },
    '-' => sub {
        my ($self, $other, $swapped) = @_;
        $other = _operand($other);
        return $swapped ? $other->difference($self) : $self->difference($other);
    },
    # Perl's copy constructor: before |= &= -= ^= change a set that another
    # variable shares, that variable keeps the old contents (as Math::BigInt).
    '=' => sub { $_[0]->copy },
    '|=' => sub { $_[0]->update(_operand($_[1])); $_[0] },
    '&=' => sub { $_[0]->intersection_update(_operand($_[1])); $_[0] },
    '^=' => sub { $_[0]->symmetric_difference_update(_operand($_[1])); $_[0] },
    '-=' => sub { $_[0]->difference_update(_operand($_[1])); $_[0] },
    '<=' => sub {
        my ($self, $other, $swapped) = @_;
        $other = _operand($other);
        return $swapped ? $other->is_subset($self) : $self->is_subset($other);
    },
    '>=' => sub {
        my ($self, $other, $swapped) = @_;
        $other = _operand($other);
        return $swapped ? $other->is_superset($self) : $self->is_superset($other);
    },
    '<' => sub {
        my ($self, $other, $swapped) = @_;
        $other = _operand($other);
        ($self, $other) = ($other, $self) if $swapped;
        return $self->size < $other->size && $self->is_subset($other);
    },
    '>' => sub {
        my ($self, $other, $swapped) = @_;
        $other = _operand($other);
        ($self, $other) = ($other, $self) if $swapped;
        return $self->size > $other->size && $self->is_superset($other);
    },
    'bool' => sub { !$_[0]->empty },
    '""' => \&_stringify,
    'eq' => sub { _equal(@_) },
    'ne' => sub { !_equal(@_) };

# ithreads copy every Perl variable into a new thread (and a thread's
# results back into the joining one), but not a set's native memory: the copy
# would point at the same C++ set, used without a lock and freed again by
# whichever thread ends first. Sets and iterators are therefore not copied:
# in the other thread the variable holds an unblessed reference, on which any
# method call dies. Pass elements between threads instead (collect, serialize).
sub CLONE_SKIP { 1 }

package hashset::HashSetIterator;
sub CLONE_SKIP { 1 }

package hashset;
%}
