package hashset_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Values that are not an int64 (fractional, string, nil, out of range,
// unsigned) cannot reach the set at all: the compiler rejects each call.
// This builds a small program against the package and checks that every bad
// line, and no good one, is reported.
func TestBadValuesDoNotCompile(t *testing.T) {
	lines := []struct {
		code string
		bad  bool
	}{
		{`s.Insert(1.5)`, true},
		{`s.Insert("abc")`, true},
		{`s.Insert(nil)`, true},
		{`s.Insert(9223372036854775808)`, true},
		{`s.Erase(-9223372036854775809)`, true},
		{`s.Contains(18446744073709551615)`, true},
		{`s.InsertMany([]int64{3, 9223372036854775808})`, true},
		{`s.InsertMany([]int64{3, 0.5})`, true},
		{`s.EraseMany([]int{1})`, true},
		{`s.Insert(uint64(1))`, true},
		{`s.Insert(float64(2))`, true},
		{`s.Insert(-9223372036854775808)`, false},
		{`s.InsertMany([]int64{9223372036854775807})`, false},
	}
	var source strings.Builder
	source.WriteString("package main\n\nimport \"hashset\"\n\nfunc main() {\n\ts := hashset.New()\n")
	const firstLine = 7
	for _, line := range lines {
		fmt.Fprintf(&source, "\t%s\n", line.code)
	}
	source.WriteString("}\n")

	// Inside the module, so that it imports hashset; "_" keeps it out of ./...
	dir, err := os.MkdirTemp(".", "_badcalls")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(source.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	// -gcflags=-e: report every error, not the first ten.
	out, err := exec.Command(goTool, "build", "-gcflags=-e", "-o", os.DevNull, "./"+filepath.Base(dir)).CombinedOutput()
	if err == nil {
		t.Fatal("the bad calls compiled")
	}
	report := string(out)
	for i, line := range lines {
		where := fmt.Sprintf("main.go:%d:", firstLine+i)
		if reported := strings.Contains(report, where); reported != line.bad {
			t.Errorf("%s (line %d): reported %v, want %v\n%s", line.code, firstLine+i, reported, line.bad, report)
		}
	}
}
