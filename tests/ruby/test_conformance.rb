# Replays the language-neutral spec (tests/conformance/spec.txt) on the Ruby API.
#
# Every statement runs: Ruby can express every bad value of the spec at a call
# site (big: is an Integer beyond int64, float: a Float, str: a String, null nil).
require "minitest/autorun"
require "hashset"

SPEC = ENV.fetch("HASHSET_SPEC", File.expand_path("../conformance/spec.txt", __dir__))

module Conformance
  ERRORS = {
    "range" => RangeError,
    "type" => TypeError,
    "empty" => KeyError,
    "concurrent" => Hashset::ConcurrentModificationError,
    "format" => Hashset::FormatError,
    "closed" => Hashset::ClosedError,
  }.freeze

  Statement = Struct.new(:line, :op, :args, :expected)

  # A spec value token as the Ruby object a user would pass.
  def self.value(token)
    return nil if token == "null"
    kind, text = token.split(":", 2)
    return Integer(token, 10) if text.nil?
    case kind
    when "big" then Integer(text, 10)
    when "float" then Float(text)
    when "str" then text
    when "hex" then [text].pack("H*")
    else raise ArgumentError, "unknown token #{token}"
    end
  end

  # Values and lists ([ ... ]) of a statement, in order.
  def self.tokens(words)
    values = []
    stack = []
    words.each do |word|
      if word == "["
        stack.push([])
      elsif word == "]"
        done = stack.pop
        (stack.last || values) << done
      else
        (stack.last || values) << word
      end
    end
    values
  end

  def self.cases
    cases = []
    File.readlines(SPEC, chomp: true).each_with_index do |raw, index|
      line = raw.strip
      next if line.empty? || line.start_with?("#")
      if line.start_with?("case ")
        cases << [line.split[1], []]
        next
      end
      statement, expected = line.split(" -> ", 2)
      op, *words = statement.split
      cases.last[1] << Statement.new(index + 1, op, tokens(words), expected && tokens(expected.split))
    end
    cases
  end

  # Runs one statement on the sets of the current case.
  class Runner
    def initialize
      @sets = {}
    end

    def call(op, args)
      name, *rest = args
      case op
      when "new"
        @sets[name] = rest.empty? ? Hashset::HashSet.new : Hashset::HashSet.new(rest[0].map { |v| Conformance.value(v) })
        return :none
      when "copy"
        @sets[rest[0]] = @sets[name].dup
        return :none
      when "deserialize"
        @sets[name] = Hashset::HashSet.deserialize(Conformance.value(rest[0]))
        return :none
      end
      s = @sets.fetch(name)
      case op
      when "insert", "contains", "erase" then s.public_send(op, Conformance.value(rest[0]))
      when "insert_many", "erase_many" then s.public_send(op, rest[0].map { |v| Conformance.value(v) })
      when "size" then s.size
      when "empty" then s.empty?
      when "clear" then s.clear.equal?(s) ? :none : :clear_did_not_return_self
      when "reserve" then s.reserve(Integer(rest[0], 10)).nil? ? :none : :reserve_returned_a_value
      when "pop" then s.pop
      when "collect" then s.collect
      when "iterate"
        yielded = []
        s.each { |value| yielded << value }
        yielded
      when "iterate_then_insert"
        enumerator = s.each
        enumerator.next
        s.insert(Conformance.value(rest[0]))
        enumerator.next
      when "iterate_then_close"
        enumerator = s.each
        enumerator.next
        s.close
        enumerator.next
      when "close" then s.close.nil? ? :none : :close_returned_a_value
      when "serialize" then s.serialize
      else
        other = @sets.fetch(rest[0])
        case op
        when "equals" then s == other
        when "is_subset" then s.subset?(other)
        when "is_superset" then s.superset?(other)
        when "is_disjoint" then s.disjoint?(other)
        when "union" then (s | other).to_a
        when "intersection" then (s & other).to_a
        when "difference" then (s - other).to_a
        when "symmetric_difference" then (s ^ other).to_a
        when "update", "intersection_update", "difference_update", "symmetric_difference_update"
          s.public_send(op, other)
          :none
        else raise ArgumentError, "unknown op #{op}"
        end
      end
    end
  end
end

class TestConformance < Minitest::Test
  @@statements = 0

  Minitest.after_run do
    puts "ruby conformance: #{@@statements} statements replayed, 0 not applicable"
  end

  def check(statement, result)
    want = statement.expected[0]
    where = "#{File.basename(SPEC)}:#{statement.line}: #{statement.op} #{statement.args.inspect}"
    if want.is_a?(Array)
      assert_kind_of Array, result, where
      assert_equal want.map { |v| Integer(v, 10) }.sort, result.sort, where
    elsif want == "true" || want == "false"
      assert_same want == "true", result, where
    elsif want.start_with?("hex:")
      assert_equal Conformance.value(want), result, where
      assert_equal Encoding::BINARY, result.encoding, where
    else
      assert_kind_of Integer, result, where
      assert_equal Integer(want, 10), result, where
    end
  end

  cases = Conformance.cases
  raise "no cases in #{SPEC}" if cases.empty?
  cases.each do |name, statements|
    define_method("test_#{name}") do
      runner = Conformance::Runner.new
      statements.each do |statement|
        @@statements += 1
        want = statement.expected&.first
        if want.is_a?(String) && want.start_with?("error:")
          kind = want.delete_prefix("error:")
          assert_raises(Conformance::ERRORS.fetch(kind), "#{SPEC}:#{statement.line}") do
            runner.call(statement.op, statement.args)
          end
          next
        end
        result = runner.call(statement.op, statement.args)
        if statement.expected
          check(statement, result)
        else
          assert_equal :none, result, "#{SPEC}:#{statement.line}: #{statement.op} returns a value"
        end
      end
    end
  end
end
