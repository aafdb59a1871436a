# Threads (docs/threads.md): Ruby's GVL is held for every call (SWIG's
# wrappers never release it), so calls from threads are serialised; an
# iteration that another thread disturbs raises ConcurrentModificationError.
# 8 threads share one set, each checked against its own model; the final
# contents must be exact. Thread.pass forces switches between calls, since
# Ruby switches threads only every 100 ms by itself.
# HASHSET_LONG=1 selects the long profile (8 x 100,000 operations).
require "minitest/autorun"
require "set"
require "hashset"

class TestThreads < Minitest::Test
  HashSet = Hashset::HashSet
  LONG = ENV["HASHSET_LONG"] == "1"
  THREADS = 8
  OPS = LONG ? 100_000 : 2_000
  RANGE = 1 << 40 # thread t owns keys [t * RANGE, t * RANGE + 4096)

  def in_threads(count, &body)
    threads = Array.new(count) { |t| Thread.new(t, &body) }
    threads.each { |thread| assert thread.join(LONG ? 1200 : 120), "deadlock: a thread did not finish" }
    threads.map(&:value)
  end

  def test_mixed_operations_keep_exact_contents
    shared = HashSet.new
    began = Process.clock_gettime(Process::CLOCK_MONOTONIC)
    results = in_threads(THREADS) do |t|
      Thread.current.report_on_exception = false
      random = Random.new(1000 + t)
      model = Set.new
      base = t * RANGE
      completed = interrupted = 0
      OPS.times do |i|
        Thread.pass if random.rand(4).zero?
        key = base + random.rand(4096)
        case random.rand(12)
        when 0, 1, 2 then raise "insert #{key}" unless shared.insert(key) == !model.include?(key); model << key
        when 3, 4 then raise "erase #{key}" unless shared.erase(key) == model.include?(key); model.delete(key)
        when 5 then raise "contains #{key}" unless shared.include?(key) == model.include?(key)
        when 6, 7
          keys = Array.new(1 + random.rand(16)) { base + random.rand(4096) }
          if i.even?
            expected = keys.uniq.count { |k| !model.include?(k) }
            raise "insert_many" unless shared.insert_many(keys) == expected
            model.merge(keys)
          else
            expected = keys.uniq.count { |k| model.include?(k) }
            raise "erase_many" unless shared.erase_many(keys) == expected
            model.subtract(keys)
          end
        when 8 # two-set calls with a private set
          mine = HashSet.new([key, key + 1])
          shared.update(mine)
          model << key << key + 1
          raise "own keys missing" unless mine.subset?(shared) && shared.superset?(mine)
          mine.close
        when 9
          shared.include?(random.rand(THREADS) * RANGE + random.rand(4096))
          raise "size below the model" if shared.size < model.size
        when 10
          raise "snapshot misses own keys" if random.rand(8).zero? && !model.subset?(shared.to_a.to_set)
        else
          next unless random.rand(8).zero?

          # Half the iterations let other threads run once, mid-way.
          pass_at = random.rand(2).zero? ? random.rand(shared.size + 1) : -1
          begin
            step = 0
            shared.each do
              Thread.pass if step == pass_at
              step += 1
            end
            completed += 1
          rescue Hashset::ConcurrentModificationError
            interrupted += 1
          end
        end
      end
      [model, completed, interrupted]
    end
    expected = results.map(&:first).reduce(Set.new, :|)
    assert_equal expected.to_a.sort, shared.to_a.sort
    assert_equal expected.size, shared.size
    seconds = Process.clock_gettime(Process::CLOCK_MONOTONIC) - began
    puts format("threads: %d x %d ops in %.1f s; iterations completed %d, interrupted by ConcurrentModificationError %d",
                THREADS, OPS, seconds, results.sum { |r| r[1] }, results.sum { |r| r[2] })
  end

  def test_iteration_while_another_thread_mutates_raises
    set = HashSet.new([1, 2, 3])
    enumerator = set.each
    enumerator.next
    Thread.new { set << 4 }.join
    assert_raises(Hashset::ConcurrentModificationError) { enumerator.next }

    busy = HashSet.new(0...1000)
    stop = false
    writer = Thread.new do
      i = 1000
      until stop
        busy << i
        busy.delete(i - 1000)
        i += 1
        Thread.pass
      end
    end
    failures = 0
    200.times do
      break if failures >= 5

      begin
        busy.each { Thread.pass }
      rescue Hashset::ConcurrentModificationError
        failures += 1
      end
    end
    stop = true
    writer.join
    assert_operator failures, :>, 0, "an iteration under a busy writer must raise"
  end

  def test_close_racing_with_calls_never_crashes
    (LONG ? 2000 : 20).times do
      set = HashSet.new([1, 2, 3, 4, 5])
      other = HashSet.new([9])
      in_threads(4) do |t|
        random = Random.new(t)
        if t.zero?
          Thread.pass while random.rand(8).nonzero?
          set.close
          set.close
        else
          200.times do |i|
            Thread.pass if random.rand(4).zero?
            case random.rand(6)
            when 0 then set << i
            when 1 then set.include?(i)
            when 2 then set.to_a
            when 3 then set.update(other)
            when 4 then other.update(set)
            else set.each { Thread.pass }
            end
          rescue Hashset::ClosedError, Hashset::ConcurrentModificationError
            # closed, or changed by another thread: both are the contract
          end
        end
      end
      assert set.closed?
      assert_raises(Hashset::ClosedError) { set << 1 }
      other.close
    end
  end
end
