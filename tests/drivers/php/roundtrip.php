<?php

// Round-trip driver for the generated PHP package.
//   php roundtrip.php <package dir> <TypeName> <file.json>   prints the re-encoded JSON
//   php roundtrip.php <package dir> --batch                  stdin: TYPE<TAB>IN<TAB>OUT per line

declare(strict_types=1);

$prefix = require __DIR__ . '/autoload.php';
$json = $prefix . 'Json';

function roundtrip(string $prefix, string $json, string $type, string $file): string
{
    $class = $prefix . 'Dto\\' . $type;
    if (!class_exists($class)) {
        throw new RuntimeException("unknown type {$type}");
    }
    $value = $class::fromJson((string) file_get_contents($file));
    return $json::encode($value, JSON_PRETTY_PRINT) . "\n";
}

if (($argv[2] ?? '') === '--batch') {
    $failed = 0;
    while (($line = fgets(STDIN)) !== false) {
        if (trim($line) === '') {
            continue;
        }
        [$type, $input, $output] = explode("\t", rtrim($line, "\r\n"));
        try {
            file_put_contents($output, roundtrip($prefix, $json, $type, $input));
        } catch (Throwable $error) {
            $failed++;
            fwrite(STDERR, "{$type} {$input}: {$error->getMessage()}\n");
        }
    }
    exit($failed === 0 ? 0 : 1);
}
try {
    echo roundtrip($prefix, $json, $argv[2] ?? '', $argv[3] ?? '');
} catch (Throwable $error) {
    fwrite(STDERR, "error: {$error->getMessage()}\n");
    exit(1);
}
