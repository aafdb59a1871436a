<?php
// The README's PHP example, run by the php_ini_package test with the extension
// loaded only through build/<preset>/php/hashset.ini (PHP_INI_SCAN_DIR).
$s = new HashSet([1, 2, PHP_INT_MAX]); $s->add(-1);
$all = iterator_to_array($s, false); sort($all); echo implode(' ', $all), "\n";
$back = HashSet::deserialize($s->serialize()); $t = clone $s;
echo count($s), ' ', var_export($back->equals($s), true), ' ', var_export($t->equals($s), true), "\n";
$ini = array_values(array_filter(array_map('trim', explode(',', (string) php_ini_scanned_files())),
                                 fn($f) => basename($f) === 'hashset.ini'));
echo 'loaded by ', $ini[0] ?? 'nothing', "\n";
