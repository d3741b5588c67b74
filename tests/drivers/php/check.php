<?php

// Loads every class of a generated package through its PSR-4 autoloader and
// checks that every class named in a property, parameter or return type
// exists, and that every `Name::member` and `new Name` in the code names an
// existing class, method or constant, so a wrong or missing reference fails
// here rather than at run time (PHP has no compiler to catch them).
//   php check.php <package dir>

declare(strict_types=1);

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

/**
 * Every `Name::member` and `new Name` reference in a file, resolved against its
 * namespace and `use` imports.
 *
 * @return list<array{int, string, ?string, bool}> line, class, member, whether it is called
 */
function static_references(string $code): array
{
    $tokens = array_values(array_filter(
        PhpToken::tokenize($code),
        static fn (PhpToken $token): bool => !$token->isIgnorable(),
    ));
    $namespace = '';
    $imports = [];
    $references = [];
    $names = [T_STRING, T_NAME_QUALIFIED, T_NAME_FULLY_QUALIFIED];
    $resolve = static function (string $name) use (&$namespace, &$imports): string {
        if ($name[0] === '\\') {
            return substr($name, 1);
        }
        $first = explode('\\', $name, 2);
        if (isset($imports[strtolower($first[0])])) {
            return $imports[strtolower($first[0])] . (isset($first[1]) ? '\\' . $first[1] : '');
        }
        return $namespace === '' ? $name : "{$namespace}\\{$name}";
    };
    foreach ($tokens as $i => $token) {
        $next = $tokens[$i + 1] ?? null;
        if ($token->is(T_NAMESPACE) && $next !== null && $next->is([T_STRING, T_NAME_QUALIFIED])) {
            $namespace = $next->text;
        } elseif ($token->is(T_USE) && $next !== null && $next->is($names) && $i > 0 && $tokens[$i - 1]->text === ';') {
            $parts = explode('\\', ltrim($next->text, '\\'));
            $imports[strtolower((string) end($parts))] = ltrim($next->text, '\\');
        } elseif ($token->is($names) && $next !== null && $next->is(T_DOUBLE_COLON)) {
            if (in_array(strtolower($token->text), ['self', 'static', 'parent'], true)) {
                continue;
            }
            $member = $tokens[$i + 2] ?? null;
            $called = ($tokens[$i + 3] ?? null)?->text === '(';
            $name = $member !== null && $member->is([T_STRING, T_CLASS]) ? $member->text : null;
            $references[] = [$token->line, $resolve($token->text), $name, $called];
        } elseif ($token->is(T_NEW) && $next !== null && $next->is($names) && !in_array($next->text, ['self', 'static'], true)) {
            $references[] = [$next->line, $resolve($next->text), null, false];
        }
    }
    return $references;
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
    foreach (static_references((string) file_get_contents($path)) as [$line, $target, $member, $called]) {
        $where = "{$path}:{$line}";
        if (!class_exists($target) && !interface_exists($target)) {
            $problems[] = "{$where}: unknown class {$target}";
        } elseif ($member === null || $member === 'class') {
            continue;
        } elseif ($called && !method_exists($target, $member)) {
            $problems[] = "{$where}: unknown method {$target}::{$member}()";
        } elseif (!$called && !defined("{$target}::{$member}")) {
            $problems[] = "{$where}: unknown constant {$target}::{$member}";
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
