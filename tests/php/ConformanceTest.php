<?php
// Replays the language-neutral spec (tests/conformance/spec.txt) on the PHP API.
//
// Bad-value tokens become what a PHP user would pass: big:N is the float PHP
// makes of an integer literal beyond PHP_INT_MAX/PHP_INT_MIN, float:X a float,
// str:TEXT a string, null null. All of them are expressible.
//
// A HashSet has no explicit release (PHP frees it with its last reference),
// so close, iterate_then_close and every later statement naming a set they
// closed are not applicable: they are skipped.
declare(strict_types=1);

use PHPUnit\Framework\TestCase;

final class ConformanceTest extends TestCase
{
    private const ERRORS = [
        'range' => ValueError::class,
        'type' => TypeError::class,
        'empty' => UnderflowException::class,
        'concurrent' => RuntimeException::class,
        'format' => UnexpectedValueException::class,
    ];

    /** @var array<string, HashSet> */
    private array $sets = [];

    private static function specPath(): string
    {
        return getenv('HASHSET_SPEC') ?: __DIR__ . '/../conformance/spec.txt';
    }

    /** A spec value token as the PHP value a user would pass. */
    private static function value(string $token): mixed
    {
        if ($token === 'null') {
            return null;
        }
        $colon = strpos($token, ':');
        if ($colon === false) {
            $value = filter_var($token, FILTER_VALIDATE_INT);
            if ($value === false) {
                throw new LogicException("not an int64 token: $token");
            }
            return $value;
        }
        $text = substr($token, $colon + 1);
        switch (substr($token, 0, $colon)) {
            case 'big':
                return (float) $text;
            case 'float':
                return (float) $text;
            case 'str':
                return $text;
            case 'hex':
                return hex2bin($text);
        }
        throw new LogicException("unknown token $token");
    }

    /** Values and lists ([ ... ]) of a statement, in order. */
    private static function tokens(array $tokens): array
    {
        $values = [];
        $stack = [];
        foreach ($tokens as $token) {
            if ($token === '[') {
                $stack[] = [];
            } elseif ($token === ']') {
                $done = array_pop($stack);
                if ($stack) {
                    $stack[count($stack) - 1][] = $done;
                } else {
                    $values[] = $done;
                }
            } elseif ($stack) {
                $stack[count($stack) - 1][] = $token;
            } else {
                $values[] = $token;
            }
        }
        return $values;
    }

    public static function cases(): array
    {
        $cases = [];
        $current = null;
        foreach (file(self::specPath(), FILE_IGNORE_NEW_LINES) as $index => $line) {
            $line = trim($line);
            if ($line === '' || $line[0] === '#') {
                continue;
            }
            if (str_starts_with($line, 'case ')) {
                $current = preg_split('/\s+/', $line)[1];
                $cases[$current] = [$current, []];
                continue;
            }
            $parts = explode(' -> ', $line, 2);
            $words = preg_split('/\s+/', trim($parts[0]));
            $op = array_shift($words);
            $expected = isset($parts[1]) ? self::tokens(preg_split('/\s+/', trim($parts[1]))) : null;
            $cases[$current][1][] = [$index + 1, $op, self::tokens($words), $expected];
        }
        return $cases;
    }

    private static function ints(array $tokens): array
    {
        return array_map(fn ($token) => self::value($token), $tokens);
    }

    private function call(string $op, array $args): mixed
    {
        $name = $args[0];
        $rest = array_slice($args, 1);
        if ($op === 'new') {
            $this->sets[$name] = $rest ? new HashSet(self::ints($rest[0])) : new HashSet();
            return null;
        }
        if ($op === 'deserialize') {
            $this->sets[$name] = HashSet::deserialize(self::value($rest[0]));
            return null;
        }
        $s = $this->sets[$name];
        switch ($op) {
            case 'copy':
                $this->sets[$rest[0]] = clone $s;
                return null;
            case 'insert':
                return $s->add(self::value($rest[0]));
            case 'contains':
                return $s->contains(self::value($rest[0]));
            case 'erase':
                return $s->remove(self::value($rest[0]));
            case 'insert_many':
                return $s->insertMany(self::ints($rest[0]));
            case 'erase_many':
                return $s->eraseMany(self::ints($rest[0]));
            case 'size':
                return count($s);
            case 'empty':
                return $s->isEmpty();
            case 'clear':
                return $s->clear();
            case 'reserve':
                return $s->reserve(self::value($rest[0]));
            case 'pop':
                return $s->pop();
            case 'collect':
                return $s->toArray();
            case 'iterate':
                $items = [];
                foreach ($s as $value) {
                    $items[] = $value;
                }
                return $items;
            case 'iterate_then_insert':
                $iterator = $s->getIterator();
                $iterator->rewind();
                $iterator->current();
                $s->add(self::value($rest[0]));
                $iterator->next();
                return $iterator->current();
            case 'serialize':
                return $s->serialize();
        }
        $other = $this->sets[$rest[0]];
        $method = [
            'equals' => 'equals', 'is_subset' => 'isSubset', 'is_superset' => 'isSuperset',
            'is_disjoint' => 'isDisjoint', 'union' => 'union', 'intersection' => 'intersection',
            'difference' => 'difference', 'symmetric_difference' => 'symmetricDifference',
            'update' => 'update', 'intersection_update' => 'intersectionUpdate',
            'difference_update' => 'differenceUpdate',
            'symmetric_difference_update' => 'symmetricDifferenceUpdate',
        ][$op] ?? throw new LogicException("unknown op $op");
        $result = $s->$method($other);
        return $result instanceof HashSet ? $result->toArray() : $result;
    }

    /** @dataProvider cases */
    public function testSpecCase(string $name, array $statements): void
    {
        $spec = basename(self::specPath());
        $this->assertNotEmpty($statements);
        $closed = [];
        foreach ($statements as [$number, $op, $args, $expected]) {
            $context = "$spec:$number ($name: $op)";
            if ($op === 'close' || $op === 'iterate_then_close') {
                $closed[] = $args[0];
                continue;
            }
            if (array_intersect(array_filter($args, 'is_string'), $closed)) {
                continue;
            }
            $want = $expected[0] ?? null;
            if (is_string($want) && str_starts_with($want, 'error:')) {
                $class = self::ERRORS[substr($want, strlen('error:'))];
                try {
                    $this->call($op, $args);
                    $this->fail("$context: no $class");
                } catch (Throwable $error) {
                    $this->assertInstanceOf($class, $error, "$context: {$error->getMessage()}");
                }
                continue;
            }
            $result = $this->call($op, $args);
            if ($expected === null) {
                $this->assertNull($result, $context);
            } elseif (is_array($want)) {
                $this->assertIsArray($result, $context);
                $this->assertTrue(array_is_list($result), $context);
                $wanted = self::ints($want);
                sort($wanted);
                sort($result);
                $this->assertSame($wanted, $result, $context);
            } elseif ($want === 'true' || $want === 'false') {
                $this->assertSame($want === 'true', $result, $context);
            } elseif (str_starts_with($want, 'hex:')) {
                $this->assertSame(bin2hex(self::value($want)), bin2hex($result), $context);
            } else {
                $this->assertSame(self::value($want), $result, $context);
            }
        }
    }

    public function testEveryCaseOfTheSpecIsReplayed(): void
    {
        $text = file_get_contents(self::specPath());
        $this->assertSame(preg_match_all('/^case /m', $text), count(self::cases()));
        $this->assertGreaterThan(10, count(self::cases()));
    }
}
