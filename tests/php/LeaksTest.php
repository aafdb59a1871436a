<?php
// Leaks over time (docs/reliability.md): many create/fill/iterate/destroy
// cycles with the error paths taken, every set freed by reference counting
// when its last reference goes (PHP has no close); resident memory must stay
// flat. HASHSET_LONG=1 selects the long profile.
declare(strict_types=1);

use PHPUnit\Framework\TestCase;

final class LeaksTest extends TestCase
{
    private const BAD_BYTES = "\x01\x02\x03";

    private static function residentBytes(): int
    {
        $fields = explode(' ', (string) file_get_contents('/proc/self/statm'));
        return (int) $fields[1] * 4096;
    }

    /** Fails the cycle unless $call throws a $class. */
    private static function expectThrown(callable $call, string $class): void
    {
        try {
            $call();
        } catch (Throwable $thrown) {
            if ($thrown instanceof $class) {
                return;
            }
            throw $thrown;
        }
        throw new LogicException("no $class");
    }

    /**
     * One cycle: sets built every way, iterated fully, partly and past a
     * change, every error path taken; an iterator outlives its set, another
     * is abandoned.
     */
    private static function cycle(int $i, ReflectionClass $class): void
    {
        $set = new HashSet([$i, $i + 1, $i + 2, $i + 3]);
        $set->insertMany([-$i, $i % 64, $i % 64]);
        $visited = 0;
        foreach ($set as $value) {
            ++$visited;
        }
        $copy = clone $set;
        $copy->update($set);
        $union = $set->union(new HashSet([$i + 100]));
        $restored = HashSet::deserialize($union->serialize());
        if (!$copy->equals($set) || !$restored->equals($union) || $visited !== count($set)) {
            throw new LogicException("cycle $i");
        }
        $restored->getIterator()->current();  // a partial iteration, never finished
        $orphan = (new HashSet([$i]))->getIterator();  // its set is gone at once
        if ($orphan->current() !== $i) {
            throw new LogicException("cycle $i: orphan");
        }
        $stale = $copy->getIterator();
        $stale->current();
        $copy->add($i + 200);
        self::expectThrown(fn () => $stale->next(), RuntimeException::class);
        self::expectThrown(fn () => $set->add(1.5), TypeError::class);
        self::expectThrown(fn () => HashSet::deserialize(self::BAD_BYTES), UnexpectedValueException::class);
        self::expectThrown(fn () => (new HashSet())->pop(), UnderflowException::class);
        // The nearest PHP has to a closed set: an object without a native set.
        $bare = $class->newInstanceWithoutConstructor();
        self::expectThrown(fn () => $bare->pop(), Error::class);
    }

    public function testCreateFillIterateDestroyCyclesKeepResidentMemoryFlat(): void
    {
        $long = getenv('HASHSET_LONG') === '1';
        // One leaked set per cycle (of six) would cost about 10 MiB even in
        // the short profile.
        $bound = 8 << 20;
        $warmUp = $long ? 100000 : 10000;
        $cycles = $long ? 1000000 : 50000;
        $class = new ReflectionClass(HashSet::class);
        for ($i = 0; $i < $warmUp; ++$i) {
            self::cycle($i, $class);
        }
        gc_collect_cycles();
        $before = self::residentBytes();
        $began = hrtime(true);
        $checkpoints = [];
        for ($i = 0; $i < $cycles; ++$i) {
            self::cycle($i, $class);
            if (($i + 1) % intdiv($cycles, 5) === 0) {
                $checkpoints[] = intdiv(self::residentBytes() - $before, 1024);
            }
        }
        gc_collect_cycles();
        $growth = self::residentBytes() - $before;
        fprintf(STDOUT, "leaks: %d cycles in %.1f s, resident growth %d KiB (checkpoints, KiB: %s)\n",
            $cycles, (hrtime(true) - $began) / 1e9, intdiv($growth, 1024), implode(' ', $checkpoints));
        $this->assertLessThan($bound, $growth, 'resident memory grew by ' . intdiv($growth, 1024) . ' KiB');
    }
}
