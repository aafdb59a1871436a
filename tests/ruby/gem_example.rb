# The README's Ruby example, run by the ruby_gem_package test from the
# installed gem (GEM_HOME), not from the build tree.
require "hashset"
s = Hashset::HashSet[1, 2**63 - 1]; s << -1; p s.include?(-1)
p (s | [5]).to_a.sort, Hashset::HashSet.deserialize(s.serialize) == s

loaded = $LOADED_FEATURES.grep(/hashset\.so\z/)
unless loaded.size == 1 && loaded[0].start_with?(File.realpath(ENV.fetch("GEM_HOME")))
  abort "hashset.so was not loaded from GEM_HOME: #{loaded.inspect}"
end
puts Gem.loaded_specs.fetch("hashset").full_name
