//go:build race

package hashset_test

// raceEnabled: the race detector is on (memory figures are meaningless).
const raceEnabled = true
