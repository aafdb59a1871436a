package hashset_test

// Replays the language-neutral spec (tests/conformance/spec.txt, path in
// $HASHSET_SPEC) on the Go API. Bad-value tokens (big:, float:, str:, null)
// cannot be passed to an int64 or []int64 parameter: the compiler rejects
// them, so those statements are counted as not applicable.

import (
	"bufio"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"hashset"
)

type statement struct {
	line     int
	op       string
	args     []interface{} // string tokens and []string lists
	expected []interface{} // nil when the statement has no "->"
}

type specCase struct {
	name       string
	statements []statement
}

func parseTokens(tokens []string) []interface{} {
	var values []interface{}
	var list []string
	inList := false
	for _, token := range tokens {
		switch {
		case token == "[":
			inList, list = true, []string{}
		case token == "]":
			values = append(values, list)
			inList = false
		case inList:
			list = append(list, token)
		default:
			values = append(values, token)
		}
	}
	return values
}

func loadSpec(t *testing.T, path string) []specCase {
	file, err := os.Open(path)
	if err != nil {
		t.Fatalf("spec: %v", err)
	}
	defer file.Close()
	var cases []specCase
	scanner := bufio.NewScanner(file)
	for number := 1; scanner.Scan(); number++ {
		line := strings.TrimSpace(scanner.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "case ") {
			cases = append(cases, specCase{name: strings.Fields(line)[1]})
			continue
		}
		if len(cases) == 0 {
			t.Fatalf("spec line %d: statement before any case", number)
		}
		text, want, hasWant := strings.Cut(line, " -> ")
		fields := strings.Fields(text)
		s := statement{line: number, op: fields[0], args: parseTokens(fields[1:])}
		if hasWant {
			s.expected = parseTokens(strings.Fields(want))
		}
		current := &cases[len(cases)-1]
		current.statements = append(current.statements, s)
	}
	if err := scanner.Err(); err != nil {
		t.Fatalf("spec: %v", err)
	}
	return cases
}

// errNotApplicable marks a value Go cannot pass to an int64 parameter.
var errNotApplicable = errors.New("not expressible in Go")

func parseValue(token string) (int64, error) {
	if token == "null" || strings.HasPrefix(token, "big:") || strings.HasPrefix(token, "float:") ||
		strings.HasPrefix(token, "str:") {
		return 0, errNotApplicable
	}
	return strconv.ParseInt(token, 10, 64)
}

func parseValues(tokens []string) ([]int64, error) {
	values := make([]int64, 0, len(tokens))
	for _, token := range tokens {
		v, err := parseValue(token)
		if err != nil {
			return nil, err
		}
		values = append(values, v)
	}
	return values, nil
}

func parseHex(token string) []byte {
	data, err := hex.DecodeString(strings.TrimPrefix(token, "hex:"))
	if err != nil {
		panic(err)
	}
	return data
}

type runner struct {
	sets map[string]*hashset.Set
}

// call runs one statement and returns its result: nil, bool, int, int64,
// []int64 or []byte, or the error the API returned.
func (r *runner) call(op string, args []interface{}) (interface{}, error) {
	name := args[0].(string)
	rest := args[1:]
	switch op {
	case "new":
		values := []int64{}
		if len(rest) > 0 {
			var err error
			if values, err = parseValues(rest[0].([]string)); err != nil {
				return nil, err
			}
		}
		r.sets[name] = hashset.New(values...)
		return nil, nil
	case "deserialize":
		s, err := hashset.Deserialize(parseHex(rest[0].(string)))
		if err != nil {
			return nil, err
		}
		r.sets[name] = s
		return nil, nil
	}
	s, ok := r.sets[name]
	if !ok {
		return nil, fmt.Errorf("no set %q", name)
	}
	switch op {
	case "insert", "contains", "erase":
		v, err := parseValue(rest[0].(string))
		if err != nil {
			return nil, err
		}
		switch op {
		case "insert":
			return s.Insert(v), nil
		case "contains":
			return s.Contains(v), nil
		default:
			return s.Erase(v), nil
		}
	case "insert_many", "erase_many":
		values, err := parseValues(rest[0].([]string))
		if err != nil {
			return nil, err
		}
		if op == "insert_many" {
			return s.InsertMany(values), nil
		}
		return s.EraseMany(values), nil
	case "size":
		return s.Len(), nil
	case "empty":
		return s.IsEmpty(), nil
	case "clear":
		s.Clear()
		return nil, nil
	case "reserve":
		n, err := strconv.Atoi(rest[0].(string))
		if err != nil {
			return nil, err
		}
		s.Reserve(n)
		return nil, nil
	case "pop":
		v, err := s.Pop()
		if err != nil {
			return nil, err
		}
		return v, nil
	case "collect":
		return s.Collect(), nil
	case "iterate":
		values := []int64{}
		err := s.Iterate(func(v int64) bool {
			values = append(values, v)
			return true
		})
		return values, err
	case "iterate_then_insert":
		v, err := parseValue(rest[0].(string))
		if err != nil {
			return nil, err
		}
		it := s.Iterator()
		defer it.Close()
		if !it.Next() {
			return nil, fmt.Errorf("iterate_then_insert on an empty set")
		}
		s.Insert(v)
		if it.Next() {
			return it.Value(), nil
		}
		return nil, it.Err()
	case "iterate_then_close":
		it := s.Iterator()
		defer it.Close()
		if !it.Next() {
			return nil, fmt.Errorf("iterate_then_close on an empty set")
		}
		if err := s.Close(); err != nil {
			return nil, err
		}
		if it.Next() {
			return it.Value(), nil
		}
		return nil, it.Err()
	case "close":
		return nil, s.Close()
	case "serialize":
		return s.Serialize(), nil
	case "copy":
		r.sets[rest[0].(string)] = s.Clone()
		return nil, nil
	}
	other, ok := r.sets[rest[0].(string)]
	if !ok {
		return nil, fmt.Errorf("no set %q", rest[0])
	}
	switch op {
	case "equals":
		return s.Equal(other), nil
	case "is_subset":
		return s.IsSubset(other), nil
	case "is_superset":
		return s.IsSuperset(other), nil
	case "is_disjoint":
		return s.IsDisjoint(other), nil
	case "union":
		return s.Union(other).Collect(), nil
	case "intersection":
		return s.Intersection(other).Collect(), nil
	case "difference":
		return s.Difference(other).Collect(), nil
	case "symmetric_difference":
		return s.SymmetricDifference(other).Collect(), nil
	case "update":
		s.Update(other)
	case "intersection_update":
		s.IntersectionUpdate(other)
	case "difference_update":
		s.DifferenceUpdate(other)
	case "symmetric_difference_update":
		s.SymmetricDifferenceUpdate(other)
	default:
		return nil, fmt.Errorf("unknown operation %q", op)
	}
	return nil, nil
}

// callChecked is call for methods without an error result too: they panic
// with ErrClosed on a closed set, which it returns as the statement's error.
func (r *runner) callChecked(op string, args []interface{}) (result interface{}, err error) {
	defer func() {
		if recovered := recover(); recovered != nil {
			closed, ok := recovered.(error)
			if !ok || !errors.Is(closed, hashset.ErrClosed) {
				panic(recovered)
			}
			result, err = nil, closed
		}
	}()
	return r.call(op, args)
}

var specErrors = map[string]error{
	"empty":      hashset.ErrEmpty,
	"concurrent": hashset.ErrConcurrentModification,
	"format":     hashset.ErrFormat,
	"closed":     hashset.ErrClosed,
}

func sortedInts(values []int64) []int64 {
	sorted := append([]int64(nil), values...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	return sorted
}

// check compares a result with the expected token(s) of the spec.
func check(result interface{}, want interface{}) error {
	switch want := want.(type) {
	case []string:
		got, ok := result.([]int64)
		if !ok {
			return fmt.Errorf("got %T %v, want a list", result, result)
		}
		values, err := parseValues(want)
		if err != nil {
			return err
		}
		if fmt.Sprint(sortedInts(got)) != fmt.Sprint(sortedInts(values)) {
			return fmt.Errorf("got %v, want %v (as sets)", got, want)
		}
	case string:
		switch {
		case want == "true" || want == "false":
			if result != (want == "true") {
				return fmt.Errorf("got %v, want %s", result, want)
			}
		case strings.HasPrefix(want, "hex:"):
			got, ok := result.([]byte)
			if !ok || hex.EncodeToString(got) != strings.TrimPrefix(want, "hex:") {
				return fmt.Errorf("got %x, want %s", result, want)
			}
		default:
			n, err := strconv.ParseInt(want, 10, 64)
			if err != nil {
				return err
			}
			var got int64
			switch v := result.(type) {
			case int:
				got = int64(v)
			case int64:
				got = v
			default:
				return fmt.Errorf("got %T %v, want the integer %s", result, result, want)
			}
			if got != n {
				return fmt.Errorf("got %d, want %s", got, want)
			}
		}
	}
	return nil
}

func TestConformance(t *testing.T) {
	path := os.Getenv("HASHSET_SPEC")
	if path == "" {
		t.Skip("HASHSET_SPEC is not set: the go_conformance ctest runs this test")
	}
	cases := loadSpec(t, path)
	if len(cases) == 0 {
		t.Fatal("the spec has no case")
	}
	run, notApplicable := 0, 0
	for _, c := range cases {
		c := c
		t.Run(c.name, func(t *testing.T) {
			r := &runner{sets: map[string]*hashset.Set{}}
			defer func() {
				for _, s := range r.sets {
					s.Close()
				}
			}()
			for _, s := range c.statements {
				where := fmt.Sprintf("spec.txt:%d: %s %v", s.line, s.op, s.args)
				result, err := r.callChecked(s.op, s.args)
				if errors.Is(err, errNotApplicable) {
					notApplicable++
					continue
				}
				run++
				var want interface{}
				if len(s.expected) == 1 {
					want = s.expected[0]
				} else if len(s.expected) > 1 {
					t.Fatalf("%s: more than one expected token", where)
				}
				if kind, isError := want.(string); isError && strings.HasPrefix(kind, "error:") {
					kind = strings.TrimPrefix(kind, "error:")
					sentinel, known := specErrors[kind]
					if !known {
						t.Fatalf("%s: no Go error for %s", where, kind)
					}
					if !errors.Is(err, sentinel) {
						t.Fatalf("%s: got %v (%v), want %v", where, result, err, sentinel)
					}
					continue
				}
				if err != nil {
					t.Fatalf("%s: %v", where, err)
				}
				if want == nil {
					if result != nil {
						t.Fatalf("%s: got %v, want no result", where, result)
					}
					continue
				}
				if err := check(result, want); err != nil {
					t.Fatalf("%s: %v", where, err)
				}
			}
		})
	}
	t.Logf("%d statements run, %d not applicable (values an int64 cannot hold)", run, notApplicable)
	if run == 0 {
		t.Fatal("no statement ran")
	}
}
