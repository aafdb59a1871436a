# Ruby idioms beyond the spec, with Ruby's own Set as the oracle: Enumerable,
# Set's methods and operators, exact integers and their errors, iteration
# while the set changes, dup/clone/freeze, close and the GC.
require "minitest/autorun"
require "open3"
require "rbconfig"
require "set"
require "hashset"

HashSet = Hashset::HashSet

MIN = -2**63
MAX = 2**63 - 1
EDGES = [MIN, MIN + 1, -2**62 - 1, -2**62, -1, 0, 1, 2**53 - 1, 2**53, 2**53 + 1,
         2**62 - 1, 2**62, MAX - 1, MAX].freeze

module SetAssertions
  # The HashSet holds exactly the elements of the oracle Set.
  def assert_same_elements(oracle, set, message = nil)
    assert_kind_of HashSet, set, message
    assert_equal oracle.size, set.size, message
    assert_equal oracle.to_a.sort, set.to_a.sort, message
  end
end

class TestValues < Minitest::Test
  include SetAssertions

  def test_edges_round_trip_exactly
    s = HashSet.new(EDGES)
    assert_equal EDGES.size, s.size
    assert_equal EDGES.sort, s.to_a.sort
    assert_equal EDGES.sort, s.sort
    EDGES.each do |value|
      assert s.contains(value), value.to_s
      assert s.include?(value), value.to_s
      assert_instance_of Integer, s.to_a.find { |v| v == value }
    end
    refute s.include?(2**53 + 2)
    single = HashSet.new([MIN])
    assert_equal MIN, single.pop
    assert_equal MAX, HashSet.new([MAX]).pop
  end

  def test_out_of_range_raises_range_error_and_leaves_the_set_unchanged
    s = HashSet.new([1, 2])
    [2**63, -2**63 - 1, 2**64 - 1, 2**64, -2**64, 10**30].each do |bad|
      %i[insert add << add? delete delete? erase contains].each do |method|
        error = assert_raises(RangeError, "#{method}(#{bad})") { s.public_send(method, bad) }
        assert_match(/2\*\*63/, error.message)
      end
      assert_raises(RangeError) { s.insert_many([3, 4, bad]) }
      assert_raises(RangeError) { s.erase_many([1, bad]) }
      assert_raises(RangeError) { s.merge([3, bad]) }
      assert_raises(RangeError) { s.subtract([1, bad]) }
      assert_raises(RangeError) { HashSet.new([5, bad]) }
      assert_raises(RangeError) { s | [5, bad] }
    end
    assert_same_elements Set[1, 2], s
  end

  def test_values_that_are_not_integers_raise_type_error
    s = HashSet.new([1, 2])
    [1.0, 1.5, -0.5, Float::NAN, Float::INFINITY, 2.0**70, "1", :one, nil, 1r, Complex(1, 0), Object.new, [1]].each do |bad|
      %i[insert add << add? delete delete? erase contains].each do |method|
        assert_raises(TypeError, "#{method}(#{bad.inspect})") { s.public_send(method, bad) }
      end
      assert_raises(TypeError) { s.insert_many([3, 4, bad]) }
      assert_raises(TypeError) { s.erase_many([1, bad]) }
      assert_raises(TypeError) { HashSet.new([3, bad]) }
    end
    assert_raises(TypeError) { s.insert_many(nil) }
    assert_raises(TypeError) { s.insert_many(5) }
    assert_raises(TypeError) { s.insert_many("12") }
    assert_raises(TypeError) { s.reserve(1.5) }
    assert_raises(ArgumentError) { s.reserve(-1) }
    # Beyond what the table can ever hold: an error, not abseil's abort.
    [2**59, 2**63, 2**64 - 1, 2**64, 2**100].each do |count|
      assert_raises(ArgumentError, count.to_s) { s.reserve(count) }
    end
    assert_nil s.reserve(1000)
    assert_raises(TypeError) { HashSet.new(5) }
    assert_raises(TypeError) { HashSet.deserialize(nil) }
    assert_raises(TypeError) { HashSet.deserialize(12) }
    assert_same_elements Set[1, 2], s
  end

  def test_membership_of_values_that_cannot_be_elements_is_false_like_set
    s = HashSet.new([1, 2])
    oracle = Set[1, 2]
    [1.0, 2.0, "1", nil, :a, 2**64, -2**64, 1r, 3].each do |value|
      assert_equal oracle.include?(value), s.include?(value), value.inspect
      assert_equal oracle.member?(value), s.member?(value), value.inspect
      assert_equal oracle === value, s === value, value.inspect
    end
    matched = case 2 when s then :in else :out end
    assert_equal :in, matched
  end

  def test_bulk_calls_take_arrays_and_enumerables
    s = HashSet.new
    assert_equal 5, s.insert_many(1..5)
    assert_equal 1, s.insert_many(Set[5, 6])
    assert_equal 0, s.insert_many(HashSet.new([1, 2]))
    assert_equal 2, s.erase_many([1, 2, 100].each)
    assert_equal 0, s.insert_many([])
    assert_same_elements Set[3, 4, 5, 6], s
    big = (0...10_000).map { |i| i * 7919 - 5_000_000 }
    t = HashSet.new(big)
    assert_same_elements big.to_set, t
  end

  def test_results_are_native_ruby_objects
    s = HashSet.new([3, 1, 2])
    assert_instance_of Array, s.collect
    assert_equal [1, 2, 3], s.collect.sort
    assert_equal [2, 4, 6], s.collect { |v| v * 2 }.sort # with a block, Enumerable#collect
    assert_instance_of Array, s.to_a
    assert_instance_of Integer, s.size
    assert_instance_of Integer, s.length
    bytes = s.serialize
    assert_instance_of String, bytes
    assert_equal Encoding::BINARY, bytes.encoding
    assert_equal s, HashSet.deserialize(bytes)
    assert_equal bytes, HashSet.new([2, 3, 1]).serialize # equal sets, identical bytes
  end

  def test_literal_constructor_and_marshal
    s = HashSet[3, MIN, MAX, 3]
    assert_same_elements Set[3, MIN, MAX], s
    assert_same_elements Set.new, HashSet[]
    assert_raises(TypeError) { HashSet[1, 1.5] }
    assert_raises(RangeError) { HashSet[2**63] }
    copy = Marshal.load(Marshal.dump([s, { key: s }]))
    assert_equal s, copy[0]
    assert_equal s, copy[1][:key]
    refute_same s, copy[0]
    subclass = Class.new(HashSet)
    assert_instance_of subclass, subclass[1, 2]
    assert_instance_of subclass, subclass[1].dup
  end

  def test_deserialize_rejects_bad_bytes_with_format_error
    good = HashSet.new([7, -7]).serialize
    ["", "HSET", good[0..-2], good.sub("\x07".b, "\x08".b), "x" * 40].each do |bad|
      error = assert_raises(Hashset::FormatError) { HashSet.deserialize(bad) }
      assert_kind_of ArgumentError, error
    end
    assert_equal HashSet.new([7, -7]), HashSet.deserialize(good.dup.force_encoding("UTF-8"))
  end

  def test_pop_on_empty_raises_key_error
    s = HashSet.new
    assert_raises(KeyError) { s.pop }
    s << 4
    assert_equal 4, s.pop
    assert_raises(KeyError) { s.pop }
    assert s.empty?
  end
end

class TestSetProtocol < Minitest::Test
  include SetAssertions

  def test_enumerable
    s = HashSet.new([5, -3, 12, 0])
    oracle = Set[5, -3, 12, 0]
    assert_kind_of Enumerable, s
    assert_equal oracle.sort, s.sort
    assert_equal oracle.min, s.min
    assert_equal oracle.max, s.max
    assert_equal oracle.sum, s.sum
    assert_equal oracle.select(&:positive?).sort, s.select(&:positive?).sort
    assert_equal oracle.map { |v| v * 3 }.sort, s.map { |v| v * 3 }.sort
    assert_equal oracle.count(&:even?), s.count(&:even?)
    assert_equal oracle.to_set, s.to_set
    assert_equal oracle.sort, s.each_slice(3).to_a.flatten.sort
    assert_equal oracle.include?(12), s.include?(12)
  end

  def test_each_returns_self_and_an_enumerator_without_a_block
    s = HashSet.new([1, 2, 3])
    seen = []
    assert_same s, s.each { |v| seen << v }
    assert_equal [1, 2, 3], seen.sort
    enumerator = s.each
    assert_instance_of Enumerator, enumerator
    assert_equal 3, enumerator.size
    assert_equal [1, 2, 3], enumerator.to_a.sort
    assert_equal [1, 2, 3], [enumerator.next, enumerator.next, enumerator.next].sort
    assert_raises(StopIteration) { enumerator.next }
    pairs = s.each_with_index.map { |value, index| [value, index] }
    assert_equal [1, 2, 3], pairs.map(&:first).sort
    assert_equal [0, 1, 2], pairs.map(&:last)
    found = s.each { |v| break v * 10 if v == 2 }
    assert_equal 20, found
  end

  def test_mutators_return_what_set_returns
    s = HashSet.new
    oracle = Set.new
    assert_same s, s.add(1)
    assert_same s, s << 2 << 3
    oracle << 1 << 2 << 3
    assert_same s, s.add?(4)
    assert_nil s.add?(4)
    assert_nil oracle.add?(4) && oracle.add?(4)
    assert_same s, s.delete(4)
    assert_same s, s.delete(4)
    oracle.delete(4)
    assert_nil s.delete?(4)
    assert_same s, s.delete?(3)
    oracle.delete?(3)
    assert_equal true, s.insert(10)
    assert_equal false, s.insert(10)
    assert_equal true, s.erase(10)
    assert_equal false, s.erase(10)
    assert_same s, s.merge([7, 8])
    assert_same s, s.subtract([8])
    oracle.merge([7, 8]).subtract([8])
    assert_same_elements oracle, s
    assert_same s, s.clear
    assert s.empty?
    assert_equal 0, s.size
  end

  def test_filters_match_set
    values = (-20..20).to_a
    [[:delete_if, :even?.to_proc], [:keep_if, :even?.to_proc], [:reject!, ->(v) { v > 5 }],
     [:select!, ->(v) { v > 5 }], [:filter!, ->(v) { v > 100 }], [:reject!, ->(_) { false }],
     [:select!, ->(_) { true }]].each do |method, block|
      s = HashSet.new(values)
      oracle = values.to_set
      expected = oracle.public_send(method, &block)
      result = s.public_send(method, &block)
      if expected.nil?
        assert_nil result, method.to_s
      else
        assert_same s, result, method.to_s
      end
      assert_same_elements oracle, s, method.to_s
    end
  end

  def test_random_operations_match_set
    random = Random.new(20_241_124)
    pool = EDGES + (-40..40).to_a
    s = HashSet.new
    oracle = Set.new
    2_000.times do |step|
      value = pool.sample(random: random)
      case random.rand(8)
      when 0, 1, 2 then assert_equal oracle.add?(value).nil?, s.add?(value).nil?, "step #{step}"
      when 3 then assert_equal oracle.delete?(value).nil?, s.delete?(value).nil?, "step #{step}"
      when 4 then assert_equal oracle.include?(value), s.include?(value), "step #{step}"
      when 5
        batch = Array.new(random.rand(6)) { pool.sample(random: random) }
        assert_equal (batch.to_set - oracle).size, s.insert_many(batch), "step #{step}"
        oracle.merge(batch)
      when 6
        batch = Array.new(random.rand(6)) { pool.sample(random: random) }
        assert_equal (batch.to_set & oracle).size, s.erase_many(batch), "step #{step}"
        oracle.subtract(batch)
      when 7 then assert_equal oracle.size, s.size, "step #{step}"
      end
    end
    assert_same_elements oracle, s
  end

  def test_algebra_matches_set
    random = Random.new(7)
    30.times do
      a_values = Array.new(random.rand(20)) { random.rand(-15..15) }
      b_values = Array.new(random.rand(20)) { random.rand(-15..15) }
      a = HashSet.new(a_values)
      b = HashSet.new(b_values)
      sa = a_values.to_set
      sb = b_values.to_set
      # Each operator with a HashSet, a Set and an Array on the right.
      [b, sb, b_values].each do |other|
        assert_same_elements sa | sb, a | other
        assert_same_elements sa | sb, a.union(other)
        assert_same_elements sa | sb, a + other
        assert_same_elements sa & sb, a & other
        assert_same_elements sa & sb, a.intersection(other)
        assert_same_elements sa - sb, a - other
        assert_same_elements sa - sb, a.difference(other)
        assert_same_elements sa ^ sb, a ^ other
        assert_equal sa.subset?(sb), a.subset?(other)
        assert_equal sa <= sb, a <= other
        assert_equal sa.superset?(sb), a.superset?(other)
        assert_equal sa >= sb, a >= other
        assert_equal sa.proper_subset?(sb), a.proper_subset?(other)
        assert_equal sa < sb, a < other
        assert_equal sa.proper_superset?(sb), a.proper_superset?(other)
        assert_equal sa > sb, a > other
        assert_equal sa.disjoint?(sb), a.disjoint?(other)
        assert_equal sa.intersect?(sb), a.intersect?(other)
      end
      assert_equal sa == sb, a == b
      assert_same_elements sa, a
      assert_same_elements sb, b
      x = a.dup
      x.merge(b)
      assert_same_elements sa | sb, x
      x = a.dup
      x.subtract(b)
      assert_same_elements sa - sb, x
      x.subtract(x)
      assert x.empty?
    end
    assert_raises(ArgumentError) { HashSet.new([1]) | 5 }
    assert_raises(TypeError) { HashSet.new([1]) | [1.5] }
  end

  def test_equality_hash_and_inspect
    a = HashSet.new([1, 2, 3])
    b = HashSet.new([3, 2, 1])
    assert_equal a, b
    assert a.eql?(b)
    assert_equal a.hash, b.hash
    refute_equal a, HashSet.new([1, 2])
    refute_equal a, Set[1, 2, 3] # like Set#==, only sets of the same kind
    refute_equal a, [1, 2, 3]
    refute_equal a, nil
    table = { a => :found }
    assert_equal :found, table[b]
    assert_equal 1, [a, b, a.dup].uniq.size
    assert_equal "#<Hashset::HashSet: {}>", HashSet.new.inspect
    assert_equal "#<Hashset::HashSet: {#{MIN}}>", HashSet.new([MIN]).to_s
    assert_match(/\A#<Hashset::HashSet: \{(-?\d+, ){2}-?\d+\}>\z/, a.inspect)
  end

  def test_dup_clone_and_freeze
    a = HashSet.new([1, 2])
    b = a.dup
    b << 3
    a.delete(1)
    assert_same_elements Set[2], a
    assert_same_elements Set[1, 2, 3], b
    a.freeze
    assert a.frozen?
    assert_raises(FrozenError) { a << 5 }
    assert_raises(FrozenError) { a.clear }
    assert_raises(FrozenError) { a.merge([9]) }
    assert_raises(FrozenError) { a.update(b) }
    assert_raises(FrozenError) { a.delete_if { true } }
    assert_same_elements Set[2], a
    assert a.include?(2) # reading a frozen set is fine
    assert_equal [2], (a | []).to_a
    assert a.clone.frozen?
    refute a.clone(freeze: false).frozen?
    unfrozen = a.dup
    refute unfrozen.frozen?
    unfrozen << 8
    assert_same_elements Set[2, 8], unfrozen
  end
end

class TestIterationAndLifetime < Minitest::Test
  include SetAssertions

  def test_changing_the_set_while_iterating_raises
    mutations = {
      add: ->(s) { s << 1000 },
      delete: ->(s) { s.delete(2) },
      clear: ->(s) { s.clear },
      merge: ->(s) { s.merge([500, 501]) },
      pop: ->(s) { s.pop },
    }
    mutations.each do |name, mutate|
      s = HashSet.new([1, 2, 3])
      error = assert_raises(Hashset::ConcurrentModificationError, name.to_s) do
        s.each { mutate.call(s) }
      end
      assert_kind_of RuntimeError, error
      s << 7 # the set stays usable
      assert_includes s.to_a, 7
    end
    # External iteration (Enumerator#next) and the filters detect it too.
    s = HashSet.new([1, 2, 3])
    enumerator = s.each
    enumerator.next
    s << 99
    assert_raises(Hashset::ConcurrentModificationError) { enumerator.next }
    assert_raises(Hashset::ConcurrentModificationError) { s.delete_if { s << 1234 } }
    assert_raises(Hashset::ConcurrentModificationError) { s.map { s.delete(99) } }
  end

  def test_adding_a_present_element_is_no_change
    s = HashSet.new([1, 2, 3])
    seen = []
    s.each do |v|
      s << v # already there: like Set, nothing changed
      seen << v
    end
    assert_equal [1, 2, 3], seen.sort
  end

  def test_break_and_raise_inside_a_block_leave_everything_usable
    s = HashSet.new(1..100)
    500.times do
      s.each { |v| break if v }
      assert_raises(ZeroDivisionError) { s.each { |v| v / 0 } }
    end
    assert_equal 100, s.size
    assert_equal (1..100).sum, s.sum
  end

  def test_close
    s = HashSet.new([1, 2])
    other = HashSet.new([2])
    refute s.closed?
    assert_nil s.close
    assert s.closed?
    [-> { s.size }, -> { s.include?(1) }, -> { s << 3 }, -> { s.each { nil } }, -> { s.to_a },
     -> { s.serialize }, -> { s.dup }, -> { other | s }, -> { other.update(s) },
     -> { other.subset?(s) }, -> { other == s }].each_with_index do |use, index|
      error = assert_raises(Hashset::ClosedError, "use #{index}") { use.call }
      assert_kind_of RuntimeError, error
    end
    assert_nil s.close # closing twice is harmless
    assert_same_elements Set[2], other
  end

  def test_close_during_iteration_raises
    s = HashSet.new([1, 2, 3])
    assert_raises(Hashset::ClosedError) { s.each { s.close } }
    assert s.closed?
  end

  def test_garbage_collection_frees_sets_and_iterators
    enumerators = []
    200.times do |i|
      s = HashSet.new(i...(i + 50))
      enumerators << s.each if i.even? # enumerators that outlive their set
      s.each { |v| break if v > i }
      _ = s | [1, 2]
    end
    GC.start(full_mark: true, immediate_sweep: true)
    # An iterator keeps its elements alive after its set is gone.
    assert_equal 50, enumerators.last.to_a.size
    assert_equal (198...248).to_a, enumerators.last.to_a.sort
  end
  def full_gc
    GC.start(full_mark: true, immediate_sweep: true)
  end

  def test_dropping_the_set_mid_iteration_finishes_the_iteration
    values = (0...1000).map { |i| i * 7919 - 3000 }
    s = HashSet.new(values)
    enumerator = s.each
    rest_of_enumerator = Set.new(values)
    assert rest_of_enumerator.delete?(enumerator.next)
    rest_of_block = Set.new(values)
    seen = []
    taken = false
    s.each do |value|
      if !taken
        taken = true
        rest_of_block.delete(value)
        s = nil # the block's own reference: only the running each is left
        full_gc
      else
        seen << value
      end
    end
    assert_nil s
    assert_equal rest_of_block.size, seen.size, "each remaining element once"
    assert_equal rest_of_block, seen.to_set
    full_gc
    rest = []
    loop { rest << enumerator.next } # loop ends at StopIteration
    assert_equal rest_of_enumerator.size, rest.size, "each remaining element once"
    assert_equal rest_of_enumerator, rest.to_set
  end

  def test_process_exit_with_live_sets_is_clean
    library_dir = File.dirname($LOADED_FEATURES.grep(%r{/hashset\.so\z}).first)
    script = <<~RUBY
      require "hashset"
      $live = (0...50).map do |i|
        s = Hashset::HashSet.new(0...(i * 100))
        enumerator = s.each
        enumerator.next unless s.empty?
        [s, enumerator]
      end
      $live << Hashset::HashSet.new(0...1_000_000).each.tap(&:next)
      closed = Hashset::HashSet.new([1, 2, 3])
      $live << closed.each.tap(&:next)
      closed.close
      cycle = [Hashset::HashSet.new([7])]
      cycle << cycle
      puts "live sets left at exit"
    RUBY
    stdout, stderr, status = Open3.capture3(RbConfig.ruby, "-W2", "-I", library_dir, "-e", script)
    assert_equal "", stderr
    assert status.success?, status.inspect
    assert_equal "live sets left at exit\n", stdout
  end
end
