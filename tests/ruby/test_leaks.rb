# Leaks over time (docs/reliability.md): many create/fill/iterate/destroy
# cycles, half the sets closed and half left to the garbage collector, with the
# error paths taken; resident memory must stay flat.
# HASHSET_LONG=1 selects the long profile.
require "minitest/autorun"
require "hashset"

class TestLeaks < Minitest::Test
  HashSet = Hashset::HashSet
  LONG = ENV["HASHSET_LONG"] == "1"
  BAD_BYTES = "\x01\x02\x03".b.freeze

  def rss_bytes
    File.read("/proc/self/statm").split[1].to_i * 4096
  end

  # One cycle: sets built every way, iterated fully, partly and past a change,
  # every error path taken; the sets of odd cycles are left to the GC.
  def cycle(i)
    set = HashSet.new([i, i + 1, i + 2, i + 3])
    set.insert_many([-i, i % 64, i % 64])
    sum = 0
    set.each { |v| sum += v }
    copy = set.dup
    copy.update(set)
    union = set | HashSet.new([i + 100])
    restored = HashSet.deserialize(union.serialize)
    raise "cycle #{i}" unless copy == set && restored == union && sum.is_a?(Integer)
    restored.each { break } # a partial iteration
    begin
      copy.each { copy << i + 200 }
      raise "no ConcurrentModificationError"
    rescue Hashset::ConcurrentModificationError
    end
    begin
      HashSet.deserialize(BAD_BYTES)
      raise "no FormatError"
    rescue Hashset::FormatError
    end
    empty = HashSet.new
    begin
      empty.pop
      raise "no KeyError"
    rescue KeyError
    end
    empty.close
    begin
      empty.pop
      raise "no ClosedError"
    rescue Hashset::ClosedError
    end
    return unless i.even?

    set.close
    copy.close
    union.close
    restored.close
  end

  def settle
    GC.start(full_mark: true, immediate_sweep: true)
  end

  def test_create_fill_iterate_destroy_keeps_memory_flat
    # One leaked set per cycle (of six) would cost about 10 MiB even in the
    # short profile.
    bound = 8 << 20
    warm_up, cycles = LONG ? [100_000, 1_000_000] : [10_000, 50_000]
    warm_up.times { |i| cycle(i) }
    settle
    before = rss_bytes
    began = Process.clock_gettime(Process::CLOCK_MONOTONIC)
    checkpoints = []
    cycles.times do |i|
      cycle(i)
      checkpoints << (rss_bytes - before) / 1024 if ((i + 1) % (cycles / 5)).zero?
    end
    settle
    growth = rss_bytes - before
    seconds = Process.clock_gettime(Process::CLOCK_MONOTONIC) - began
    puts format("leaks: %d cycles in %.1f s, resident growth %d KiB (checkpoints, KiB: %s)",
                cycles, seconds, growth / 1024, checkpoints.join(" "))
    assert_operator growth, :<, bound, "resident memory grew by #{growth / 1024} KiB"
  end
end
