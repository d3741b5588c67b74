<?php

// Loads every class of a generated package through its PSR-4 autoloader and
// checks that every class named in a property, parameter or return type
// exists, so a wrong or missing reference fails here rather than at run time.
//   php check.php <package dir>

declare(strict_types=1);

error_reporting(E_ALL);
set_error_handler(static function (int $severity, string $message, string $file, int $line): bool {
    throw new ErrorException($message, 0, $severity, $file, $line);
});

$prefix = require __DIR__ . '/autoload.php';
$src = rtrim($argv[1], '/') . '/src';

/** @return list<string> */
function type_names(?ReflectionType $type): array
{
    if ($type instanceof ReflectionNamedType) {
        return $type->isBuiltin() ? [] : [$type->getName()];
    }
    if ($type instanceof ReflectionUnionType || $type instanceof ReflectionIntersectionType) {
        return array_merge(...array_map('type_names', $type->getTypes()));
    }
    return [];
}

$problems = [];
$classes = 0;
$files = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($src, FilesystemIterator::SKIP_DOTS));
$paths = [];
foreach ($files as $file) {
    if ($file->getExtension() === 'php') {
        $paths[] = $file->getPathname();
    }
}
sort($paths);
foreach ($paths as $path) {
    $class = $prefix . str_replace('/', '\\', substr($path, strlen($src) + 1, -4));
    if (!class_exists($class) && !interface_exists($class)) {
        $problems[] = "{$path}: does not declare {$class}";
        continue;
    }
    $classes++;
    $reflection = new ReflectionClass($class);
    $used = [];
    foreach ($reflection->getProperties() as $property) {
        $used["property \${$property->getName()}"] = type_names($property->getType());
    }
    foreach ($reflection->getMethods() as $method) {
        $used["{$method->getName()}() return"] = type_names($method->getReturnType());
        foreach ($method->getParameters() as $parameter) {
            $used["{$method->getName()}(\${$parameter->getName()})"] = type_names($parameter->getType());
        }
    }
    foreach ($used as $where => $names) {
        foreach ($names as $name) {
            if (!in_array($name, ['self', 'static'], true) && !class_exists($name) && !interface_exists($name)) {
                $problems[] = "{$class} {$where}: unknown type {$name}";
            }
        }
    }
}
foreach ($problems as $problem) {
    fwrite(STDERR, "{$problem}\n");
}
echo "php: {$classes} classes loaded, " . count($problems) . " problems\n";
exit($problems === [] && $classes > 0 ? 0 : 1);
