<?php
// HashSet against a PHP array used as a set (values as keys) as the oracle:
// integers, bad input, Countable/IteratorAggregate, fail-fast iteration,
// clone/serialize, and memory.
declare(strict_types=1);

use PHPUnit\Framework\TestCase;

final class ProtocolTest extends TestCase
{
    private const EDGES = [PHP_INT_MIN, PHP_INT_MIN + 1, -1, 0, 1, 9007199254740991,
                           9007199254740993, -9007199254740993, PHP_INT_MAX - 1, PHP_INT_MAX];

    /** The oracle's elements, sorted. */
    private static function sorted(array $oracle): array
    {
        $keys = array_keys($oracle);
        sort($keys);
        return $keys;
    }

    private static function elements(HashSet $s): array
    {
        $items = $s->toArray();
        sort($items);
        return $items;
    }

    private function assertSameSet(array $oracle, HashSet $s, string $message = ''): void
    {
        $this->assertSame(self::sorted($oracle), self::elements($s), $message);
        $this->assertCount(count($oracle), $s, $message);
    }

    /** @return array<int, true> */
    private static function oracle(array $values): array
    {
        return array_fill_keys($values, true);
    }

    public function testOriginalInteractiveExample(): void
    {
        $s = new HashSet();
        $this->assertFalse($s->contains(0));
        $this->assertTrue($s->add(0));
        $this->assertTrue($s->contains(0));
        $this->assertFalse($s->add(0));
        $this->assertTrue($s->add(1));
        $this->assertSame(2, $s->count());
        $this->assertSame([0, 1], self::elements($s));
    }

    public function testIntegersRoundTripExactly(): void
    {
        $s = new HashSet(self::EDGES);
        $this->assertSameSet(self::oracle(self::EDGES), $s);
        foreach (self::EDGES as $value) {
            $this->assertTrue($s->contains($value), (string) $value);
        }
        $this->assertFalse($s->contains(PHP_INT_MIN + 2));
        $this->assertFalse($s->contains(9007199254740992));
        foreach ($s as $value) {
            $this->assertIsInt($value);
        }
        $popped = [];
        while (!$s->isEmpty()) {
            $popped[] = $s->pop();
        }
        sort($popped);
        $edges = self::EDGES;
        sort($edges);
        $this->assertSame($edges, $popped);
        $this->assertSame($edges, self::elements(HashSet::deserialize((new HashSet(self::EDGES))->serialize())));
    }

    public static function badValues(): array
    {
        return [
            'fraction' => [1.5, TypeError::class],
            'integral float' => [1.0, TypeError::class],
            'float -2**63' => [-9223372036854775808.0, ValueError::class],
            'float 2**63' => [9223372036854775808.0, ValueError::class],
            'float 2**64' => [18446744073709551615, ValueError::class],
            'INF' => [INF, ValueError::class],
            'NAN' => [NAN, TypeError::class],
            'numeric string' => ['1', TypeError::class],
            'string' => ['abc', TypeError::class],
            'null' => [null, TypeError::class],
            'true' => [true, TypeError::class],
            'false' => [false, TypeError::class],
            'array' => [[1], TypeError::class],
            'object' => [new stdClass(), TypeError::class],
            'hashset' => [new HashSet([1]), TypeError::class],
        ];
    }

    /** @dataProvider badValues */
    public function testBadValuesRaiseAndLeaveTheSetUnchanged(mixed $bad, string $error): void
    {
        $s = new HashSet([1, 2]);
        $calls = [
            'add' => fn () => $s->add($bad),
            'contains' => fn () => $s->contains($bad),
            'remove' => fn () => $s->remove($bad),
            'insertMany' => fn () => $s->insertMany([3, 4, $bad]),
            'eraseMany' => fn () => $s->eraseMany([1, $bad]),
            'constructor' => fn () => new HashSet([5, $bad]),
        ];
        foreach ($calls as $name => $call) {
            try {
                $call();
                $this->fail("$name accepted " . var_export($bad, true));
            } catch (Throwable $caught) {
                $this->assertInstanceOf($error, $caught, "$name: {$caught->getMessage()}");
            }
            $this->assertSame([1, 2], self::elements($s), $name);
        }
    }

    public function testBadContainersAndCounts(): void
    {
        $s = new HashSet([1]);
        foreach (['insertMany', 'eraseMany'] as $method) {
            foreach (['1,2', null, 5, new ArrayIterator([1])] as $bad) {
                try {
                    $s->$method($bad);
                    $this->fail("$method accepted a " . get_debug_type($bad));
                } catch (TypeError $expected) {
                    $this->addToAssertionCount(1);
                }
            }
        }
        $this->expectException(ValueError::class);
        try {
            $s->reserve(-1);
        } finally {
            $this->assertSame([1], $s->toArray());
        }
    }

    public function testDeserializeChecksItsInput(): void
    {
        foreach ([null, 5, ['x']] as $bad) {
            try {
                HashSet::deserialize($bad);
                $this->fail('deserialize accepted a ' . get_debug_type($bad));
            } catch (TypeError $expected) {
                $this->addToAssertionCount(1);
            }
        }
        $bytes = (new HashSet([1, 2]))->serialize();
        foreach (['', 'HSET', substr($bytes, 0, -1), $bytes . "\0", strrev($bytes)] as $bad) {
            try {
                HashSet::deserialize($bad);
                $this->fail('deserialize accepted ' . bin2hex($bad));
            } catch (UnexpectedValueException $expected) {
                $this->addToAssertionCount(1);
            }
        }
    }

    public function testRandomOperationsAgainstTheOracle(): void
    {
        mt_srand(7);
        $s = new HashSet();
        $oracle = [];
        for ($step = 0; $step < 3000; ++$step) {
            $value = mt_rand(-60, 60);
            switch (mt_rand(0, 6)) {
                case 0:
                case 1:
                    $this->assertSame(!isset($oracle[$value]), $s->add($value));
                    $oracle[$value] = true;
                    break;
                case 2:
                    $this->assertSame(isset($oracle[$value]), $s->remove($value));
                    unset($oracle[$value]);
                    break;
                case 3:
                    $this->assertSame(isset($oracle[$value]), $s->contains($value));
                    break;
                case 4:
                    $values = [$value, $value + 1, $value, mt_rand(-60, 60)];
                    $before = count($oracle);
                    $oracle += self::oracle($values);
                    $this->assertSame(count($oracle) - $before, $s->insertMany($values));
                    break;
                case 5:
                    $values = [$value, $value - 1, $value];
                    $before = count($oracle);
                    $oracle = array_diff_key($oracle, self::oracle($values));
                    $this->assertSame($before - count($oracle), $s->eraseMany($values));
                    break;
                case 6:
                    if ($oracle) {
                        $popped = $s->pop();
                        $this->assertArrayHasKey($popped, $oracle);
                        unset($oracle[$popped]);
                    }
                    break;
            }
            $this->assertCount(count($oracle), $s);
            $this->assertSame(!$oracle, $s->isEmpty());
        }
        $this->assertSameSet($oracle, $s);
    }

    public function testSetAlgebraAgainstTheOracle(): void
    {
        mt_srand(11);
        for ($round = 0; $round < 40; ++$round) {
            $span = [4, 50, 1000][$round % 3];
            $av = array_map(fn () => mt_rand(-$span, $span), range(1, mt_rand(0, 80)));
            $bv = $round % 7 === 0 ? $av : array_map(fn () => mt_rand(-$span, $span), range(1, mt_rand(0, 80)));
            $a = self::oracle($av);
            $b = self::oracle($bv);
            $sa = new HashSet($av);
            $sb = new HashSet($bv);
            $union = $a + $b;
            $intersection = array_intersect_key($a, $b);
            $difference = array_diff_key($a, $b);
            $symmetric = array_diff_key($a, $b) + array_diff_key($b, $a);
            $this->assertSameSet($union, $sa->union($sb));
            $this->assertSameSet($intersection, $sa->intersection($sb));
            $this->assertSameSet($difference, $sa->difference($sb));
            $this->assertSameSet($symmetric, $sa->symmetricDifference($sb));
            $this->assertSame(self::sorted($a) === self::sorted($b), $sa->equals($sb));
            $this->assertSame(!array_diff_key($a, $b), $sa->isSubset($sb));
            $this->assertSame(!array_diff_key($b, $a), $sa->isSuperset($sb));
            $this->assertSame(!$intersection, $sa->isDisjoint($sb));
            foreach ([['update', $union], ['intersectionUpdate', $intersection],
                      ['differenceUpdate', $difference], ['symmetricDifferenceUpdate', $symmetric]] as [$method, $want]) {
                $x = clone $sa;
                $this->assertNull($x->$method($sb));
                $this->assertSameSet($want, $x, $method);
            }
            $this->assertSameSet($a, $sa);
            $this->assertSameSet($b, $sb);
        }
    }

    public function testTheExtensionAndItsClasses(): void
    {
        $this->assertTrue(extension_loaded('hashset'));
        $this->assertContains('HashSet', array_map(fn ($c) => $c->getName(),
            (new ReflectionExtension('hashset'))->getClasses()));
        $this->assertSame('Iterator', (string) (new ReflectionMethod(HashSet::class, 'getIterator'))->getReturnType());
        $this->assertSame('int', (string) (new ReflectionMethod(HashSet::class, 'count'))->getReturnType());
    }

    public function testCountableAndIteratorAggregate(): void
    {
        $values = [5, -3, PHP_INT_MAX, 0];
        $s = new HashSet($values);
        $this->assertInstanceOf(Countable::class, $s);
        $this->assertInstanceOf(IteratorAggregate::class, $s);
        $this->assertInstanceOf(Iterator::class, $s->getIterator());
        $this->assertSame(4, count($s));
        $seen = [];
        foreach ($s as $key => $value) {
            $this->assertSame(count($seen), $key);
            $seen[] = $value;
        }
        sort($seen);
        sort($values);
        $this->assertSame($values, $seen);
        $list = iterator_to_array($s);
        $this->assertTrue(array_is_list($list));
        $this->assertSame(self::elements($s), self::sortedCopy($list));
        $this->assertSame([], iterator_to_array(new HashSet()));
        $this->assertSame([], (new HashSet())->toArray());
    }

    private static function sortedCopy(array $values): array
    {
        sort($values);
        return $values;
    }

    public function testIterationDetectsAChangeOfTheSet(): void
    {
        $mutations = [
            'add' => fn (HashSet $s) => $s->add(100),
            'remove' => fn (HashSet $s) => $s->remove(2),
            'clear' => fn (HashSet $s) => $s->clear(),
            'insertMany' => fn (HashSet $s) => $s->insertMany([7, 8]),
            'pop' => fn (HashSet $s) => $s->pop(),
            'update' => fn (HashSet $s) => $s->update(new HashSet([9])),
        ];
        foreach ($mutations as $name => $mutate) {
            $s = new HashSet([1, 2, 3]);
            $oracle = self::oracle([1, 2, 3]);
            try {
                foreach ($s as $value) {
                    $mutate($s);
                }
                $this->fail("$name during foreach was not detected");
            } catch (RuntimeException $expected) {
                $this->assertStringContainsString('changed during iteration', $expected->getMessage());
            }
            $this->assertNotSame(self::sorted($oracle), self::elements($s), $name);  // the change stays
        }
        // A one-element set: the change after its only element is still seen.
        $s = new HashSet([1]);
        $this->expectException(RuntimeException::class);
        foreach ($s as $value) {
            $s->add(2);
        }
    }

    public function testChangesThatChangeNothingAndFinishedIterationsAreFine(): void
    {
        $s = new HashSet([1, 2, 3]);
        $seen = [];
        foreach ($s as $value) {
            $s->add(1);     // already there: the set does not change
            $s->remove(50); // not there
            $seen[] = $value;
        }
        $this->assertSame([1, 2, 3], self::sortedCopy($seen));
        $iterator = $s->getIterator();
        while ($iterator->valid()) {
            $iterator->next();
        }
        $s->add(4);
        $iterator->next();
        $this->assertFalse($iterator->valid());
    }

    public function testIteratorProtocolEdges(): void
    {
        $s = new HashSet([1, 2]);
        $iterator = $s->getIterator();
        $iterator->rewind();  // a fresh iterator rewinds
        $first = $iterator->current();
        $this->assertSame(0, $iterator->key());
        $iterator->next();
        $this->assertSame(1, $iterator->key());
        $this->assertNotSame($first, $iterator->current());
        try {
            $iterator->rewind();
            $this->fail('rewind after next');
        } catch (LogicException $expected) {
            $this->addToAssertionCount(1);
        }
        $iterator->next();
        $this->assertFalse($iterator->valid());
        $this->expectException(OutOfBoundsException::class);
        $iterator->current();
    }

    public function testAnIteratorOutlivesItsSet(): void
    {
        $s = new HashSet(range(1, 1000));
        $iterator = $s->getIterator();
        $first = $iterator->current();
        unset($s);
        gc_collect_cycles();
        $seen = [$first];
        for ($iterator->next(); $iterator->valid(); $iterator->next()) {
            $seen[] = $iterator->current();
        }
        $this->assertSame(range(1, 1000), self::sortedCopy($seen));
        // Only getIterator() makes a working HashSetIterator; a bare one raises.
        $bare = new HashSetIterator();
        foreach (['valid', 'current', 'key', 'next', 'rewind'] as $method) {
            try {
                $bare->$method();
                $this->fail("$method on a bare HashSetIterator");
            } catch (Error $expected) {
                $this->assertStringContainsString('not initialised', $expected->getMessage());
            }
        }
    }

    public function testCloneAndCopyAreIndependent(): void
    {
        $s = new HashSet([1, 2]);
        foreach ([clone $s, $s->copy()] as $t) {
            $this->assertInstanceOf(HashSet::class, $t);
            $this->assertTrue($t->equals($s));
            $t->add(3);
            $s->remove(1);
            $this->assertSame([1, 2, 3], self::elements($t));
            $this->assertSame([2], self::elements($s));
            $s->add(1);
        }
    }

    public function testBinaryAndPhpSerialization(): void
    {
        $a = new HashSet([2, -1, PHP_INT_MIN]);
        $b = new HashSet([PHP_INT_MIN, -1, 2]);
        $this->assertIsString($a->serialize());
        $this->assertSame($a->serialize(), $b->serialize());
        $this->assertSame(bin2hex((new HashSet([2, -1]))->serialize()),
            '48534554010000000200000000000000ffffffffffffffff020000000000000004b5e0fdefd6beab');
        $this->assertTrue(HashSet::deserialize($a->serialize())->equals($a));
        $round = unserialize(serialize(['set' => $a]))['set'];
        $this->assertInstanceOf(HashSet::class, $round);
        $this->assertSame(self::elements($a), self::elements($round));
        $round->add(5);
        $this->assertFalse($a->contains(5));
        $this->assertSame(['bytes' => $a->serialize()], $a->__serialize());
        try {
            unserialize('O:7:"HashSet":0:{}');
            $this->fail('unserialize without bytes');
        } catch (UnexpectedValueException $expected) {
            $this->addToAssertionCount(1);
        }
        $this->expectException(UnexpectedValueException::class);
        unserialize('O:7:"HashSet":1:{s:5:"bytes";s:4:"HSET";}');
    }

    public function testAnUninitialisedObjectRaisesInsteadOfCrashing(): void
    {
        $bare = (new ReflectionClass(HashSet::class))->newInstanceWithoutConstructor();
        $calls = [
            'count()' => fn () => count($bare),
            'add' => fn () => $bare->add(1),
            'contains' => fn () => $bare->contains(1),
            'toArray' => fn () => $bare->toArray(),
            'foreach' => function () use ($bare) {
                foreach ($bare as $value) {
                }
            },
            'serialize' => fn () => serialize($bare),
            'as an argument' => fn () => (new HashSet([1]))->update($bare),
        ];
        foreach ($calls as $name => $call) {
            try {
                $call();
                $this->fail("$name on an uninitialised HashSet");
            } catch (Error $expected) {
                $this->assertNotInstanceOf(PHPUnit\Framework\AssertionFailedError::class, $expected);
            }
        }
        $clone = clone $bare;
        $this->expectException(Error::class);
        $clone->count();
    }

    public function testSubclassesWork(): void
    {
        $s = new class([1, 2]) extends HashSet {
            public function sum(): int
            {
                return array_sum($this->toArray());
            }
        };
        $this->assertSame(3, $s->sum());
        $this->assertCount(2, $s);
        $this->assertInstanceOf(HashSet::class, clone $s);
    }

    private static function residentBytes(): int
    {
        $fields = explode(' ', (string) file_get_contents('/proc/self/statm'));
        return (int) $fields[1] * 4096;
    }

    public function testSetsAreFreedWhenTheirLastReferenceGoes(): void
    {
        if (!is_readable('/proc/self/statm')) {
            $this->markTestSkipped('needs /proc/self/statm');
        }
        $values = range(1, 20000);
        $make = fn () => new HashSet($values);
        for ($i = 0; $i < 5; ++$i) {
            $make();  // warm up the allocator
        }
        $before = self::residentBytes();
        for ($i = 0; $i < 300; ++$i) {  // ~300 KB each: 90 MB if leaked
            $s = $make();
            $t = clone $s;
            $u = $s->union($t);
            $it = $u->getIterator();
            unset($s, $t, $u, $it);
        }
        $this->assertLessThan(16 << 20, self::residentBytes() - $before);
    }

    public function testDroppingTheSetInsideForeachFinishesTheLoop(): void
    {
        $values = array_map(fn ($i) => $i * 7919 - 3000, range(1, 1000));
        $s = new HashSet($values);
        $rest = array_fill_keys($values, true);
        $seen = [];
        foreach ($s as $value) {
            if (isset($s)) {
                $this->assertArrayHasKey($value, $rest);
                unset($rest[$value], $s);  // the loop's own iterator is all that is left
                gc_collect_cycles();
                continue;
            }
            $seen[] = $value;
        }
        $this->assertCount(count($rest), $seen, 'each remaining element once');
        $this->assertSame(self::sorted($rest), self::sortedCopy($seen));
    }

    public function testProcessExitWithLiveSetsIsClean(): void
    {
        // This process's own -d options (the extension, assertions), from its command line.
        $arguments = explode("\0", rtrim(file_get_contents('/proc/self/cmdline'), "\0"));
        $options = [];
        foreach ($arguments as $i => $argument) {
            if ($argument === '-d') {
                array_push($options, '-d', $arguments[$i + 1]);
            }
        }
        $script = <<<'PHP'
            $live = [];
            for ($i = 0; $i < 50; ++$i) {
                $s = new HashSet($i > 0 ? range(1, $i * 100) : []);
                $iterator = $s->getIterator();
                $iterator->next();
                $live[] = $i % 2 === 0 ? [$s, $iterator] : $iterator;
            }
            $large = new HashSet(range(1, 1000000));
            foreach ($large as $value) {
                break;
            }
            $live[] = $large->getIterator();
            // PHP has no close(): a set made without its constructor is the nearest.
            $live[] = (new ReflectionClass(HashSet::class))->newInstanceWithoutConstructor();
            $cycle = new stdClass();
            $cycle->set = new HashSet([7]);
            $cycle->self = $cycle;
            echo "live sets left at exit\n";
            PHP;
        $child = proc_open(
            array_merge([PHP_BINARY, '-n'], $options,
                        ['-d', 'display_errors=stderr', '-d', 'error_reporting=-1', '-r', $script]),
            [1 => ['pipe', 'w'], 2 => ['pipe', 'w']],
            $pipes
        );
        $stdout = stream_get_contents($pipes[1]);
        $stderr = stream_get_contents($pipes[2]);
        fclose($pipes[1]);
        fclose($pipes[2]);
        $this->assertSame('', $stderr);
        $this->assertSame(0, proc_close($child));
        $this->assertSame("live sets left at exit\n", $stdout);
    }
}
