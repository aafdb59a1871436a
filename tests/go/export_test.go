package hashset

// LiveNative reports how many native sets and iterators are not yet released.
func LiveNative() (sets, iterators int64) {
	return liveSets.Load(), liveIterators.Load()
}
