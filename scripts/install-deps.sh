#!/usr/bin/env bash
# Installs from Debian's packages what the build needs for the core and the
# languages named as arguments (the names of the lists in scripts/deps/, or
# the path of another list, such as bench/deps.txt), or for every language
# with --all. Does nothing when everything is already installed.
set -euo pipefail
deps_dir=$(cd "$(dirname "$0")" && pwd)/deps

lists=("$@")
if [[ ${1:-} == --all ]]; then
  mapfile -t lists < <(ls "$deps_dir" | sed -n 's/\.txt$//p' | grep -vx core)
fi

wanted=()
for list in core "${lists[@]}"; do
  file=$deps_dir/$list.txt
  [[ $list == */* ]] && file=$list
  [[ -f $file ]] || { echo "install-deps: no package list $file" >&2; exit 2; }
  while read -r package _; do
    [[ -z $package || $package == \#* ]] || wanted+=("$package")
  done < "$file"
done

missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
